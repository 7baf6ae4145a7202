package io.cloudmount.engine.vfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.provider.UploadOptions;
import io.cloudmount.provider.memory.MemoryProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How many requests reads through the cache cost the store, and what a broken request costs the reader. */
class CachedReadRequestsTest {
    private static final int MIB = 1 << 20;
    private static final int CHUNKS = 64;

    @TempDir
    Path dir;
    private final SwitchableProvider store = new SwitchableProvider(MemoryProvider.withCapacity(256L << 20));
    private byte[] content;
    private Vfs vfs;

    @BeforeEach
    void storeALargeFile() throws IOException {
        content = new byte[CHUNKS * MIB];
        new Random(11).nextBytes(content);
        Path source = Files.write(dir.resolve("source.bin"), content);
        store.upload("/big.bin", source, UploadOptions.modifiedAt(Instant.now()));
        CacheSettings settings = CacheSettings.defaults(dir.resolve("cache")).withLimits(256L << 20, 0);
        vfs = Vfs.cached(store, VfsOptions.defaults(), settings);
        store.readRequests.set(0);
    }

    @AfterEach
    void close() throws IOException {
        vfs.close();
    }

    @Test
    void aSequentialReadOfALargeFileNeedsFarFewerRequestsThanChunks() throws Exception {
        byte[] read = readSequentially(MIB / 8); // the kernel's usual request size

        assertThat(read).isEqualTo(content);
        assertThat(store.readRequests.get()).as("one request per chunk would be %d", CHUNKS).isLessThanOrEqualTo(CHUNKS / 3);
    }

    @Test
    void readingTheFirstKibOfALargeFileIsOneRequestForOneChunk() throws Exception {
        long fh = vfs.open("/big.bin", OpenFlags.READ_ONLY);
        ByteBuffer first = ByteBuffer.allocate(1024);
        vfs.read(fh, 0, first);
        vfs.release(fh);

        assertThat(first.array()).isEqualTo(Arrays.copyOf(content, 1024));
        assertThat(store.readRequests.get()).isEqualTo(1);
        assertThat(vfs.cacheBytesUsed()).isEqualTo(MIB);
    }

    @Test
    void aRequestBrokenPartWayIsContinuedFromTheFirstMissingChunkAndTheBytesAreRight() throws Exception {
        store.breakNextStreamAfterPieces.set(1);
        long fh = vfs.open("/big.bin", OpenFlags.READ_ONLY);
        ByteBuffer first = ByteBuffer.allocate(8 * MIB); // needs 8 chunks: two requests of four
        vfs.read(fh, 0, first);
        vfs.release(fh);

        assertThat(first.array()).isEqualTo(Arrays.copyOf(content, 8 * MIB));
        assertThat(store.readRequests.get()).as("two, and one more for the rest of the broken one").isEqualTo(3);
        assertThat(store.bytesRequested.get()).as("only the missing chunks are asked for again").isEqualTo(11L * MIB);
    }

    private byte[] readSequentially(int block) throws IOException {
        long fh = vfs.open("/big.bin", OpenFlags.READ_ONLY);
        ByteBuffer all = ByteBuffer.allocate(content.length);
        try {
            for (long at = 0; at < content.length; at += block) {
                vfs.read(fh, at, all.slice((int) at, block));
            }
        } finally {
            vfs.release(fh);
        }
        return all.array();
    }
}
