package io.cloudmount.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.app.config.ConfigFile;
import io.cloudmount.app.config.ConfigStore;
import io.cloudmount.app.drive.DriveConfig;
import io.cloudmount.app.drive.StorageSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cloudmount mount NAME}: a drive configured in the app, mounted by the CLI at its mount point. */
class ConfiguredMountCliIT {
    @TempDir
    Path dir;

    @Test
    void aConfiguredDriveMountsByNameAtItsMountPoint() throws Exception {
        Path mountPoint = dir.resolve("mnt/Scratch"); // does not exist yet: mounting by name creates it
        new ConfigStore(dir.resolve("config/config.json")).save(new ConfigFile(1, null, List.of(new DriveConfig("1",
                "Scratch", new StorageSpec.Memory(64L << 20), mountPoint.toString(), false, false, 0, false))));
        List<String> jvm = List.of("-Dcloudmount.config.dir=" + dir.resolve("config"));
        Path runtime = Files.createDirectories(dir.resolve("runtime"));

        try (CliProcess mount = CliProcess.start(runtime, jvm, "mount", "scratch")) {
            mount.awaitLine("(ready)", Duration.ofSeconds(40));
            Files.writeString(mountPoint.resolve("hello.txt"), "by name");
            assertThat(Files.readString(mountPoint.resolve("hello.txt"))).isEqualTo("by name");
            assertThat(CliProcess.run(runtime, jvm, "list").stdout()).contains(mountPoint + "\tscratch")
                    .contains("Scratch\tMemory 64 MB\t" + mountPoint);

            assertThat(CliProcess.run(runtime, jvm, "unmount", mountPoint.toString()).exitCode()).isZero();
            assertThat(mount.waitFor(Duration.ofSeconds(30))).isZero();
        }
        assertThat(mountPoint.resolve("hello.txt")).doesNotExist();
    }
}
