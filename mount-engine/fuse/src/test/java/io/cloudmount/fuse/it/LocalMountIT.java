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
}
