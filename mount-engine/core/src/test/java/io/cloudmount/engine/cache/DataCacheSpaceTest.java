package io.cloudmount.engine.cache;

import static io.cloudmount.engine.cache.CacheTesting.T0;
import static io.cloudmount.engine.cache.CacheTesting.all;
import static io.cloudmount.engine.cache.CacheTesting.remote;
import static io.cloudmount.engine.cache.CacheTesting.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudmount.engine.FsError;
import io.cloudmount.engine.FsErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCacheSpaceTest {
    private static final long LIMIT = 100;

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private DataCache cache;

    @AfterEach
    void closeCache() {
        if (cache != null) {
            cache.close();
        }
    }

    private DataCache limitedTo(long maxBytes) throws IOException {
        cache = DataCache.open(dir, maxBytes, 0, clock);
        return cache;
    }

    @Test
    void aFullCacheAndATooFullDiskAreExplainedInTheLogOnceAMinute() throws IOException {
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(DataCache.class);
        var seen = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        seen.start();
        logger.addAppender(seen);
        try {
            cache = DataCache.open(dir, 1L << 40, 2L << 20, clock, () -> 1L << 20);
            assertThat(seen.list).extracting(e -> e.getFormattedMessage()).anySatisfy(m -> assertThat(m)
                    .contains("1 MiB free").contains("--min-free-space").contains("No space left on device"));
            cache.close();

            seen.list.clear();
            limitedTo(LIMIT);
            dirty("/a", 100);
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> cache.reserve(10)).isInstanceOf(CacheFullException.class);
            }
            assertThat(seen.list).filteredOn(e -> e.getFormattedMessage().contains("is full")).hasSize(1);
            clock.advance(Duration.ofMinutes(1));
            assertThatThrownBy(() -> cache.reserve(10)).isInstanceOf(CacheFullException.class);
            assertThat(seen.list).filteredOn(e -> e.getFormattedMessage().contains("is full")).hasSize(2)
                    .last().extracting(e -> e.getFormattedMessage()).asString().contains("not yet uploaded");
        } finally {
            logger.detachAppender(seen);
        }
    }

    /** A downloaded file of {@code bytes} bytes, closed again (clean and unpinned). */
    private CacheItem clean(String key, int bytes) throws IOException {
        CacheItem item = cache.acquire(key, remote("etag-" + key, bytes), bytes);
        assertThat(item.fill(0, ByteBuffer.allocate(bytes))).isTrue();
        item.close();
        clock.advance(Duration.ofSeconds(1));
        return item;
    }

    /** A locally written file of {@code bytes} bytes, closed but not uploaded. */
    private CacheItem dirty(String key, int bytes) throws IOException {
        CacheItem item = cache.acquire(key, null, 0);
        item.write(0, ByteBuffer.wrap("d".repeat(bytes).getBytes()));
        item.close();
        clock.advance(Duration.ofSeconds(1));
        return item;
    }

    private void use(String key) throws IOException {
        CacheItem item = cache.acquire(key, null, 0);
        item.read(0, ByteBuffer.allocate(1));
        item.close();
    }

    @Test
    void usedBytesFollowsFillsWritesTruncatesAndRemovals() throws IOException {
        limitedTo(LIMIT);
        clean("/a", 30);
        CacheItem b = dirty("/b", 20);
        assertThat(cache.usedBytes()).isEqualTo(50);
        b.open();
        b.truncate(5);
        b.close();
        assertThat(cache.usedBytes()).isEqualTo(35);
        cache.remove("/a");
        assertThat(cache.usedBytes()).isEqualTo(5);
        assertThat(cache.dirtyBytes()).isEqualTo(5);
    }

    @Test
    void leastRecentlyUsedCleanItemIsEvictedFirst() throws IOException {
        limitedTo(LIMIT);
        clean("/a", 30);
        clean("/b", 30);
        clean("/c", 30);
        use("/a");

        clean("/d", 30);
        assertThat(cache.get("/b")).as("least recently used").isEmpty();
        assertThat(cache.get("/a")).isPresent();
        assertThat(cache.get("/c")).isPresent();

        clean("/e", 30);
        assertThat(cache.get("/c")).isEmpty();
        assertThat(cache.get("/a")).isPresent();
        assertThat(cache.usedBytes()).isEqualTo(90);
    }

    @Test
    void dirtyDataIsNeverEvicted() throws IOException {
        limitedTo(LIMIT);
        CacheItem changed = dirty("/changed", 60);
        clean("/old", 30);

        assertThatThrownBy(() -> cache.reserve(50)).isInstanceOf(CacheFullException.class)
                .hasMessageContaining("60 not yet uploaded");
        assertThat(cache.get("/old")).as("clean data went first").isEmpty();
        assertThat(cache.get("/changed")).containsSame(changed);
        changed.open();
        assertThat(all(changed)).isEqualTo("d".repeat(60));
        assertThat(changed.isDirty()).isTrue();
    }

    @Test
    void pinnedItemsAreNotEvicted() throws IOException {
        limitedTo(LIMIT);
        CacheItem open = cache.acquire("/open", remote("e", 40), 40);
        open.fill(0, ByteBuffer.allocate(40));
        clean("/closed", 40);

        cache.reserve(30);
        assertThat(cache.get("/closed")).isEmpty();
        assertThat(cache.get("/open")).containsSame(open);
        assertThatThrownBy(() -> cache.reserve(70)).isInstanceOf(CacheFullException.class)
                .hasMessageContaining("40 held by open files");
        assertThat(open.isPresent(0, 40)).isTrue();
    }

    @Test
    void aWriteThatCannotFitFailsAsEnospc() throws IOException {
        limitedTo(LIMIT);
        dirty("/a", 90);
        CacheItem item = cache.acquire("/b", null, 0);

        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> item.write(0, utf8("x".repeat(20))));
        assertThat(failure).isInstanceOf(CacheFullException.class);
        assertThat(FsErrors.classify(failure, "write", "/b")).isEqualTo(FsError.ENOSPC);
        assertThat(item.size()).isZero();
        assertThat(item.isDirty()).as("nothing was written").isFalse();
        assertThat(cache.usedBytes()).isEqualTo(90);
    }

    @Test
    void aGrowingTruncateThatCannotFitFails() throws IOException {
        limitedTo(LIMIT);
        CacheItem item = cache.acquire("/sparse", null, 0);
        assertThatThrownBy(() -> item.truncate(LIMIT + 1)).isInstanceOf(CacheFullException.class);
        assertThat(item.size()).isZero();
    }

    @Test
    void aFillIsSkippedWhenOnlyDirtyDataRemains() throws IOException {
        limitedTo(LIMIT);
        dirty("/a", 90);
        CacheItem item = cache.acquire("/remote", remote("e", 20), 20);
        assertThat(item.fill(0, utf8("r".repeat(20)))).isFalse();
        assertThat(item.isPresent(0, 20)).isFalse();
        assertThat(cache.usedBytes()).isEqualTo(90);
    }

    @Test
    void roomIsMadeOnlyWhenNeeded() throws IOException {
        limitedTo(LIMIT);
        clean("/a", 50);
        cache.reserve(50);
        assertThat(cache.get("/a")).isPresent();
    }

    @Test
    void anEvictedItemIsGoneButItsKeyCanBeCachedAgain() throws IOException {
        limitedTo(LIMIT);
        CacheItem old = clean("/a", 60);
        clean("/b", 60);
        assertThat(cache.get("/a")).isEmpty();
        assertThat(old.isRemoved()).isTrue();
        assertThatThrownBy(old::open).isInstanceOf(IllegalStateException.class);

        CacheItem again = cache.acquire("/a", remote("etag-/a", 60), 60);
        assertThat(again.presentBytes()).isZero();
        assertThat(again.fill(0, ByteBuffer.allocate(60))).isTrue();
        assertThat(cache.get("/b")).isEmpty();
    }

    /** A disk of 1000 bytes shared with other programs, the cache keeping 200 free. */
    private final AtomicLong others = new AtomicLong();

    private DataCache onSmallDisk() throws IOException {
        AtomicReference<DataCache> self = new AtomicReference<>();
        cache = DataCache.open(dir, 10_000, 200, clock,
                () -> 1000 - others.get() - (self.get() == null ? 0 : self.get().usedBytes()));
        self.set(cache);
        return cache;
    }

    @Test
    void aNearlyFullDiskEvictsCleanDataBeforeWriting() throws IOException {
        onSmallDisk();
        others.set(700);
        clean("/a", 50);
        clean("/b", 50);

        cache.reserve(40);
        assertThat(cache.get("/a")).isEmpty();
        assertThat(cache.get("/b")).isPresent();
    }

    @Test
    void aNearlyFullDiskRefusesWritesWhenOnlyDirtyDataRemains() throws IOException {
        onSmallDisk();
        dirty("/mine", 50);
        others.set(760);
        CacheItem item = cache.acquire("/new", null, 0);
        assertThatThrownBy(() -> item.write(0, utf8("0123456789"))).isInstanceOf(CacheFullException.class)
                .hasMessageContaining("190 bytes free on disk, keeping 200 free");
    }

    @Test
    void evictIfNeededReactsToTheDiskFillingUp() throws IOException {
        onSmallDisk();
        clean("/a", 50);
        clean("/b", 50);
        others.set(730);
        cache.evictIfNeeded();
        assertThat(cache.get("/a")).isEmpty();
        assertThat(cache.get("/b")).isPresent();
    }
}
