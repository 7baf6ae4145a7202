package io.cloudmount.engine.cache;

import static io.cloudmount.engine.cache.CacheTesting.T0;
import static io.cloudmount.engine.cache.CacheTesting.all;
import static io.cloudmount.engine.cache.CacheTesting.remote;
import static io.cloudmount.engine.cache.CacheTesting.text;
import static io.cloudmount.engine.cache.CacheTesting.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheItemTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private DataCache cache;
    private ExecutorService threads;

    @BeforeEach
    void openCache() throws IOException {
        cache = DataCache.open(dir, 64L << 20, 0, clock);
        threads = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void closeCache() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        cache.close();
    }

    private CacheItem remoteFile(String key, String content) throws IOException {
        return cache.acquire(key, remote("e1", content.length()), content.length());
    }

    @Test
    void filledBytesReadBack() throws IOException {
        CacheItem item = remoteFile("/a.txt", "hello world");
        assertThat(item.fill(0, utf8("hello world"))).isTrue();
        assertThat(all(item)).isEqualTo("hello world");
        assertThat(item.isDirty()).isFalse();
        assertThat(cache.usedBytes()).isEqualTo(11);
    }

    @Test
    void readOfAbsentBytesFailsAndMissingNamesTheGaps() throws IOException {
        CacheItem item = remoteFile("/a", "0123456789");
        item.fill(2, utf8("23"));
        item.fill(6, utf8("67"));
        assertThat(item.missing(0, 100)).containsExactly(new long[] {0, 2}, new long[] {4, 6}, new long[] {8, 10});
        assertThat(item.isPresent(2, 4)).isTrue();
        assertThat(item.firstMissing(2, 10)).isEqualTo(4);
        assertThatThrownBy(() -> item.read(0, ByteBuffer.allocate(4))).isInstanceOf(IOException.class)
                .hasMessageContaining("no data at 0");
    }

    @Test
    void readStopsAtTheFirstGapAndReturnsZeroAtTheEnd() throws IOException {
        CacheItem item = remoteFile("/a", "0123456789");
        item.fill(0, utf8("0123"));
        ByteBuffer buffer = ByteBuffer.allocate(10);
        assertThat(item.read(0, buffer)).isEqualTo(4);
        assertThat(item.read(10, ByteBuffer.allocate(4))).isZero();
        assertThat(item.read(99, ByteBuffer.allocate(4))).isZero();
    }

    @Test
    void directBuffersWorkBothWays() throws IOException {
        CacheItem item = cache.acquire("/d", null, 0);
        ByteBuffer src = ByteBuffer.allocateDirect(4096);
        for (int i = 0; i < 4096; i++) {
            src.put((byte) i);
        }
        item.write(100, src.flip());
        ByteBuffer dst = ByteBuffer.allocateDirect(4096);
        assertThat(item.read(100, dst)).isEqualTo(4096);
        assertThat(dst.flip()).isEqualTo(src.flip());
    }

    @Test
    void fillIgnoresBytesBeyondTheSizeAndConsumesTheBuffer() throws IOException {
        CacheItem item = remoteFile("/a", "abc");
        ByteBuffer src = utf8("abcdef");
        assertThat(item.fill(0, src)).isTrue();
        assertThat(src.hasRemaining()).isFalse();
        assertThat(item.presentBytes()).isEqualTo(3);
        assertThat(Files.size(item.dataFile())).isEqualTo(3);
    }

    @Test
    void fillNeverOverwritesLocalChanges() throws IOException {
        CacheItem item = remoteFile("/a", "0123456789");
        item.write(2, utf8("AB"));
        assertThat(item.fill(0, utf8("0123456789"))).isTrue();
        assertThat(all(item)).isEqualTo("01AB456789");
        assertThat(item.isDirty()).isTrue();
    }

    @Test
    void fillOfAReplacedGenerationIsDropped() throws IOException {
        CacheItem item = remoteFile("/a", "old!");
        long generation = item.generation();
        item.resetTo(remote("e2", 4));
        assertThat(item.fill(0, utf8("old!"), generation)).isFalse();
        assertThat(item.isPresent(0, 4)).isFalse();
        assertThat(item.fill(0, utf8("new!"), item.generation())).isTrue();
        assertThat(all(item)).isEqualTo("new!");
    }

    @Test
    void writeMarksDirtyGrowsTheSizeAndCountsAsUsed() throws IOException {
        CacheItem item = remoteFile("/a", "abc");
        long version = item.dirtyVersion();
        item.write(5, utf8("xyz"));
        assertThat(item.isDirty()).isTrue();
        assertThat(item.size()).isEqualTo(8);
        assertThat(item.dirtyVersion()).isGreaterThan(version);
        assertThat(item.missing(0, 8)).containsExactly(new long[] {0, 5});
        assertThat(cache.usedBytes()).isEqualTo(3);
    }

    @Test
    void shrinkingTruncateDropsBytesAndSpace() throws IOException {
        CacheItem item = cache.acquire("/t", null, 0);
        item.write(0, utf8("0123456789"));
        item.truncate(4);
        assertThat(item.size()).isEqualTo(4);
        assertThat(all(item)).isEqualTo("0123");
        assertThat(cache.usedBytes()).isEqualTo(4);
        assertThat(Files.size(item.dataFile())).isEqualTo(4);
    }

    @Test
    void growingTruncateReadsAsZerosAndTheDataFileHasTheFullSize() throws IOException {
        CacheItem item = cache.acquire("/t", null, 0);
        item.write(0, utf8("ab"));
        item.truncate(6);
        assertThat(all(item)).isEqualTo("ab\0\0\0\0");
        assertThat(Files.size(item.dataFile())).isEqualTo(6);
        assertThat(cache.usedBytes()).isEqualTo(6);
    }

    @Test
    void truncateOfACleanRemoteFileMakesItDirtyAndKeepsTheGapsToFetch() throws IOException {
        CacheItem item = remoteFile("/r", "0123456789");
        item.fill(0, utf8("01"));
        item.truncate(5);
        assertThat(item.isDirty()).isTrue();
        assertThat(item.missing(0, 5)).containsExactly(new long[] {2, 5});
    }

    @Test
    void truncateAfterAShrinkDoesNotResurrectOldBytes() throws IOException {
        CacheItem item = cache.acquire("/t", null, 0);
        item.write(0, utf8("secret"));
        item.truncate(0);
        item.truncate(3);
        assertThat(all(item)).isEqualTo("\0\0\0");
    }

    @Test
    void remoteSizeAppliesToCleanItemsOnly() throws IOException {
        CacheItem clean = remoteFile("/c", "0123456789");
        clean.fill(0, utf8("0123456789"));
        assertThat(clean.setSize(4)).isTrue();
        assertThat(clean.presentBytes()).isEqualTo(4);
        assertThat(Files.size(clean.dataFile())).isEqualTo(4);

        CacheItem dirty = cache.acquire("/d", null, 0);
        dirty.write(0, utf8("abc"));
        assertThat(dirty.setSize(100)).isFalse();
        assertThat(dirty.size()).isEqualTo(3);
    }

    @Test
    void resetDropsAllDataAndLocalChanges() throws IOException {
        CacheItem item = remoteFile("/a", "abc");
        item.fill(0, utf8("abc"));
        item.write(0, utf8("X"));
        item.resetTo(remote("e2", 7));
        assertThat(item.isDirty()).isFalse();
        assertThat(item.size()).isEqualTo(7);
        assertThat(item.base()).isEqualTo(remote("e2", 7));
        assertThat(item.presentBytes()).isZero();
        assertThat(cache.usedBytes()).isZero();
    }

    @Test
    void uploadCleansTheItemUnlessItWasWrittenMeanwhile() throws IOException {
        CacheItem item = cache.acquire("/u", null, 0);
        item.write(0, utf8("v1"));
        long started = item.dirtyVersion();
        item.write(0, utf8("v2"));
        assertThat(item.markUploaded(remote("up1", 2), started)).isFalse();
        assertThat(item.isDirty()).isTrue();
        assertThat(item.base()).isEqualTo(remote("up1", 2));

        assertThat(item.markUploaded(remote("up2", 2), item.dirtyVersion())).isTrue();
        assertThat(item.isDirty()).isFalse();
    }

    @Test
    void awaitPresentWakesUpWhenAFillArrives() throws Exception {
        CacheItem item = remoteFile("/slow", "0123456789");
        Future<Boolean> waiter = threads.submit(() -> item.awaitPresent(2, 8, Duration.ofSeconds(30)));
        item.fill(0, utf8("01234"));
        item.fill(5, utf8("56789"));
        assertThat(waiter.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(text(item, 2, 6)).isEqualTo("234567");
    }

    @Test
    void awaitPresentGivesUpAfterItsTimeout() throws InterruptedException, IOException {
        CacheItem item = remoteFile("/never", "0123");
        assertThat(item.awaitPresent(0, 4, Duration.ZERO)).isFalse();
        assertThat(item.awaitPresent(0, 4, Duration.ofMillis(5))).isFalse();
        assertThat(item.awaitPresent(4, 10, Duration.ZERO)).as("nothing to wait for past the end").isTrue();
    }

    @Test
    void concurrentWritersOfDisjointRangesAllLand() throws Exception {
        CacheItem item = cache.acquire("/big", null, 0);
        int block = 4096;
        int blocks = 256;
        int writers = 8;
        Future<?>[] done = new Future<?>[writers];
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done[w] = threads.submit(() -> {
                for (int b = writer; b < blocks; b += writers) {
                    item.write((long) b * block, ByteBuffer.wrap(pattern(b, block)));
                }
                return null;
            });
        }
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        assertThat(item.size()).isEqualTo((long) blocks * block);
        assertThat(item.isPresent(0, item.size())).isTrue();
        assertThat(cache.usedBytes()).isEqualTo(item.size());
        for (int b = 0; b < blocks; b++) {
            ByteBuffer read = ByteBuffer.allocate(block);
            assertThat(item.read((long) b * block, read)).isEqualTo(block);
            assertThat(read.array()).as("block %d", b).isEqualTo(pattern(b, block));
        }
    }

    @Test
    void readersWaitForAConcurrentDownloader() throws Exception {
        int block = 1024;
        int blocks = 64;
        CacheItem item = cache.acquire("/stream", remote("e", (long) block * blocks), (long) block * blocks);
        Future<?> downloader = threads.submit(() -> {
            for (int b = 0; b < blocks; b++) {
                item.fill((long) b * block, ByteBuffer.wrap(pattern(b, block)));
            }
            return null;
        });
        for (int b = 0; b < blocks; b++) {
            assertThat(item.awaitPresent((long) b * block, (long) (b + 1) * block, Duration.ofSeconds(30))).isTrue();
            ByteBuffer read = ByteBuffer.allocate(block);
            item.read((long) b * block, read);
            assertThat(read.array()).isEqualTo(pattern(b, block));
        }
        downloader.get(30, TimeUnit.SECONDS);
        assertThat(item.isDirty()).isFalse();
    }

    @Test
    void anInterruptedDownloadDoesNotBreakTheFileForOthers() throws Exception {
        CacheItem item = remoteFile("/i", "0123456789");
        item.fill(0, utf8("01234"));
        Future<Throwable> cancelled = threads.submit(() -> {
            Thread.currentThread().interrupt(); // as a cancelled download task would be
            try {
                item.fill(5, utf8("56789"));
                return null;
            } catch (IOException e) {
                return e;
            } finally {
                Thread.interrupted();
            }
        });
        assertThat(cancelled.get(10, TimeUnit.SECONDS)).isInstanceOf(ClosedByInterruptException.class);
        assertThat(item.isPresent(5, 10)).isFalse();
        assertThat(text(item, 0, 5)).isEqualTo("01234");
        assertThat(item.fill(5, utf8("56789"))).isTrue();
        assertThat(all(item)).isEqualTo("0123456789");
    }

    @Test
    void aCompleteItemsDataFileHoldsExactlyItsBytesForUpload() throws IOException {
        CacheItem item = remoteFile("/up", "hello world");
        item.fill(0, utf8("hello world"));
        item.write(6, utf8("there"));
        item.write(11, utf8("!"));
        assertThat(Files.readString(item.dataFile(), StandardCharsets.UTF_8)).isEqualTo("hello there!");
    }

    @Test
    void closingTheLastHandleUnpinsAndMoreClosesFail() throws IOException {
        CacheItem item = cache.acquire("/p", null, 0);
        item.open();
        assertThat(item.openCount()).isEqualTo(2);
        item.close();
        item.close();
        assertThat(item.openCount()).isZero();
        assertThatThrownBy(item::close).isInstanceOf(IllegalStateException.class);
    }

    static byte[] pattern(int seed, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i);
        }
        return bytes;
    }
}
