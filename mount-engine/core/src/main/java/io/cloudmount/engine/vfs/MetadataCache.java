package io.cloudmount.engine.vfs;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.cloudmount.provider.ListPage;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ObjectPaths;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.StorageProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Attributes and listings of a remote store, kept for a time-to-live so that {@code ls -l} and
 * {@code stat} of many files cost one listing instead of one request each.
 *
 * <p>Local changes update the cache at once ({@link #invalidate}); changes made by others are seen
 * when an entry expires, or earlier when the engine revalidates on open. A stat whose parent listing
 * is cached is answered from that listing, present or absent, so a cold {@code stat} of every file in
 * a directory costs one LIST.
 */
final class MetadataCache {
    private final StorageProvider provider;
    /** path to its attributes, or empty for "does not exist". */
    private final Cache<String, Optional<ObjectInfo>> stats;
    private final Cache<String, List<ObjectInfo>> listings;
    /**
     * Counts invalidations. A result fetched from the store is cached only if no invalidation happened
     * while it was in flight: a LIST sent before an upload finished must not be stored after the
     * upload's invalidation, or the new file would be hidden for a whole TTL.
     */
    private final AtomicLong generation = new AtomicLong();

    MetadataCache(StorageProvider provider, Duration ttl, Ticker ticker) {
        this.provider = provider;
        this.stats = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(200_000).ticker(ticker).build();
        this.listings = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).ticker(ticker).build();
    }

    ObjectInfo stat(String path) throws ProviderException {
        Optional<ObjectInfo> cached = stats.getIfPresent(path);
        if (cached == null && !ObjectPaths.isRoot(path)) {
            List<ObjectInfo> siblings = listings.getIfPresent(ObjectPaths.parent(path));
            if (siblings != null) {
                String name = ObjectPaths.name(path);
                cached = siblings.stream().filter(e -> e.name().equals(name)).findFirst();
            }
        }
        if (cached == null) {
            long before = generation.get();
            try {
                cached = Optional.of(provider.stat(path));
            } catch (ProviderException.NotFound e) {
                cached = Optional.empty();
            }
            putIfCurrent(stats, path, cached, before);
        }
        return cached.orElseThrow(() -> new ProviderException.NotFound(path));
    }

    /** Asks the store, bypassing and then refreshing the cache (revalidation on open). */
    Optional<ObjectInfo> statFresh(String path) throws ProviderException {
        long before = generation.get();
        Optional<ObjectInfo> fresh;
        try {
            fresh = Optional.of(provider.stat(path));
        } catch (ProviderException.NotFound e) {
            fresh = Optional.empty();
        }
        putIfCurrent(stats, path, fresh, before);
        return fresh;
    }

    List<ObjectInfo> list(String directory) throws ProviderException {
        List<ObjectInfo> cached = listings.getIfPresent(directory);
        if (cached != null) {
            return cached;
        }
        long before = generation.get();
        List<ObjectInfo> entries = new ArrayList<>();
        String token = null;
        do {
            ListPage page = provider.list(directory, token);
            entries.addAll(page.entries());
            token = page.nextPageToken();
        } while (token != null);
        List<ObjectInfo> snapshot = List.copyOf(entries);
        putIfCurrent(listings, directory, snapshot, before);
        return snapshot;
    }

    /** Directories whose listing is cached now: the ones someone looked at recently. */
    List<String> cachedDirectories() {
        return List.copyOf(listings.asMap().keySet());
    }

    /**
     * Lists a cached directory again and returns the paths whose entries changed (added, removed, or
     * with another size, time or ETag); the cache then holds the new listing.
     */
    List<String> refresh(String directory) throws ProviderException {
        List<ObjectInfo> before = listings.getIfPresent(directory);
        listings.invalidate(directory);
        List<ObjectInfo> after = list(directory);
        if (before == null || before.equals(after)) {
            return List.of();
        }
        java.util.Map<String, ObjectInfo> old = new java.util.HashMap<>();
        before.forEach(e -> old.put(e.name(), e));
        List<String> changed = new ArrayList<>();
        for (ObjectInfo entry : after) {
            ObjectInfo previous = old.remove(entry.name());
            if (!entry.equals(previous)) {
                changed.add(ObjectPaths.child(directory, entry.name()));
            }
        }
        old.keySet().forEach(name -> changed.add(ObjectPaths.child(directory, name)));
        for (String path : changed) {
            stats.invalidate(path);
        }
        return changed;
    }

    /** A local change to {@code path}: forget it, its listing and its parent's listing. */
    void invalidate(String path) {
        generation.incrementAndGet();
        stats.invalidate(path);
        listings.invalidate(path);
        if (!ObjectPaths.isRoot(path)) {
            listings.invalidate(ObjectPaths.parent(path));
        }
    }

    /** A change to a whole subtree (directory rename or delete). */
    void invalidateTree(String directory) {
        invalidate(directory);
        stats.asMap().keySet().removeIf(p -> ObjectPaths.isSameOrBelow(p, directory));
        listings.asMap().keySet().removeIf(p -> ObjectPaths.isSameOrBelow(p, directory));
    }

    void invalidateAll() {
        generation.incrementAndGet();
        stats.invalidateAll();
        listings.invalidateAll();
    }

    private <V> void putIfCurrent(Cache<String, V> cache, String key, V value, long generationBefore) {
        if (generation.get() == generationBefore) {
            cache.put(key, value);
            if (generation.get() != generationBefore) {
                cache.invalidate(key); // an invalidation raced with the put
            }
        }
    }
}
