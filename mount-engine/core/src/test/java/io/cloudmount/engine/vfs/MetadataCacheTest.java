package io.cloudmount.engine.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.memory.MemoryProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the metadata cache asks the store, and what it answers after local and remote changes. */
class MetadataCacheTest {
    private static final Duration TTL = Duration.ofSeconds(60);

    private final MemoryProvider memory = MemoryProvider.withCapacity(1 << 20);
    private final CountingProvider store = new CountingProvider(memory);
    private final AtomicLong nanos = new AtomicLong();
    private final MetadataCache cache = new MetadataCache(store, TTL, nanos::get);

    @BeforeEach
    void twentyFilesInOneDirectory() throws Exception {
        memory.mkdir("/d");
        for (int i = 0; i < 20; i++) {
            memory.createFile("/d/f" + i, true);
        }
    }

    @Test
    void statOfEveryFileInAnUnlistedDirectoryCostsOneListingAndNoStat() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(cache.stat("/d/f" + i).isFile()).isTrue();
        }
        assertThatThrownBy(() -> cache.stat("/d/missing")).isInstanceOf(ProviderException.NotFound.class);

        assertThat(store.listings.get()).isEqualTo(1);
        assertThat(store.stats.get()).isZero();
    }

    @Test
    void aNameInADirectoryThatDoesNotExistIsNotFound() {
        assertThatThrownBy(() -> cache.stat("/nowhere/f")).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void aFileAddedByAnotherClientShowsOnceTheTtlHasPassed() throws Exception {
        cache.stat("/d/f0");
        memory.createFile("/d/late", true);
        assertThatThrownBy(() -> cache.stat("/d/late")).isInstanceOf(ProviderException.NotFound.class);

        nanos.addAndGet(TTL.plusSeconds(1).toNanos());

        assertThat(cache.stat("/d/late").isFile()).isTrue();
    }

    @Test
    void changesMadeThroughTheDriveEditTheCachedListingWithoutAsking() throws Exception {
        cache.list("/d");
        int before = store.lookups();

        cache.put("/d/new", Optional.of(ObjectInfo.file("new", 3, Instant.EPOCH, "\"e\"")));
        cache.put("/d/f0", Optional.empty());

        assertThat(names(cache.list("/d"))).contains("new").doesNotContain("f0");
        assertThat(cache.stat("/d/new").size()).isEqualTo(3);
        assertThatThrownBy(() -> cache.stat("/d/f0")).isInstanceOf(ProviderException.NotFound.class);
        assertThat(store.lookups()).isEqualTo(before);
    }

    @Test
    void aMovedEntryTakesTheNameOfItsNewPathAlsoWithoutAListing() throws Exception {
        ObjectInfo moved = ObjectInfo.file("f0", 3, Instant.EPOCH, "\"e\"");

        cache.put("/elsewhere/g0", Optional.of(moved));

        assertThat(cache.stat("/elsewhere/g0").name()).isEqualTo("g0");
        assertThat(store.lookups()).isZero();
    }

    @Test
    void aFileHasSiblingsUntilItIsTheLastOneListed() throws Exception {
        memory.mkdir("/one");
        memory.createFile("/one/a", true);
        memory.createFile("/one/b", true);
        assertThat(cache.hasSiblings("/one/a")).as("not listed yet: unknown").isFalse();
        cache.list("/one");

        assertThat(cache.hasSiblings("/one/a")).isTrue();
        cache.put("/one/b", Optional.empty());
        assertThat(cache.hasSiblings("/one/a")).isFalse();
    }

    @Test
    void aNewDirectoryIsKnownEmptySoLookupsInsideItNeedNoRequest() throws Exception {
        memory.mkdir("/d/sub");
        cache.putEmptyDirectory("/d/sub", ObjectInfo.directory("sub", Instant.EPOCH));
        int before = store.lookups();

        assertThat(cache.stat("/d/sub").isDirectory()).isTrue();
        assertThatThrownBy(() -> cache.stat("/d/sub/x")).isInstanceOf(ProviderException.NotFound.class);
        assertThat(store.lookups()).isEqualTo(before);
    }

    @Test
    void aListingAnsweredBeforeALocalChangeDoesNotUndoIt() throws Exception {
        var answered = store.holdNextListing();
        CompletableFuture<List<ObjectInfo>> listing = CompletableFuture.supplyAsync(() -> listQuietly("/d"));
        assertThat(answered.await(10, TimeUnit.SECONDS)).isTrue();

        // The store answered without these; the drive changes them before the answer is cached.
        cache.put("/d/uploaded", Optional.of(ObjectInfo.file("uploaded", 1, Instant.EPOCH, "\"u\"")));
        cache.put("/d/f0", Optional.empty());
        store.releaseListing();

        assertThat(names(listing.get(10, TimeUnit.SECONDS))).contains("uploaded").doesNotContain("f0");
        assertThat(names(cache.list("/d"))).contains("uploaded").doesNotContain("f0");
        assertThat(store.listings.get()).isEqualTo(1);
    }

    @Test
    void aListingAnsweredBeforeAnInvalidationIsNotCached() throws Exception {
        var answered = store.holdNextListing();
        CompletableFuture<List<ObjectInfo>> listing = CompletableFuture.supplyAsync(() -> listQuietly("/d"));
        assertThat(answered.await(10, TimeUnit.SECONDS)).isTrue();
        memory.createFile("/d/other", true);
        cache.invalidate("/d/other");
        store.releaseListing();
        listing.get(10, TimeUnit.SECONDS);

        assertThat(names(cache.list("/d"))).contains("other");
        assertThat(store.listings.get()).isEqualTo(2);
    }

    @Test
    void concurrentLookupsInAnUnlistedDirectoryShareOneListing() throws Exception {
        var answered = store.holdNextListing();
        CompletableFuture<ObjectInfo> first = CompletableFuture.supplyAsync(() -> statQuietly("/d/f1"));
        assertThat(answered.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<ObjectInfo> second = CompletableFuture.supplyAsync(() -> statQuietly("/d/f2"));
        store.releaseListing();

        assertThat(first.get(10, TimeUnit.SECONDS).name()).isEqualTo("f1");
        assertThat(second.get(10, TimeUnit.SECONDS).name()).isEqualTo("f2");
        assertThat(store.listings.get()).isEqualTo(1);
        assertThat(store.stats.get()).isZero();
    }

    @Test
    void whereAStatCostsLessThanAListingALookupInAnUnlistedDirectoryAsksForItsPathAlone() throws Exception {
        var s3Like = CountingProvider.withStatCheaperThanListing(memory);
        var cache = new MetadataCache(s3Like, TTL, nanos::get);

        assertThat(cache.stat("/d/f7").isFile()).isTrue();
        assertThatThrownBy(() -> cache.stat("/d/missing")).isInstanceOf(ProviderException.NotFound.class);
        assertThatThrownBy(() -> cache.stat("/d/f7/below")).isInstanceOf(ProviderException.NotFound.class);
        assertThat(cache.stat("/d/f7").isFile()).as("answered from the cache").isTrue();

        assertThat(s3Like.listings.get()).isZero();
        assertThat(s3Like.stats.get()).isEqualTo(3);
    }

    @Test
    void aDirectoryLookedUpInOverAndOverIsListedOnce() throws Exception {
        var s3Like = CountingProvider.withStatCheaperThanListing(memory);
        var cache = new MetadataCache(s3Like, TTL, nanos::get);

        for (int i = 0; i < 20; i++) {
            assertThat(cache.stat("/d/f" + i).name()).isEqualTo("f" + i);
        }
        assertThatThrownBy(() -> cache.stat("/d/missing")).isInstanceOf(ProviderException.NotFound.class);

        assertThat(s3Like.stats.get()).isEqualTo(MetadataCache.LOOKUPS_BEFORE_LISTING);
        assertThat(s3Like.listings.get()).isEqualTo(1);
    }

    @Test
    void aLocalChangeAfterALookupAskedAloneIsSeenWithoutAsking() throws Exception {
        var s3Like = CountingProvider.withStatCheaperThanListing(memory);
        var cache = new MetadataCache(s3Like, TTL, nanos::get);
        assertThatThrownBy(() -> cache.stat("/d/new")).isInstanceOf(ProviderException.NotFound.class);

        memory.createFile("/d/new", true);
        cache.put("/d/new", Optional.of(memory.stat("/d/new")));

        assertThat(cache.stat("/d/new").isFile()).isTrue();
        assertThat(s3Like.lookups()).isEqualTo(1);
    }

    @Test
    void aLookupAskedAloneThatCannotReachTheStoreIsAnsweredByTheListing() throws Exception {
        var s3Like = CountingProvider.withStatCheaperThanListing(memory);
        var cache = new MetadataCache(s3Like, TTL, nanos::get);
        s3Like.statsUnavailable = true;

        assertThat(cache.stat("/d/f3").isFile()).isTrue();

        assertThat(s3Like.listings.get()).isEqualTo(1);
    }

    private ObjectInfo statQuietly(String path) {
        try {
            return cache.stat(path);
        } catch (ProviderException e) {
            throw new AssertionError(e);
        }
    }

    private List<ObjectInfo> listQuietly(String directory) {
        try {
            return cache.list(directory);
        } catch (ProviderException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> names(List<ObjectInfo> entries) {
        return entries.stream().map(ObjectInfo::name).toList();
    }
}
