package io.cloudmount.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DriveUsers} over a made-up {@code /proc}: what counts as using a drive, and how it is named. */
class DriveUsersTest {
    @TempDir
    Path proc;

    private Path process(long pid, String command) throws Exception {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("comm"), command + "\n");
        Files.createDirectories(dir.resolve("fd"));
        Files.writeString(dir.resolve("maps"), "");
        return dir;
    }

    @Test
    void openFilesWorkingFoldersAndMappedFilesUnderTheMountPointCount() throws Exception {
        Path editor = process(10, "vim");
        Files.createSymbolicLink(editor.resolve("fd").resolve("3"), Path.of("/mnt/drive/notes.txt"));
        Files.createSymbolicLink(editor.resolve("fd").resolve("4"), Path.of("/mnt/drive-other/a.txt"));
        Files.createSymbolicLink(editor.resolve("cwd"), Path.of("/home/me"));
        Path shell = process(11, "bash");
        Files.createSymbolicLink(shell.resolve("cwd"), Path.of("/mnt/drive"));
        Path viewer = process(12, "eog");
        Files.writeString(viewer.resolve("maps"), """
                7f00-7f10 r--p 00000000 00:2a 17 /mnt/drive/photo.png
                7f10-7f20 rw-p 00000000 00:00 0 \s
                """);
        Path removed = process(13, "tail");
        Files.createSymbolicLink(removed.resolve("fd").resolve("5"), Path.of("/mnt/drive/log.txt (deleted)"));
        process(14, "idle");

        List<DriveUsers.User> users = DriveUsers.of(proc, Path.of("/mnt/drive"), -1);

        assertThat(users).extracting(DriveUsers.User::toString).containsExactly(
                "vim (pid 10): /mnt/drive/notes.txt",
                "bash (pid 11): working folder /mnt/drive",
                "eog (pid 12): /mnt/drive/photo.png",
                "tail (pid 13): /mnt/drive/log.txt (deleted)");
    }

    @Test
    void manyFilesOfOneProcessAreSummedUpAndTheCallerIsLeftOut() throws Exception {
        Path build = process(20, "make");
        for (int fd = 3; fd < 8; fd++) {
            Files.createSymbolicLink(build.resolve("fd").resolve(Integer.toString(fd)), Path.of("/mnt/drive/f" + fd));
        }
        Path self = process(21, "cloudmount");
        Files.createSymbolicLink(self.resolve("cwd"), Path.of("/mnt/drive"));

        assertThat(DriveUsers.of(proc, Path.of("/mnt/drive"), 21)).extracting(DriveUsers.User::toString)
                .containsExactly("make (pid 20): /mnt/drive/f3, /mnt/drive/f4, /mnt/drive/f5 and 2 more");
    }

    @Test
    void withoutProcNobodyIsFound() {
        assertThat(DriveUsers.of(proc.resolve("missing"), Path.of("/mnt/drive"), -1)).isEmpty();
    }
}
