package io.cloudmount.engine.cache;

import static io.cloudmount.engine.cache.CacheTesting.T0;
import static io.cloudmount.engine.cache.CacheTesting.all;
import static io.cloudmount.engine.cache.CacheTesting.remote;
import static io.cloudmount.engine.cache.CacheTesting.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCacheKeysTest {
    @TempDir
    Path dir;
    private DataCache cache;

    @BeforeEach
    void openCache() throws IOException {
        cache = DataCache.open(dir, 1 << 20, 0, new MutableClock(T0));
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    private CacheItem written(String key, String content) throws IOException {
        CacheItem item = cache.acquire(key, null, 0);
        item.write(0, utf8(content));
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

    private long dataFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("data"))) {
            return files.count();
        }
    }

    @Test
    void getOrCreateReturnsTheExistingItemUnchanged() throws IOException {
        CacheItem first = cache.getOrCreate("/a", remote("e1", 3), 3);
        CacheItem second = cache.getOrCreate("/a", remote("e2", 9), 9);
        assertThat(second).isSameAs(first);
        assertThat(second.base()).isEqualTo(remote("e1", 3));
        assertThat(cache.get("/missing")).isEmpty();
    }

    @Test
    void itemsBelowListsOnlyStrictDescendants() throws IOException {
        for (String key : new String[] {"/d", "/d/a", "/d/b/c", "/dd/x"}) {
            cache.getOrCreate(key, null, 0);
        }
        assertThat(cache.itemsBelow("/d")).extracting(CacheItem::key).containsExactlyInAnyOrder("/d/a", "/d/b/c");
        assertThat(cache.itemsBelow("/")).hasSize(4);
    }

    @Test
    void itemsBelowIsExactForKeysThatSortNextToTheDirectory() throws IOException {
        // '-' and '.' sort just before '/', '0' just after it: the neighbours of a key range "/d/..."
        for (String key : new String[] {"/d-x", "/d.x", "/d0", "/d0/y", "/d/\u00e4", "/d/\uffff", "/d/-", "/c/z", "/e"}) {
            cache.getOrCreate(key, null, 0);
        }
        assertThat(cache.itemsBelow("/d")).extracting(CacheItem::key)
                .containsExactlyInAnyOrder("/d/\u00e4", "/d/\uffff", "/d/-");
        cache.rename("/d", "/m");
        assertThat(cache.itemsBelow("/m")).extracting(CacheItem::key)
                .containsExactlyInAnyOrder("/m/\u00e4", "/m/\uffff", "/m/-");
        assertThat(cache.itemsBelow("/")).extracting(CacheItem::key)
                .containsExactlyInAnyOrder("/d-x", "/d.x", "/d0", "/d0/y", "/m/\u00e4", "/m/\uffff", "/m/-", "/c/z", "/e");
    }

    @Test
    void renameMovesOneKey() throws IOException {
        written("/a", "alpha");
        cache.rename("/a", "/b");
        assertThat(cache.get("/a")).isEmpty();
        assertThat(content("/b")).isEqualTo("alpha");
        assertThat(cache.get("/b").orElseThrow().key()).isEqualTo("/b");
    }

    @Test
    void renameOfADirectoryMovesItsWholeSubtreeAndNothingElse() throws IOException {
        written("/d/a", "1");
        written("/d/sub/b", "2");
        written("/dd/c", "3");
        cache.rename("/d", "/e");
        assertThat(cache.itemsBelow("/e")).extracting(CacheItem::key).containsExactlyInAnyOrder("/e/a", "/e/sub/b");
        assertThat(cache.itemsBelow("/d")).isEmpty();
        assertThat(content("/e/sub/b")).isEqualTo("2");
        assertThat(content("/dd/c")).isEqualTo("3");
    }

    @Test
    void renameOverACachedFileReplacesIt() throws IOException {
        written("/a", "new");
        written("/b", "old content");
        cache.rename("/a", "/b");
        assertThat(content("/b")).isEqualTo("new");
        assertThat(cache.itemCount()).isEqualTo(1);
        assertThat(cache.usedBytes()).isEqualTo(3);
        assertThat(dataFiles()).isEqualTo(1);
    }

    @Test
    void aRenamedItemsOldKeyCanBeCachedAgain() throws IOException {
        written("/a", "first");
        cache.rename("/a", "/b");
        written("/a", "second");
        assertThat(content("/a")).isEqualTo("second");
        assertThat(content("/b")).isEqualTo("first");
    }

    @Test
    void removeDeletesTheFiles() throws IOException {
        written("/a", "data");
        cache.remove("/a");
        assertThat(cache.get("/a")).isEmpty();
        assertThat(dataFiles()).isZero();
        assertThat(cache.usedBytes()).isZero();
    }

    @Test
    void aFileRemovedWhileOpenStaysReadableUntilClosed() throws IOException {
        CacheItem item = cache.acquire("/open", null, 0);
        item.write(0, utf8("still here"));
        cache.remove("/open");
        assertThat(item.isRemoved()).isTrue();
        assertThat(all(item)).isEqualTo("still here");
        written("/open", "a new file");
        assertThat(content("/open")).isEqualTo("a new file");

        item.close();
        assertThat(Files.exists(item.dataFile())).isFalse();
        assertThat(cache.usedBytes()).isEqualTo(10);
    }

    @Test
    void dirtyItemsListsOnlyItemsWithChanges() throws IOException {
        written("/changed", "x");
        CacheItem downloaded = cache.acquire("/downloaded", remote("e", 1), 1);
        downloaded.fill(0, utf8("y"));
        downloaded.close();
        assertThat(cache.dirtyItems()).extracting(CacheItem::key).containsExactly("/changed");
    }
}
