package io.cloudmount.engine.cache;

import static io.cloudmount.engine.cache.CacheTesting.T0;
import static io.cloudmount.engine.cache.CacheTesting.all;
import static io.cloudmount.engine.cache.CacheTesting.remote;
import static io.cloudmount.engine.cache.CacheTesting.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudmount.engine.SmallDisk;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache on a disk that is really full (a tmpfs of a few MiB, filled by another file). */
class DataCacheFullDiskTest {
    private static final long LIMIT = 1 << 20;

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);

    @Test
    void theRecordOfAFileClosedOnAFullDiskStillListsAllItsBytes() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir, 8)) {
            Path folder = disk.root().resolve("cache");
            DataCache cache = DataCache.open(folder, LIMIT, 0, clock);
            CacheItem item = cache.acquire("/new.txt", null, 0);
            item.write(0, utf8("first, ")); // recorded right after these bytes
            item.write(7, utf8("then the rest")); // recorded at the close
            disk.fill(); // another program takes the last blocks

            item.close(); // no room for a temporary copy of the record

            // After a kill -9 the record is all there is. With the old record left in place, the file
            // came back cut to its first write and was uploaded so.
            DataCache reopened = DataCache.open(folder, LIMIT, 0, clock);
            CacheItem reloaded = reopened.get("/new.txt").orElseThrow();
            assertThat(reloaded.isDirty()).isTrue();
            assertThat(all(reloaded)).isEqualTo("first, then the rest");
            reopened.close();
        }
    }

    @Test
    void aWriteTheFullDiskRefusesPartWayLeavesNoBytesPastTheEndOfTheFile() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir, 2)) {
            // The disk looks roomy when the write checks it: another program fills it meanwhile.
            DataCache cache = DataCache.open(disk.root().resolve("cache"), 64 << 20, 0, clock, () -> Long.MAX_VALUE);
            CacheItem item = cache.acquire("/log.txt", null, 0);
            item.write(0, utf8("kept"));

            assertThatThrownBy(() -> item.write(4, ByteBuffer.allocate(4 << 20))).hasMessageContaining("No space left");

            // An upload sends the data file: it must be the file, not the file plus what the disk took of
            // the failed write.
            assertThat(item.size()).isEqualTo(4);
            assertThat(Files.size(item.dataFile())).isEqualTo(4);
            assertThat(all(item)).isEqualTo("kept");
            item.close();
            cache.close();
        }
    }

    @Test
    void aDiskFilledByOthersMakesTheCacheEvictItsCleanDataInsteadOfFailingWrites() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir, 24)) {
            // --min-free-space 0: the user lets the cache use the whole disk.
            DataCache cache = DataCache.open(disk.root().resolve("cache"), 1L << 30, 0, clock);
            CacheItem downloaded = cache.acquire("/video.mp4", remote("v1", 12 << 20), 12 << 20);
            assertThat(downloaded.fill(0, ByteBuffer.allocate(12 << 20))).isTrue();
            downloaded.close(); // clean: the store has it
            disk.fill();

            CacheItem written = cache.acquire("/notes.txt", null, 0);
            written.write(0, utf8("written after the disk filled up"));
            written.close();

            assertThat(all(written)).isEqualTo("written after the disk filled up");
            assertThat(cache.get("/video.mp4")).as("evicted: the store has it").isEmpty();
            cache.close();
        }
    }
}
