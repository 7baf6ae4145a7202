package io.cloudmount.engine.cache;

import static io.cloudmount.engine.cache.CacheTesting.T0;
import static io.cloudmount.engine.cache.CacheTesting.all;
import static io.cloudmount.engine.cache.CacheTesting.remote;
import static io.cloudmount.engine.cache.CacheTesting.text;
import static io.cloudmount.engine.cache.CacheTesting.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache across restarts: a clean shutdown ({@link DataCache#close()}) and a crash (the old
 * instance is simply abandoned, as after kill -9, and a new one opens the same directory).
 */
class DataCacheRestartTest {
    private static final long LIMIT = 1 << 20;

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private DataCache cache;

    @BeforeEach
    void openCache() throws IOException {
        cache = DataCache.open(dir, LIMIT, 0, clock);
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    private DataCache restart() throws IOException {
        cache.close();
        return crashAndRestart(LIMIT);
    }

    private DataCache crashAndRestart(long limit) throws IOException {
        cache = DataCache.open(dir, limit, 0, clock);
        return cache;
    }

    private CacheItem written(String key, String content) throws IOException {
        CacheItem item = cache.acquire(key, null, 0);
        item.write(0, utf8(content));
        item.close();
        return item;
    }

    private CacheItem downloaded(String key, String content) throws IOException {
        CacheItem item = cache.acquire(key, remote("etag-" + key, content.length()), content.length());
        item.fill(0, utf8(content));
        item.close();
        return item;
    }

    private String content(String key) throws IOException {
        CacheItem item = cache.get(key).orElseThrow();
        item.open();
        try {
            return all(item);
        } finally {
            item.close();
        }
    }

    private Path metaOf(String key) {
        return dir.resolve("meta").resolve(CacheFiles.sha256(key) + CacheFiles.META_SUFFIX);
    }

    /** The identity (inode) of the record file of {@code key}: it changes when a new file is renamed over it. */
    private Object recordFile(String key) throws IOException {
        return Files.readAttributes(metaOf(key), BasicFileAttributes.class).fileKey();
    }

    private long files(String sub) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(sub))) {
            return files.count();
        }
    }

    @Test
    void dirtyAndCleanItemsSurviveARestart() throws IOException {
        written("/changed.txt", "local edit");
        downloaded("/photo.jpg", "jpeg bytes");
        restart();

        assertThat(cache.dirtyItems()).extracting(CacheItem::key).containsExactly("/changed.txt");
        assertThat(content("/changed.txt")).isEqualTo("local edit");
        CacheItem photo = cache.get("/photo.jpg").orElseThrow();
        assertThat(photo.isDirty()).isFalse();
        assertThat(photo.base()).isEqualTo(remote("etag-/photo.jpg", 10));
        assertThat(content("/photo.jpg")).as("readable offline").isEqualTo("jpeg bytes");
        assertThat(cache.usedBytes()).isEqualTo(20);
    }

    @Test
    void aCrashLosesNothingThatWasClosed() throws IOException {
        written("/a", "closed before the crash");
        downloaded("/b", "downloaded");
        crashAndRestart(LIMIT);

        assertThat(content("/a")).isEqualTo("closed before the crash");
        assertThat(cache.get("/a").orElseThrow().isDirty()).isTrue();
        assertThat(content("/b")).isEqualTo("downloaded");
    }

    @Test
    void aCrashWhileWritingLeavesTheItemDirtyWithTheRangesLastRecorded() throws IOException {
        downloaded("/doc", "0123456789");
        CacheItem item = cache.acquire("/doc", null, 0);
        item.write(0, utf8("ab"));     // overwrites recorded bytes
        item.write(20, utf8("late"));  // a new range, never recorded
        crashAndRestart(LIMIT);

        CacheItem back = cache.get("/doc").orElseThrow();
        assertThat(back.isDirty()).as("the first write recorded the item as dirty").isTrue();
        assertThat(back.size()).isEqualTo(10);
        assertThat(content("/doc")).isEqualTo("ab23456789");
        assertThat(back.base()).as("missing bytes come from this version").isEqualTo(remote("etag-/doc", 10));
    }

    @Test
    void aNewFileThatWasNeverClosedComesBackDirty() throws IOException {
        CacheItem item = cache.acquire("/new", null, 0);
        item.write(0, utf8("unsaved"));
        crashAndRestart(LIMIT);

        CacheItem back = cache.get("/new").orElseThrow();
        assertThat(back.isDirty()).isTrue();
        assertThat(back.base()).isNull();
        assertThat(cache.dirtyItems()).containsExactly(back);
    }

    @Test
    void aNewFilesFirstWriteIsRecordedWithItsBytes() throws IOException {
        CacheItem item = cache.acquire("/new", null, 0);
        item.truncate(0); // what create does
        item.write(0, utf8("unsaved"));
        crashAndRestart(LIMIT);

        CacheItem back = cache.get("/new").orElseThrow();
        assertThat(back.isDirty()).isTrue();
        assertThat(back.size()).as("recorded after the bytes, so it lists them").isEqualTo(7);
        assertThat(content("/new")).isEqualTo("unsaved");
    }

    @Test
    void aRemoteFileTruncatedByCreateIsRecordedDirtyAtOnce() throws IOException {
        CacheItem item = cache.acquire("/stored", remote("etag-/stored", 10), 10);
        item.truncate(0); // O_TRUNC of a file the store has: must never come back as the clean old version
        crashAndRestart(LIMIT);

        CacheItem back = cache.get("/stored").orElseThrow();
        assertThat(back.isDirty()).isTrue();
        assertThat(back.size()).isZero();
    }

    @Test
    void aSmallNewFileIsRecordedOnceInPlace() throws IOException {
        CacheItem item = cache.acquire("/small", null, 0);
        item.truncate(0);
        assertThat(metaOf("/small")).as("a create alone writes no record").doesNotExist();
        item.write(0, utf8("4 KiB, say"));
        Object first = recordFile("/small");
        item.persist(); // flush
        item.close();   // release

        Object last = recordFile("/small");
        assertThat(last).as("the record the write left was not replaced").isEqualTo(first);
        assertThat(files("meta")).as("no temporary file left").isEqualTo(1);
        crashAndRestart(LIMIT);
        assertThat(content("/small")).isEqualTo("4 KiB, say");
    }

    @Test
    void laterRecordsStillReplaceTheFirstAtomically() throws IOException {
        CacheItem item = cache.acquire("/grows", null, 0);
        item.write(0, utf8("one"));
        Object first = recordFile("/grows");
        item.write(3, utf8(" two"));
        item.persist();

        Object second = recordFile("/grows");
        assertThat(second).as("a new file renamed over the old record, never the record rewritten in place")
                .isNotEqualTo(first);
        crashAndRestart(LIMIT);
        assertThat(content("/grows")).isEqualTo("one two");
    }

    @Test
    void syncMakesOpenWritesSurviveACrash() throws IOException {
        CacheItem item = cache.acquire("/journal", null, 0);
        item.write(0, utf8("first "));
        item.write(6, utf8("second"));
        item.sync();
        crashAndRestart(LIMIT);

        assertThat(content("/journal")).isEqualTo("first second");
    }

    @Test
    void persistOnFlushRecordsTheWritesSoFar() throws IOException {
        CacheItem item = cache.acquire("/flushed", null, 0);
        item.write(0, utf8("flushed"));
        item.persist();
        item.write(7, utf8(" not"));
        crashAndRestart(LIMIT);

        assertThat(content("/flushed")).isEqualTo("flushed");
    }

    @Test
    void corruptAndTornRecordsAreDiscardedWithTheirData() throws IOException {
        written("/corrupt", "c");
        written("/torn", "t");
        written("/fine", "f");
        cache.close();
        Files.writeString(metaOf("/corrupt"), "garbage\n");
        byte[] record = Files.readAllBytes(metaOf("/torn"));
        Files.write(metaOf("/torn"), java.util.Arrays.copyOf(record, record.length / 2));
        crashAndRestart(LIMIT);

        assertThat(cache.get("/corrupt")).isEmpty();
        assertThat(cache.get("/torn")).isEmpty();
        assertThat(content("/fine")).isEqualTo("f");
        assertThat(files("data")).isEqualTo(1);
        assertThat(files("meta")).isEqualTo(1);
    }

    @Test
    void strayFilesAreCleanedUpAtStart() throws IOException {
        written("/kept", "k");
        cache.close();
        Files.writeString(dir.resolve("data").resolve("orphan"), "no record");
        Files.writeString(dir.resolve("meta").resolve("x.meta.tmp"), "half written");
        Files.delete(dir.resolve("data").resolve(CacheFiles.sha256("/kept")));
        crashAndRestart(LIMIT);

        assertThat(cache.itemCount()).as("a record without data is dropped too").isZero();
        assertThat(files("data")).isZero();
        assertThat(files("meta")).isZero();
    }

    @Test
    void renamesSurviveARestart() throws IOException {
        written("/a", "file");
        written("/dir/x", "x");
        written("/dir/sub/y", "y");
        cache.rename("/a", "/b");
        cache.rename("/dir", "/moved");
        crashAndRestart(LIMIT);

        assertThat(cache.get("/a")).isEmpty();
        assertThat(content("/b")).isEqualTo("file");
        assertThat(cache.itemsBelow("/moved")).extracting(CacheItem::key)
                .containsExactlyInAnyOrder("/moved/x", "/moved/sub/y");
        assertThat(cache.itemsBelow("/dir")).isEmpty();
        assertThat(content("/moved/sub/y")).isEqualTo("y");
    }

    @Test
    void removedItemsStayRemovedEvenIfTheyWereOpenAtTheCrash() throws IOException {
        written("/closed", "gone");
        CacheItem open = cache.acquire("/open", null, 0);
        open.write(0, utf8("also gone"));
        cache.remove("/closed");
        cache.remove("/open");
        crashAndRestart(LIMIT);

        assertThat(cache.itemCount()).isZero();
        assertThat(cache.dirtyItems()).isEmpty();
        assertThat(files("data")).isZero();
    }

    @Test
    void anUploadRecordedBeforeTheRestartIsNotRepeated() throws IOException {
        written("/a", "up");
        restart();
        CacheItem item = cache.dirtyItems().get(0);
        item.markUploaded(remote("uploaded", 2), item.dirtyVersion());
        crashAndRestart(LIMIT);

        assertThat(cache.dirtyItems()).isEmpty();
        assertThat(cache.get("/a").orElseThrow().base()).isEqualTo(remote("uploaded", 2));
    }

    @Test
    void evictionAfterARestartFollowsThePersistedAccessTimes() throws IOException {
        downloaded("/a", "a".repeat(30));
        clock.advance(Duration.ofMinutes(1));
        downloaded("/b", "b".repeat(30));
        clock.advance(Duration.ofMinutes(1));
        downloaded("/c", "c".repeat(30));
        clock.advance(Duration.ofMinutes(1));
        CacheItem a = cache.acquire("/a", null, 0);
        assertThat(text(a, 0, 1)).isEqualTo("a");
        a.close();
        cache.close();

        crashAndRestart(70);
        assertThat(cache.get("/b")).as("least recently used").isEmpty();
        assertThat(cache.get("/a")).isPresent();
        assertThat(cache.get("/c")).isPresent();
        assertThat(cache.usedBytes()).isEqualTo(60);
    }

    @Test
    void aSmallerLimitAfterARestartNeverDropsDirtyData() throws IOException {
        written("/dirty", "d".repeat(50));
        downloaded("/clean", "c".repeat(50));
        restart();
        cache.close();

        crashAndRestart(10);
        assertThat(cache.get("/clean")).isEmpty();
        assertThat(content("/dirty")).isEqualTo("d".repeat(50));
    }

    @Test
    void aReloadedDirtyItemTakesMoreWrites() throws IOException {
        written("/log", "one");
        restart();
        CacheItem item = cache.acquire("/log", null, 0);
        item.write(3, utf8(" two"));
        item.close();
        restart();

        assertThat(content("/log")).isEqualTo("one two");
        assertThat(Files.size(cache.get("/log").orElseThrow().dataFile())).isEqualTo(7);
        ByteBuffer none = ByteBuffer.allocate(4);
        assertThat(cache.get("/log").orElseThrow().read(7, none)).isZero();
    }
}
