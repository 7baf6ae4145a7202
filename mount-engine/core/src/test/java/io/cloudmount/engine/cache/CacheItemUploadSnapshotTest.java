package io.cloudmount.engine.cache;

import static io.cloudmount.engine.cache.CacheTesting.T0;
import static io.cloudmount.engine.cache.CacheTesting.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an upload starts from never includes a write that is only half done. */
class CacheItemUploadSnapshotTest {
    private static final int LARGE_WRITE = 32 << 20; // takes milliseconds: long enough to be caught in the middle
    private static final int ATTEMPTS = 10;

    @TempDir
    Path dir;

    @Test
    void aSnapshotTakenWhileAWriteIsUnderWayCountsItOnlyOnceItsBytesAreThere() throws Exception {
        ByteBuffer bytes = ByteBuffer.allocateDirect(LARGE_WRITE);
        try (DataCache cache = DataCache.open(dir, 4L * LARGE_WRITE, 0, new MutableClock(T0))) {
            // A busy machine may deschedule this thread for the whole write: then try again with another.
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                String key = "/big-" + attempt;
                CacheItem item = cache.acquire(key, null, 0);
                item.write(0, utf8("v1"));
                long before = item.dirtyVersion();
                CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> write(item, bytes.duplicate()));

                boolean caught = awaitWriteBegun(item, before, writing);
                CacheItem.UploadSnapshot snapshot = item.snapshotForUpload();
                long sizeAfterSnapshot = item.size();
                writing.get(30, TimeUnit.SECONDS);

                if (caught) {
                    assertThat(snapshot.version()).isGreaterThan(before);
                    assertThat(sizeAfterSnapshot).as("the bytes of the write the snapshot counts were in the cache file")
                            .isEqualTo(LARGE_WRITE);
                    return;
                }
                item.close();
                cache.remove(key);
            }
            fail("no write was caught in progress in " + ATTEMPTS + " attempts");
        }
    }

    /**
     * Spins (polling would miss the few milliseconds of the write) until the write's version is counted;
     * returns whether the write was still running then.
     */
    private boolean awaitWriteBegun(CacheItem item, long version, CompletableFuture<Void> writing) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (item.dirtyVersion() == version) {
            assertThat(System.nanoTime()).as("the write began in time").isLessThan(deadline);
            Thread.onSpinWait();
        }
        return !writing.isDone();
    }

    private static void write(CacheItem item, ByteBuffer bytes) {
        try {
            item.write(0, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
