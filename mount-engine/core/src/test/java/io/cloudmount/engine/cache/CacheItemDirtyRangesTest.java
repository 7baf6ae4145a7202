package io.cloudmount.engine.cache;

import static io.cloudmount.engine.cache.CacheTesting.all;
import static io.cloudmount.engine.cache.CacheTesting.remote;
import static io.cloudmount.engine.cache.CacheTesting.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link CacheItem#dirtyRanges()}: which operations add and clear changed ranges, and that after a clean
 * restart or a crash (the old {@link DataCache} abandoned as after kill -9) they never miss a byte that
 * differs from the base, including records written before the field existed.
 */
class CacheItemDirtyRangesTest extends RestartableCacheFixture {
    private static final String TEN = "0123456789";

    /** A remote file of {@code content}, downloaded whole and still open. */
    private CacheItem downloaded(String key, String content) throws IOException {
        CacheItem item = cache.acquire(key, remote("e-" + key, content.length()), content.length());
        assertThat(item.fill(0, utf8(content))).isTrue();
        return item;
    }

    private Path metaOf(String key) {
        return dir.resolve("meta").resolve(CacheFiles.sha256(key) + CacheFiles.META_SUFFIX);
    }

    private static RangeSet ranges(long... bounds) {
        RangeSet set = new RangeSet();
        for (int i = 0; i < bounds.length; i += 2) {
            set.add(bounds[i], bounds[i + 1]);
        }
        return set;
    }

    // ---- in memory -----------------------------------------------------------------------------

    @Test
    void writesAddTheirRangesAndFillsNever() throws IOException {
        CacheItem item = cache.acquire("/a", remote("e1", 100), 100);
        assertThat(item.fill(0, utf8("x".repeat(40)))).isTrue();
        assertThat(item.dirtyRanges().isEmpty()).isTrue();

        item.write(10, utf8("abcde"));
        item.write(12, utf8("12345678"));
        item.write(50, utf8("zz"));
        assertThat(item.fill(40, utf8("y".repeat(60)))).isTrue();

        assertThat(item.dirtyRanges()).isEqualTo(ranges(10, 20, 50, 52));
        item.close();
    }

    @Test
    void aWriteBeyondTheEndCountsTheGapAsChanged() throws IOException {
        CacheItem item = downloaded("/a", TEN);
        item.truncate(4);
        item.write(8, utf8("xy"));

        assertThat(item.dirtyRanges()).as("bytes 4-8 read as zeros now, not as the base's").isEqualTo(ranges(4, 10));
        item.close();
    }

    @Test
    void truncateClipsTheRangesAndAddsWhatItGrows() throws IOException {
        CacheItem item = downloaded("/a", "x".repeat(100));
        item.write(10, utf8("0123456789"));
        item.write(50, utf8("abcde"));

        item.truncate(15);
        assertThat(item.dirtyRanges()).isEqualTo(ranges(10, 15));
        item.truncate(40);
        assertThat(item.dirtyRanges()).isEqualTo(ranges(10, 40));
        item.close();
    }

    @Test
    void aShrunkFileIsDirtyWithoutChangedRanges() throws IOException {
        CacheItem item = downloaded("/a", TEN);
        item.truncate(6);

        assertThat(item.isDirty()).isTrue();
        assertThat(item.dirtyRanges().isEmpty()).as("every byte below 6 is still the base's").isTrue();
        item.close();
    }

    @Test
    void anUploadThatMakesTheItemCleanClearsThem() throws IOException {
        CacheItem item = downloaded("/a", TEN);
        item.write(2, utf8("ab"));

        assertThat(item.markUploaded(remote("uploaded", 10), item.dirtyVersion())).isTrue();

        assertThat(item.dirtyRanges().isEmpty()).isTrue();
        item.close();
    }

    @Test
    void anUploadOvertakenByAWriteKeepsThemAll() throws IOException {
        CacheItem item = downloaded("/a", TEN);
        item.write(2, utf8("ab"));
        long atUploadStart = item.dirtyVersion();
        item.write(7, utf8("c"));

        assertThat(item.markUploaded(remote("uploaded", 10), atUploadStart)).isFalse();

        assertThat(item.dirtyRanges()).as("a superset of what differs from the new base").isEqualTo(ranges(2, 4, 7, 8));
        item.close();
    }

    @Test
    void resetToClearsThem() throws IOException {
        CacheItem item = downloaded("/a", TEN);
        item.write(0, utf8("local"));

        item.resetTo(remote("changed", 3));

        assertThat(item.dirtyRanges().isEmpty()).isTrue();
        item.close();
    }

    @Test
    void aLocallyCreatedFileListsWhatWasWritten() throws IOException {
        CacheItem item = cache.acquire("/new", null, 0);
        item.write(0, utf8("hello"));

        assertThat(item.dirtyRanges()).isEqualTo(ranges(0, 5));
        item.close();
    }

    // ---- restarts and crashes ------------------------------------------------------------------

    @Test
    void theyAreRecordedExactlyAcrossARestart() throws IOException {
        CacheItem item = downloaded("/a", "x".repeat(100));
        item.write(10, utf8("abc"));
        item.write(60, utf8("def"));
        item.close();
        restart();

        assertThat(reloaded("/a").dirtyRanges()).isEqualTo(ranges(10, 13, 60, 63));
        assertThat(new String(Files.readAllBytes(metaOf("/a")))).contains("\ndirty.ranges=10-13,60-63\n");
    }

    @Test
    void aReloadedItemKeepsAddingAndAnUploadAfterwardsClearsThem() throws IOException {
        downloaded("/a", TEN).close();
        CacheItem item = cache.acquire("/a", null, 0);
        item.write(1, utf8("a"));
        item.close();
        restart();

        CacheItem back = cache.acquire("/a", null, 0);
        back.write(8, utf8("b"));
        assertThat(back.dirtyRanges()).isEqualTo(ranges(1, 2, 8, 9));
        back.markUploaded(remote("uploaded", 10), back.dirtyVersion());
        back.close();
        restart();

        assertThat(reloaded("/a").isDirty()).isFalse();
        assertThat(reloaded("/a").dirtyRanges().isEmpty()).isTrue();
    }

    @Test
    void aCrashAfterTheFirstWriteOfACleanItemCountsTheWholeFileAsChanged() throws IOException {
        downloaded("/a", TEN).close();
        CacheItem item = cache.acquire("/a", null, 0);
        item.write(0, utf8("ab")); // overwrites present bytes: they survive the crash
        crashAndRestart();

        CacheItem back = reloaded("/a");
        assertThat(all(back)).isEqualTo("ab23456789");
        assertThat(back.dirtyRanges()).as("recorded before the bytes, so it could not list them").isEqualTo(ranges(0, 10));
    }

    @Test
    void aNewFileClosedBeforeACrashComesBackWholeAndChangedAllOver() throws IOException {
        CacheItem item = cache.acquire("/new", null, 0);
        item.truncate(0); // what create does (a new file is recorded with its first write)
        item.write(0, utf8("hello"));
        item.write(5, utf8(" world"));
        item.close();
        crashAndRestart();

        CacheItem back = reloaded("/new");
        assertThat(back.isDirty()).isTrue();
        assertThat(all(back)).isEqualTo("hello world");
        assertThat(back.dirtyRanges()).as("no base: uploaded whole").isEqualTo(ranges(0, 11));
    }

    @Test
    void aCrashAfterAFlushKeepsTheRecordedRangesWhenLaterWritesStayInside() throws IOException {
        CacheItem item = downloaded("/a", TEN);
        item.write(0, utf8("abcd"));
        item.persist();
        byte[] recorded = Files.readAllBytes(metaOf("/a"));
        clock.advance(Duration.ofSeconds(1));
        item.write(1, utf8("XY")); // inside the recorded 0-4
        assertThat(Files.readAllBytes(metaOf("/a"))).as("no record needed for it").isEqualTo(recorded);
        crashAndRestart();

        CacheItem back = reloaded("/a");
        assertThat(all(back)).isEqualTo("aXYd456789");
        assertThat(back.dirtyRanges()).isEqualTo(ranges(0, 4));
    }

    @Test
    void aCrashAfterAFlushAndAWriteOutsideTheRecordedRangesCountsTheWholeFileAsChanged() throws IOException {
        CacheItem item = downloaded("/a", TEN);
        item.write(0, utf8("ab"));
        item.persist();
        item.write(6, utf8("Z")); // overwrites a present byte the record does not list as changed
        item.write(8, utf8("Q")); // the record written before the first of them covers this one too
        crashAndRestart();

        CacheItem back = reloaded("/a");
        assertThat(all(back)).isEqualTo("ab2345Z7Q9");
        assertThat(back.dirtyRanges()).isEqualTo(ranges(0, 10));
    }

    @Test
    void theNextFlushAfterSuchAWriteListsTheRangesExactlyAgain() throws IOException {
        CacheItem item = downloaded("/a", TEN);
        item.write(0, utf8("ab"));
        item.persist();
        item.write(6, utf8("Z"));
        item.persist();
        crashAndRestart();

        assertThat(reloaded("/a").dirtyRanges()).isEqualTo(ranges(0, 2, 6, 7));
    }

    @Test
    void aTruncateIsRecordedWithItsRangesAtOnce() throws IOException {
        CacheItem item = downloaded("/a", TEN);
        item.write(2, utf8("ab"));
        item.persist();
        item.truncate(3);
        item.truncate(5);
        crashAndRestart();

        CacheItem back = reloaded("/a");
        assertThat(back.size()).isEqualTo(5);
        assertThat(back.dirtyRanges()).isEqualTo(ranges(2, 5));
    }

    @Test
    void aDirtyRecordOfAnOlderVersionCountsTheWholeFileAsChanged() throws IOException {
        CacheItem item = downloaded("/a", TEN);
        item.write(4, utf8("x"));
        item.close();
        downloaded("/clean", TEN).close();
        cache.close();
        for (String key : new String[] {"/a", "/clean"}) {
            Path meta = metaOf(key);
            byte[] old = CacheTesting.withoutLine(Files.readAllBytes(meta), "dirty.ranges=");
            assertThat(new String(old)).doesNotContain("dirty.ranges");
            Files.write(meta, old);
        }
        crashAndRestart();

        assertThat(reloaded("/a").isDirty()).isTrue();
        assertThat(reloaded("/a").dirtyRanges()).isEqualTo(ranges(0, 10));
        assertThat(reloaded("/clean").dirtyRanges().isEmpty()).isTrue();
        assertThat(all(reloaded("/a"))).isEqualTo("0123x56789");
    }
}
