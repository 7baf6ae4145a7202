package io.cloudmount.provider.conformance;

import static io.cloudmount.provider.ProviderException.Kind.IS_A_DIRECTORY;
import static io.cloudmount.provider.ProviderException.Kind.NOT_FOUND;
import static io.cloudmount.provider.ProviderException.Kind.UNSUPPORTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.provider.Capability;
import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.OpenMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** open and positional reads, including the edges: offsets, end of file, buffer kinds, concurrency. */
abstract class ReadContract extends ContractSupport {

    @Test
    void readReturnsTheWholeContent() throws IOException {
        byte[] data = content(200_000, 1);
        put("/f", data);

        assertThat(readAll("/f")).isEqualTo(data);
    }

    @Test
    void readAtAnOffsetReturnsTheBytesFromThere() throws IOException {
        byte[] data = content(1000, 2);
        put("/f", data);

        try (ObjectHandle handle = provider().open("/f", OpenMode.READ)) {
            assertThat(readRange(handle, 100, 50)).isEqualTo(Arrays.copyOfRange(data, 100, 150));
        }
    }

    @Test
    void oneReadFillsTheWholeBufferWhenEnoughBytesFollow() throws IOException {
        byte[] data = content(300_000, 3);
        put("/f", data);

        try (ObjectHandle handle = provider().open("/f", OpenMode.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(299_990);
            assertThat(handle.read(1, buffer)).isEqualTo(299_990);
            assertThat(buffer.array()).isEqualTo(Arrays.copyOfRange(data, 1, 299_991));
        }
    }

    @Test
    void readSpanningTheEndReturnsOnlyTheRemainingBytes() throws IOException {
        byte[] data = content(100, 4);
        put("/f", data);

        try (ObjectHandle handle = provider().open("/f", OpenMode.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(50);
            assertThat(handle.read(90, buffer)).isEqualTo(10);
            assertThat(buffer.position()).isEqualTo(10);
            assertThat(Arrays.copyOf(buffer.array(), 10)).isEqualTo(Arrays.copyOfRange(data, 90, 100));
        }
    }

    @Test
    void readAtTheEndReturnsZero() throws IOException {
        put("/f", content(100, 5));

        try (ObjectHandle handle = provider().open("/f", OpenMode.READ)) {
            assertThat(handle.read(100, ByteBuffer.allocate(10))).isZero();
        }
    }

    @Test
    void readPastTheEndReturnsZeroAndLeavesTheBufferAlone() throws IOException {
        put("/f", content(100, 6));

        try (ObjectHandle handle = provider().open("/f", OpenMode.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(10);
            assertThat(handle.read(1_000_000, buffer)).isZero();
            assertThat(buffer.position()).isZero();
        }
    }

    @Test
    void readOfAnEmptyFileReturnsZero() throws IOException {
        put("/empty", new byte[0]);

        try (ObjectHandle handle = provider().open("/empty", OpenMode.READ)) {
            assertThat(handle.read(0, ByteBuffer.allocate(10))).isZero();
            assertThat(handle.size()).isZero();
        }
    }

    @Test
    void readIntoADirectBufferReturnsTheSameBytes() throws IOException {
        byte[] data = content(150_000, 7);
        put("/f", data);

        try (ObjectHandle handle = provider().open("/f", OpenMode.READ)) {
            ByteBuffer direct = ByteBuffer.allocateDirect(100_000);
            assertThat(handle.read(25_000, direct)).isEqualTo(100_000);
            byte[] got = new byte[100_000];
            direct.flip().get(got);
            assertThat(got).isEqualTo(Arrays.copyOfRange(data, 25_000, 125_000));
        }
    }

    @Test
    void readIntoABufferWithNoRoomReturnsZero() throws IOException {
        put("/f", content(100, 8));

        try (ObjectHandle handle = provider().open("/f", OpenMode.READ)) {
            assertThat(handle.read(0, ByteBuffer.allocate(0))).isZero();
        }
    }

    @Test
    void readFillsOnlyBetweenPositionAndLimitAndAdvancesThePosition() throws IOException {
        byte[] data = content(100, 9);
        put("/f", data);

        try (ObjectHandle handle = provider().open("/f", OpenMode.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(40);
            buffer.position(5).limit(25);
            assertThat(handle.read(0, buffer)).isEqualTo(20);
            assertThat(buffer.position()).isEqualTo(25);
            assertThat(Arrays.copyOfRange(buffer.array(), 0, 5)).containsOnly(0);
            assertThat(Arrays.copyOfRange(buffer.array(), 5, 25)).isEqualTo(Arrays.copyOf(data, 20));
            assertThat(Arrays.copyOfRange(buffer.array(), 25, 40)).containsOnly(0);
        }
    }

    @Test
    void handleReportsTheFileSize() throws IOException {
        put("/f", content(12_345, 10));

        try (ObjectHandle handle = provider().open("/f", OpenMode.READ)) {
            assertThat(handle.size()).isEqualTo(12_345);
        }
    }

    @Test
    void concurrentReadsFromOneHandleEachSeeTheirOwnRange() throws Exception {
        byte[] data = content(256 * 1024, 11);
        put("/f", data);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ObjectHandle handle = provider().open("/f", OpenMode.READ)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                results.add(pool.submit(() -> readsMatch(handle, data, seed)));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean readsMatch(ObjectHandle handle, byte[] data, int seed) throws IOException {
        for (int i = 0; i < 200; i++) {
            int position = (int) ((i * 7919L + seed * 104_729L) % (data.length - 4096));
            if (!Arrays.equals(readRange(handle, position, 4096), Arrays.copyOfRange(data, position, position + 4096))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void closingAHandleTwiceIsHarmless() throws IOException {
        put("/f", "x");
        ObjectHandle handle = provider().open("/f", OpenMode.READ);

        handle.close();
        handle.close();
    }

    @Test
    void openOfAMissingFileFailsWithNotFound() {
        assertFailsWith(() -> provider().open("/missing", OpenMode.READ), NOT_FOUND);
    }

    @Test
    void openOfADirectoryFailsWithIsADirectory() throws IOException {
        mkdirs("/dir");

        assertFailsWith(() -> provider().open("/dir", OpenMode.READ), IS_A_DIRECTORY);
    }

    @Test
    void openForWritingWithoutRandomWriteIsUnsupported() throws IOException {
        assumeNoCapability(Capability.RANDOM_WRITE);
        put("/f", "x");

        assertFailsWith(() -> provider().open("/f", OpenMode.READ_WRITE), UNSUPPORTED);
    }
}
