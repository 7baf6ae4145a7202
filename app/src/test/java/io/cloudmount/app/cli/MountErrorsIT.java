package io.cloudmount.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.fuse.MountTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each mistake a user can make gets one line on stderr and its own exit code. */
class MountErrorsIT {
    @TempDir
    Path work;

    @Test
    void missingMountPoint() throws Exception {
        assertFails(ExitCode.MOUNT_POINT_MISSING, "does not exist", "mount", "memory:", work.resolve("nope").toString());
    }

    @Test
    void mountPointIsAFile() throws Exception {
        Path file = Files.writeString(work.resolve("file"), "x");
        assertFails(ExitCode.MOUNT_POINT_NOT_DIRECTORY, "not a directory", "mount", "memory:", file.toString());
    }

    @Test
    void mountPointNotEmpty() throws Exception {
        Path dir = Files.createDirectories(work.resolve("full"));
        Files.writeString(dir.resolve("x"), "x");
        assertFails(ExitCode.MOUNT_POINT_NOT_EMPTY, "not empty", "mount", "memory:", dir.toString());
    }

    @Test
    void localSourceMissing() throws Exception {
        Path mp = Files.createDirectories(work.resolve("mnt"));
        assertFails(ExitCode.SOURCE_UNAVAILABLE, "does not exist", "mount", "local:" + work.resolve("missing"), mp.toString());
    }

    @Test
    void aLocalFolderMountedInsideItself() throws Exception {
        Path folder = Files.createDirectories(work.resolve("files/inner"));
        assertFails(ExitCode.USAGE, "inside the drive's own folder", "mount", "local:" + work.resolve("files"),
                folder.toString());
        assertThat(folder).as("nothing was mounted there").isEmptyDirectory();
    }

    @Test
    void anS3CacheInsideTheMountPoint() throws Exception {
        Path mp = Files.createDirectories(work.resolve("mnt"));
        assertFails(ExitCode.USAGE, "cache folder", "mount", "s3://bucket", mp.toString(), "--cache-dir",
                mp.resolve("cache").toString(), "--endpoint", "http://127.0.0.1:1");
    }

    @Test
    void anS3CacheFolderThatIsAFile() throws Exception {
        Path mp = Files.createDirectories(work.resolve("mnt"));
        Path file = Files.writeString(work.resolve("cache-file"), "x");
        CliProcess.Finished result = CliProcess.run(work, "mount", "s3://bucket", mp.toString(), "--cache-dir",
                file.toString(), "--endpoint", "http://127.0.0.1:1");
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.USAGE);
        assertThat(result.stderr().lines()).as("one line, no warnings of the store's journals before it")
                .containsExactly("cloudmount: --cache-dir " + file + " is a file, not a folder");
    }

    @Test
    void aLocaleWithoutUtf8FileNamesIsReportedAndTheLauncherAvoidsIt() throws Exception {
        try (CliProcess cli = CliProcess.start(work, java.util.Map.of("LC_ALL", "C"), List.of(), "--help")) {
            assertThat(cli.waitFor(Duration.ofSeconds(60))).isZero();
            assertThat(cli.stderr()).contains("not UTF-8");
        }
        Path launcher = Path.of(System.getProperty("user.dir")).resolveSibling("cloudmount");
        ProcessBuilder builder = new ProcessBuilder("bash", launcher.toString(), "--help").redirectErrorStream(true)
                .redirectOutput(work.resolve("launcher.out").toFile());
        builder.environment().put("LC_ALL", "C");
        Process viaLauncher = builder.start();
        assertThat(viaLauncher.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(work.resolve("launcher.out"))).contains("Usage").doesNotContain("not UTF-8");
    }

    @Test
    void aMemoryDriveLargerThanTheHeapCouldHoldIsRefused() throws Exception {
        Path mp = Files.createDirectories(work.resolve("mnt"));
        CliProcess.Finished result = CliProcess.run(work, List.of("-Xmx64m"), "mount", "memory:", mp.toString(),
                "--capacity", "1G");
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.USAGE);
        assertThat(result.stderr()).contains("--capacity 1 GB is more than this process can keep in memory")
                .contains("CLOUDMOUNT_JAVA_OPTS=-Xmx");
        assertThat(MountTable.find(mp)).as("nothing mounted").isEmpty();
    }

    @Test
    void badOptionValues() throws Exception {
        Path mp = Files.createDirectories(work.resolve("mnt"));
        assertFails(ExitCode.USAGE, "threads", "mount", "memory:", mp.toString(), "--threads", "0");
        assertFails(ExitCode.USAGE, "--threads", "mount", "memory:", mp.toString(), "--threads", "many");
        assertFails(ExitCode.USAGE, "not a size", "mount", "memory:", mp.toString(), "--capacity", "lots");
        assertFails(ExitCode.USAGE, "--capacity must be larger than 0", "mount", "memory:", mp.toString(), "--capacity", "0");
        // a fraction of a byte is a size, but rounds down to none
        assertFails(ExitCode.USAGE, "--capacity must be larger than 0", "mount", "memory:", mp.toString(), "--capacity", "0.4");
        assertFails(ExitCode.USAGE, "unknown source", "mount", "ftp://x", mp.toString());
        assertFails(ExitCode.USAGE, "--cache-size must be at least 1M", "mount", "s3://bucket", mp.toString(),
                "--cache-size", "1K", "--endpoint", "http://127.0.0.1:1");
        assertFails(ExitCode.USAGE, "--write-back", "mount", "s3://bucket", mp.toString(), "--write-back", "1e400s",
                "--endpoint", "http://127.0.0.1:1");
    }

    @Test
    void fuseLibraryMissing() throws Exception {
        Path mp = Files.createDirectories(work.resolve("mnt"));
        CliProcess.Finished result = CliProcess.run(work, List.of("-Dcloudmount.fuse.library=/nonexistent/libfuse3.so.3"),
                "mount", "memory:", mp.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.FUSE_NOT_INSTALLED);
        assertThat(result.stderr()).contains("apt-get install fuse3");
    }

    @Test
    void fuseDeviceMissing() throws Exception {
        Path mp = Files.createDirectories(work.resolve("mnt"));
        CliProcess.Finished result = CliProcess.run(work, List.of("-Dcloudmount.fuse.device=/nonexistent/fuse"),
                "mount", "memory:", mp.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.FUSE_DEVICE_UNAVAILABLE);
        assertThat(result.stderr()).contains("does not exist");
    }

    @Test
    void alreadyMounted() throws Exception {
        Path mp = Files.createDirectories(work.resolve("mnt"));
        try (CliProcess first = CliProcess.start(work, "mount", "memory:", mp.toString())) {
            first.awaitLine("ready", Duration.ofSeconds(30));
            assertFails(ExitCode.ALREADY_MOUNTED, "already mounted", "mount", "memory:", mp.toString());
            first.process().destroy();
            assertThat(first.waitFor(Duration.ofSeconds(30))).isZero();
        }
    }

    /** mountinfo lists the real path: a mount point named through a link is still found, by mount and unmount. */
    @Test
    void alreadyMountedThroughASymbolicLink() throws Exception {
        Path mp = Files.createDirectories(work.resolve("mnt"));
        Path link = Files.createSymbolicLink(work.resolve("link-to-mnt"), mp);
        try (CliProcess first = CliProcess.start(work, "mount", "memory:", link.toString())) {
            first.awaitLine("ready", Duration.ofSeconds(30));
            assertFails(ExitCode.ALREADY_MOUNTED, "already mounted", "mount", "memory:", link.toString());
            assertFails(ExitCode.ALREADY_MOUNTED, "already mounted", "mount", "memory:", mp.toString());

            CliProcess.Finished unmount = CliProcess.run(work, "unmount", mp.toString());
            assertThat(unmount.exitCode()).as(unmount.stderr()).isZero();
            assertThat(first.waitFor(Duration.ofSeconds(30))).isZero();
        }
    }

    @Test
    void unmountOfSomethingNotMounted() throws Exception {
        Path dir = Files.createDirectories(work.resolve("plain"));
        assertFails(ExitCode.NOT_MOUNTED, "not mounted", "unmount", dir.toString());
    }

    private void assertFails(int code, String message, String... args) throws Exception {
        CliProcess.Finished result = CliProcess.run(work, args);
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(code);
        assertThat(result.stderr().lines().filter(l -> l.startsWith("cloudmount:")))
                .as(result.stderr()).hasSize(1).first().asString().contains(message);
    }
}
