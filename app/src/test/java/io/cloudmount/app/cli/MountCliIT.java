package io.cloudmount.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudmount.fuse.MountTable;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cloudmount mount/unmount/list} as separate processes, through real mounts. */
class MountCliIT {
    private static final Duration READY = Duration.ofSeconds(30);

    @TempDir
    Path work;

    private Path mountPoint() throws Exception {
        return Files.createDirectories(work.resolve("mnt"));
    }

    @Test
    void mountServesFilesUntilUnmountFromAnotherShellThenExitsZero() throws Exception {
        Path mp = mountPoint();
        try (CliProcess mount = CliProcess.start(work, "mount", "memory:", mp.toString())) {
            assertThat(mount.awaitLine("ready", READY)).contains(mp.toString());
            Files.writeString(mp.resolve("hello.txt"), "through the mount");
            assertThat(Files.readString(mp.resolve("hello.txt"))).isEqualTo("through the mount");

            CliProcess.Finished list = CliProcess.run(work, "list");
            assertThat(list.stdout()).contains(mp.toString()).contains("memory:");

            CliProcess.Finished unmount = CliProcess.run(work, "unmount", mp.toString());
            assertThat(unmount.exitCode()).as(unmount.stderr()).isZero();
            assertThat(mount.waitFor(Duration.ofSeconds(30))).isZero();
            assertThat(MountTable.find(mp)).isEmpty();
        }
    }

    @Test
    void unmountRefusesADriveProgramsStillUseAndNamesThemUnlessForced() throws Exception {
        Path mp = mountPoint();
        try (CliProcess mount = CliProcess.start(work, "mount", "memory:", mp.toString())) {
            mount.awaitLine("ready", READY);
            Files.createDirectories(mp.resolve("project"));
            Files.writeString(mp.resolve("notes.txt"), "not saved anywhere else");
            Process shell = new ProcessBuilder("sleep", "600").directory(mp.resolve("project").toFile()).start();
            try {
                CliProcess.Finished busy = CliProcess.run(work, "unmount", mp.toString());
                assertThat(busy.exitCode()).as(busy.stderr()).isEqualTo(ExitCode.BUSY);
                assertThat(busy.stderr()).contains("in use").contains("sleep (pid " + shell.pid() + ")")
                        .contains("working folder " + mp.resolve("project")).contains("--force");
            } finally {
                shell.destroyForcibly().waitFor();
            }
            try (FileChannel open = FileChannel.open(mp.resolve("notes.txt"))) {
                CliProcess.Finished busy = CliProcess.run(work, "unmount", mp.toString());
                assertThat(busy.exitCode()).as(busy.stderr()).isEqualTo(ExitCode.BUSY);
                assertThat(busy.stderr()).contains("(pid " + ProcessHandle.current().pid() + ")")
                        .contains(mp.resolve("notes.txt").toString());
                assertThat(Files.readString(mp.resolve("notes.txt"))).as("still mounted").isEqualTo("not saved anywhere else");

                CliProcess.Finished forced = CliProcess.run(work, "unmount", "--force", mp.toString());
                assertThat(forced.exitCode()).as(forced.stderr()).isZero();
            }
            assertThat(mount.waitFor(Duration.ofSeconds(30))).isZero();
            assertThat(MountTable.find(mp)).isEmpty();
        }
    }

    @Test
    void sigtermAndSigintUnmountCleanlyWithExitZero() throws Exception {
        Path mp = mountPoint();
        for (String signal : List.of("TERM", "INT")) {
            try (CliProcess mount = CliProcess.start(work, "mount", "local:" + Files.createDirectories(work.resolve("src")), mp.toString())) {
                mount.awaitLine("ready", READY);
                new ProcessBuilder("kill", "-" + signal, Long.toString(mount.pid())).start().waitFor();
                assertThat(mount.waitFor(Duration.ofSeconds(30))).as("exit after SIG" + signal).isZero();
                assertThat(MountTable.find(mp)).isEmpty();
            }
        }
    }

    @Test
    void aMountLeftByAKilledProcessIsClearedByTheNextMount() throws Exception {
        Path mp = mountPoint();
        try (CliProcess first = CliProcess.start(work, "mount", "memory:", mp.toString())) {
            first.awaitLine("ready", READY);
            first.process().destroyForcibly().waitFor();
        }
        assertThat(MountTable.find(mp)).as("the kernel keeps the dead mount").isPresent();
        assertThat(MountTable.isStale(mp)).isTrue();
        try (CliProcess second = CliProcess.start(work, "mount", "memory:", mp.toString())) {
            second.awaitLine("ready", READY);
            Files.writeString(mp.resolve("alive"), "yes");
            assertThat(Files.readString(mp.resolve("alive"))).isEqualTo("yes");
            second.process().destroy();
            assertThat(second.waitFor(Duration.ofSeconds(30))).isZero();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> MountTable.find(mp).isEmpty());
    }

    @Test
    void demoWithoutADisplayMountsAnInMemoryDriveInTheHomeFolder() throws Exception {
        Path home = Files.createDirectories(work.resolve("home"));
        try (CliProcess demo = CliProcess.start(work, java.util.Map.of("DISPLAY", "", "WAYLAND_DISPLAY", ""),
                List.of("-Duser.home=" + home), "demo")) {
            demo.awaitLine("ready", READY);
            Path drive = home.resolve("CloudMount");
            Files.writeString(drive.resolve("try-me.txt"), "no account needed");
            assertThat(Files.readString(drive.resolve("try-me.txt"))).isEqualTo("no account needed");
            demo.process().destroy();
            assertThat(demo.waitFor(Duration.ofSeconds(30))).isZero();
            assertThat(MountTable.find(drive)).isEmpty();
        }
    }

    /**
     * Linux's kernel caches each spelling of a name apart: a long-kept "no such file" for {@code Foo}
     * hid a file created as {@code foo}, and a long-kept entry for {@code FOO} showed a file removed
     * as {@code foo}.
     */
    @Test
    void aCaseInsensitiveMemoryDriveShowsChangesUnderEverySpellingOfAName() throws Exception {
        Path mp = mountPoint();
        try (CliProcess mount = CliProcess.start(work, "mount", "memory:", mp.toString(), "--case-insensitive")) {
            mount.awaitLine("ready", READY);
            try {
                assertThat(mp.resolve("Foo")).doesNotExist();
                Files.writeString(mp.resolve("foo"), "hi");
                assertThat(mp.resolve("Foo")).exists();
                assertThat(Files.readString(mp.resolve("FOO"))).isEqualTo("hi");

                Files.delete(mp.resolve("foo"));
                // Entries of the other spellings are trusted for the attribute timeout (1 s), no longer.
                await().atMost(Duration.ofSeconds(10)).until(() -> Files.notExists(mp.resolve("FOO"))
                        && Files.notExists(mp.resolve("Foo")));
            } finally {
                mount.process().destroy(); // SIGTERM unmounts
                mount.waitFor(Duration.ofSeconds(30));
            }
        }
        assertThat(MountTable.find(mp)).isEmpty();
    }

    @Test
    void readOnlyMountRefusesWrites() throws Exception {
        Path mp = mountPoint();
        Path src = Files.createDirectories(work.resolve("src"));
        Files.writeString(src.resolve("existing.txt"), "read me");
        try (CliProcess mount = CliProcess.start(work, "mount", "local:" + src, mp.toString(), "--read-only")) {
            mount.awaitLine("ready", READY);
            assertThat(Files.readString(mp.resolve("existing.txt"))).isEqualTo("read me");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Files.writeString(mp.resolve("new.txt"), "x"))
                    .hasMessageContaining("Read-only file system");
            mount.process().destroy();
            assertThat(mount.waitFor(Duration.ofSeconds(30))).isZero();
        }
    }
}
