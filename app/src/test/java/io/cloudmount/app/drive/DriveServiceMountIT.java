package io.cloudmount.app.drive;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.app.secrets.FileSecretStore;
import io.cloudmount.engine.vfs.CacheSettings;
import io.cloudmount.fuse.MountTable;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app's drive service through real FUSE mounts. */
class DriveServiceMountIT {
    @TempDir
    Path work;

    /** After a crash of the app (kill -9, power cut of the session) its drives' folders hold dead mounts. */
    @Test
    void aDriveMountsWhereAKilledProcessLeftItsMount() throws Exception {
        Path mountPoint = Files.createDirectories(work.resolve("mnt"));
        leaveStaleMount(mountPoint);
        assertThat(MountTable.isStale(mountPoint)).as("the kernel keeps the dead mount").isTrue();
        DriveService service = new DriveService(new ProviderFactory(new FileSecretStore(work.resolve("secrets.json"))),
                Mounter.FUSE, DriveActivitySource.NONE, d -> CacheSettings.defaults(work.resolve("cache")), Runnable::run);
        try {
            DriveConfig drive = new DriveConfig("d1", "Scratch", new StorageSpec.Memory(1L << 20), mountPoint.toString(),
                    false, false, 0, false);

            DriveStatus status = service.mount(drive).get(60, TimeUnit.SECONDS);

            assertThat(status.state()).as(status.describe()).isEqualTo(DriveState.MOUNTED);
            Files.writeString(mountPoint.resolve("alive"), "yes");
            assertThat(Files.readString(mountPoint.resolve("alive"))).isEqualTo("yes");
        } finally {
            service.close();
            if (MountTable.isStale(mountPoint)) {
                MountTable.lazyUnmount(mountPoint); // a failed run leaves no dead mount behind
            }
        }
    }

    /** A mount point chosen where the user may not create folders (/mnt/Photos): the message says why it failed. */
    @Test
    void aMountFolderThatMayNotBeCreatedSaysPermissionDenied() throws Exception {
        Path others = Files.createDirectories(work.resolve("others"));
        // Owned by a user that the namespace below does not map: there even root may not write into it.
        Files.setAttribute(others, "unix:uid", 12345);
        Files.setAttribute(others, "unix:gid", 12345);
        Path mountPoint = others.resolve("Photos");
        Process probe = new ProcessBuilder(List.of("unshare", "-r", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MountFolderProbe.class.getName(), mountPoint.toString()))
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        org.junit.jupiter.api.Assumptions.assumeFalse(output.contains("unshare:"), "needs user namespaces: " + output);

        assertThat(output.strip()).isEqualTo("problem Cannot create the mount folder " + mountPoint
                + ": permission denied for " + mountPoint + "; choose a folder you may create, such as one in your home folder");
    }

    /** Mounts a memory drive with {@code cloudmount mount} in another JVM and kills that JVM with SIGKILL. */
    private void leaveStaleMount(Path mountPoint) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.cloudmount.app.Main", "mount", "memory:", mountPoint.toString()));
        builder.environment().put("XDG_RUNTIME_DIR", work.toString());
        builder.redirectErrorStream(true);
        Process mount = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(mount.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.contains("(ready)")) {
                // the mount's log lines
            }
            assertThat(line).as("cloudmount mount printed its ready line").isNotNull();
            mount.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
