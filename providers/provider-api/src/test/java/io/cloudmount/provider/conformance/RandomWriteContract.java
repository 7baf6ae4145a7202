package io.cloudmount.provider.conformance;

import static io.cloudmount.provider.ProviderException.Kind.ACCESS_DENIED;
import static io.cloudmount.provider.ProviderException.Kind.UNSUPPORTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.provider.Capability;
import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.OpenMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** In-place writes and truncation through {@link OpenMode#READ_WRITE} handles ({@link Capability#RANDOM_WRITE}). */
abstract class RandomWriteContract extends ContractSupport {

    private static final long FIVE_GIB = 5L << 30;

    @BeforeEach
    void requireRandomWrite() {
        assumeCapability(Capability.RANDOM_WRITE);
    }

    private ObjectHandle openForWrite(String path) throws IOException {
        return provider().open(path, OpenMode.READ_WRITE);
    }

    @Test
    void aCreatedFileIsFilledThroughAWritableHandle() throws IOException {
        byte[] data = content(300_000, 1);
        provider().createFile("/f", true);

        try (ObjectHandle handle = openForWrite("/f")) {
            handle.write(0, ByteBuffer.wrap(data));
        }

        assertThat(readAll("/f")).isEqualTo(data);
        assertThat(provider().stat("/f").size()).isEqualTo(data.length);
    }

    @Test
    void writtenBytesAreReadBackThroughTheSameHandle() throws IOException {
        provider().createFile("/f", true);

        try (ObjectHandle handle = openForWrite("/f")) {
            handle.write(0, ByteBuffer.wrap(utf8("hello world")));
            assertThat(handle.size()).isEqualTo(11);
            assertThat(readRange(handle, 6, 5)).isEqualTo(utf8("world"));
        }
    }

    @Test
    void writeConsumesTheSourceBuffer() throws IOException {
        provider().createFile("/f", true);
        ByteBuffer source = ByteBuffer.wrap(content(1000, 2));

        try (ObjectHandle handle = openForWrite("/f")) {
            handle.write(0, source);
        }

        assertThat(source.hasRemaining()).isFalse();
    }

    @Test
    void writeFromADirectBufferStoresTheSameBytes() throws IOException {
        byte[] data = content(200_000, 3);
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip();
        provider().createFile("/f", true);

        try (ObjectHandle handle = openForWrite("/f")) {
            handle.write(12_345, direct);
        }

        byte[] all = readAll("/f");
        assertThat(all).hasSize(12_345 + data.length);
        assertThat(Arrays.copyOfRange(all, 12_345, all.length)).isEqualTo(data);
    }

    @Test
    void overwriteInTheMiddleKeepsTheBytesAround() throws IOException {
        put("/f", "aaaaaaaaaa");

        try (ObjectHandle handle = openForWrite("/f")) {
            handle.write(3, ByteBuffer.wrap(utf8("BBB")));
        }

        assertThat(readText("/f")).isEqualTo("aaaBBBaaaa");
    }

    @Test
    void writeBeyondTheEndZeroFillsTheGap() throws IOException {
        put("/f", "0123456789");

        try (ObjectHandle handle = openForWrite("/f")) {
            handle.write(100_000, ByteBuffer.wrap(utf8("tail")));
        }

        byte[] all = readAll("/f");
        assertThat(all).hasSize(100_004);
        assertThat(Arrays.copyOfRange(all, 0, 10)).isEqualTo(utf8("0123456789"));
        assertThat(Arrays.copyOfRange(all, 10, 100_000)).containsOnly(0);
        assertThat(Arrays.copyOfRange(all, 100_000, 100_004)).isEqualTo(utf8("tail"));
    }

    @Test
    void writeAtAnOffsetBeyondFourGibibytesIsReadBack() throws IOException {
        provider().createFile("/sparse", true);

        try (ObjectHandle handle = openForWrite("/sparse")) {
            handle.write(FIVE_GIB, ByteBuffer.wrap(utf8("far")));
            assertThat(handle.size()).isEqualTo(FIVE_GIB + 3);
            byte[] around = readRange(handle, FIVE_GIB - 4, 100);
            assertThat(around).containsExactly(0, 0, 0, 0, 'f', 'a', 'r');
        }
        assertThat(provider().stat("/sparse").size()).isEqualTo(FIVE_GIB + 3);
    }

    @Test
    void truncateDownCutsTheContent() throws IOException {
        byte[] data = content(150_000, 4);
        put("/f", data);

        try (ObjectHandle handle = openForWrite("/f")) {
            handle.truncate(70_000);
            assertThat(handle.size()).isEqualTo(70_000);
        }

        assertThat(readAll("/f")).isEqualTo(Arrays.copyOf(data, 70_000));
        assertThat(provider().stat("/f").size()).isEqualTo(70_000);
    }

    @Test
    void truncateUpExtendsWithZeros() throws IOException {
        put("/f", "abc");

        try (ObjectHandle handle = openForWrite("/f")) {
            handle.truncate(100_000);
        }

        byte[] all = readAll("/f");
        assertThat(all).hasSize(100_000);
        assertThat(Arrays.copyOf(all, 3)).isEqualTo(utf8("abc"));
        assertThat(Arrays.copyOfRange(all, 3, all.length)).containsOnly(0);
    }

    @Test
    void truncateDownThenUpDoesNotBringOldBytesBack() throws IOException {
        put("/f", content(200_000, 5));

        try (ObjectHandle handle = openForWrite("/f")) {
            handle.truncate(10);
            handle.truncate(200_000);
            byte[] tail = readRange(handle, 10, 199_990);
            assertThat(tail).hasSize(199_990).containsOnly(0);
        }
    }

    @Test
    void truncateToZeroEmptiesTheFile() throws IOException {
        put("/f", content(100_000, 6));

        try (ObjectHandle handle = openForWrite("/f")) {
            handle.truncate(0);
        }

        assertThat(readAll("/f")).isEmpty();
    }

    @Test
    void concurrentWritesToDisjointRangesAllLand() throws Exception {
        int threads = 6;
        int chunk = 5_003;
        int chunksPerThread = 40;
        byte[] expected = content(threads * chunk * chunksPerThread, 7);
        provider().createFile("/f", true);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try (ObjectHandle handle = openForWrite("/f")) {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    start.await();
                    // Chunk i of every thread lands interleaved with the other threads' chunks.
                    for (int i = chunksPerThread - 1; i >= 0; i--) {
                        int offset = (i * threads + thread) * chunk;
                        handle.write(offset, ByteBuffer.wrap(expected, offset, chunk).slice());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(readAll("/f")).isEqualTo(expected);
    }

    @Test
    void aWriteThroughOneHandleIsSeenThroughAnother() throws IOException {
        put("/f", "before");

        try (ObjectHandle reader = provider().open("/f", OpenMode.READ);
                ObjectHandle writer = openForWrite("/f")) {
            writer.write(0, ByteBuffer.wrap(utf8("AFTER!")));
            assertThat(readRange(reader, 0, 6)).isEqualTo(utf8("AFTER!"));
        }
    }

    @Test
    void writeThroughAReadOnlyHandleFailsAndChangesNothing() throws IOException {
        put("/f", "original");

        try (ObjectHandle handle = provider().open("/f", OpenMode.READ)) {
            assertFailsWith(() -> handle.write(0, ByteBuffer.wrap(utf8("changed"))), ACCESS_DENIED, UNSUPPORTED);
            assertFailsWith(() -> handle.truncate(0), ACCESS_DENIED, UNSUPPORTED);
        }

        assertThat(readText("/f")).isEqualTo("original");
    }

    @Test
    void syncKeepsTheWrittenBytes() throws IOException {
        provider().createFile("/f", true);

        try (ObjectHandle handle = openForWrite("/f")) {
            handle.write(0, ByteBuffer.wrap(utf8("durable")));
            handle.sync(false);
            handle.sync(true);
        }

        assertThat(readText("/f")).isEqualTo("durable");
    }

    @Test
    void writeMovesTheModificationTimeAwayFromAnOldValue() throws IOException {
        assumeCapability(Capability.MODIFICATION_TIMES);
        put("/f", "x", OTHER_TIME);

        try (ObjectHandle handle = openForWrite("/f")) {
            handle.write(1, ByteBuffer.wrap(utf8("y")));
        }

        assertThat(provider().stat("/f").modified()).isAfter(OTHER_TIME);
    }
}
