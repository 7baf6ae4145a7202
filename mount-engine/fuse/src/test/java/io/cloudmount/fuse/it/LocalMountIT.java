package io.cloudmount.fuse.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.fuse.KernelCachePolicy;
import io.cloudmount.provider.local.LocalProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suite through a real mount of a local folder, plus what only a folder mirror shows. */
class LocalMountIT extends FileSystemSuite {
    @TempDir
    Path work;
    private Path backing;
    private MountedDrive drive;

    @BeforeEach
    void mount() throws Exception {
        backing = Files.createDirectories(work.resolve("backing"));
        drive = MountedDrive.mount(new LocalProvider(backing), work, KernelCachePolicy.shared());
    }

    @AfterEach
    void unmount() {
        drive.close();
    }

    @Override
    protected Path root() {
        return drive.root();
    }

    @Test
    void filesWrittenThroughTheMountAppearInTheFolder() throws IOException {
        Files.writeString(root().resolve("mirrored.txt"), "same bytes");
        assertThat(Files.readString(backing.resolve("mirrored.txt"))).isEqualTo("same bytes");
    }

    @Test
    void rmRfOfAFolderHoldingALinkToAnotherFolderLeavesThatFolderAlone() throws Exception {
        Files.createDirectories(backing.resolve("shared"));
        Files.writeString(backing.resolve("shared/keep.txt"), "precious");
        Files.createDirectories(backing.resolve("project"));
        Files.writeString(backing.resolve("project/a.txt"), "a");
        Files.createSymbolicLink(backing.resolve("project/shared-link"), Path.of("../shared"));

        Shell.Result rm = Shell.run(root(), "rm -rf project");

        // The link shows as a folder, so rm walks into it: the deletes inside are refused, and said so.
        assertThat(rm.exitCode()).isNotZero();
        assertThat(rm.output()).contains("keep.txt").contains("Permission denied");
        assertThat(Files.readString(backing.resolve("shared/keep.txt"))).isEqualTo("precious");
        assertThat(backing.resolve("project/a.txt")).doesNotExist();
        assertThat(Files.isSymbolicLink(backing.resolve("project/shared-link"))).isTrue();
        Files.delete(root().resolve("project/shared-link")); // removing the link itself works
    }

    @Test
    void namesThatAreNotUtf8AreRefusedOrHiddenNeverMerged() throws Exception {
        Shell.ok(backing, "printf latin1 > $'caf\\xe9.txt'; printf ok > plain.txt");

        Shell.Result written = Shell.run(root(), "printf first > $'r\\xe9sum\\xe9.txt'");

        assertThat(written.exitCode()).isNotZero();
        assertThat(written.output()).contains("Invalid or incomplete multibyte");
        try (var names = Files.list(root())) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactly("plain.txt");
        }
        assertThat(Shell.ok(backing, "ls | wc -l").strip()).as("nothing renamed or lost in the folder").isEqualTo("2");
    }

    @Test
    void aSparseFileBeyond4GiBIsWrittenAndReadAtItsOffset() throws IOException {
        Path file = root().resolve("huge.bin");
        long offset = 5L << 30;
        byte[] tail = "beyond four gibibytes".getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(tail), offset);
        }
        assertThat(Files.size(file)).isEqualTo(offset + tail.length);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(tail.length);
            ch.read(buf, offset);
            assertThat(buf.array()).isEqualTo(tail);
            ByteBuffer hole = ByteBuffer.allocate(4096);
            ch.read(hole, 1L << 32);
            assertThat(hole.array()).containsOnly(0);
        }
    }

    /**
     * {@code touch -d}, {@code tar x} and {@code rsync -t} set times before 1970 too. Java cannot set such a
     * time with a fraction of a second on Linux (it sets 1970-01-01 instead), so the drive keeps it to the second.
     */
    @Test
    void timesBefore1970AreKeptToTheSecond() throws Exception {
        Shell.ok(root(), "touch -d '1960-06-01T12:00:00.75Z' old.txt && touch -d '1969-12-31T23:59:59.5Z' edge.txt");

        assertThat(Files.getLastModifiedTime(root().resolve("old.txt")).toInstant())
                .isBetween(Instant.parse("1960-06-01T12:00:00Z"), Instant.parse("1960-06-01T12:00:00.75Z"));
        assertThat(Files.getLastModifiedTime(backing.resolve("edge.txt")).toInstant())
                .isBetween(Instant.parse("1969-12-31T23:59:59Z"), Instant.parse("1969-12-31T23:59:59.5Z"));
    }
}
