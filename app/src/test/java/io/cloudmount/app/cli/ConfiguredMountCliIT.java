package io.cloudmount.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudmount.app.config.ConfigFile;
import io.cloudmount.app.config.ConfigStore;
import io.cloudmount.app.drive.DriveConfig;
import io.cloudmount.app.drive.StorageSpec;
import io.cloudmount.app.secrets.FileSecretStore;
import io.cloudmount.provider.s3.testing.S3ServerExtension;
import io.cloudmount.provider.s3.testing.S3TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code cloudmount mount NAME}: a drive configured in the app, mounted by the CLI at its mount point. */
class ConfiguredMountCliIT {
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    @TempDir
    Path dir;

    @Test
    void aConfiguredDriveMountsByNameAtItsMountPoint() throws Exception {
        Path mountPoint = dir.resolve("mnt/Scratch"); // does not exist yet: mounting by name creates it
        save(new DriveConfig("1", "Scratch", new StorageSpec.Memory(64L << 20), mountPoint.toString(), false, false, 0, false));
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

    @Test
    void anS3DriveMountsWithTheSecretKeyFromTheSecretStore() throws Exception {
        String bucket = S3.server().createBucket();
        Path mountPoint = dir.resolve("mnt/Photos");
        DriveConfig photos = new DriveConfig("2", "Photos", new StorageSpec.S3(S3.server().endpoint().toString(),
                S3TestServer.REGION, bucket, "", StorageSpec.S3Auth.KEYS, S3TestServer.ACCESS_KEY, "", true),
                mountPoint.toString(), false, false, 0, false);
        save(photos);
        new FileSecretStore(dir.resolve("config/secrets.json")).put(photos.secretKey(), S3TestServer.SECRET_KEY);
        List<String> jvm = List.of("-Dcloudmount.config.dir=" + dir.resolve("config"), "-Dcloudmount.secrets=file");
        Path runtime = Files.createDirectories(dir.resolve("runtime"));
        // This start drops every AWS_* variable: the keys can only come from the secret store.
        try (CliProcess mount = CliProcess.start(runtime, Map.of(), jvm, "mount", "Photos")) {
            mount.awaitLine("(ready)", Duration.ofSeconds(40));
            Files.writeString(mountPoint.resolve("by-cli.txt"), "uploaded");
            await().atMost(Duration.ofSeconds(60)).until(() -> S3.server().admin()
                    .listObjectsV2(r -> r.bucket(bucket)).contents().stream().anyMatch(o -> o.key().equals("by-cli.txt")));
            assertThat(CliProcess.run(runtime, jvm, "unmount", mountPoint.toString()).exitCode()).isZero();
        }
        assertThat(Files.readString(dir.resolve("config/config.json"))).doesNotContain(S3TestServer.SECRET_KEY);
    }

    private void save(DriveConfig drive) throws Exception {
        ConfigStore store = new ConfigStore(dir.resolve("config/config.json"));
        List<DriveConfig> drives = new java.util.ArrayList<>(store.load().drives());
        drives.add(drive);
        store.save(new ConfigFile(1, null, drives));
    }
}
