package io.cloudmount.engine.vfs;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.cloudmount.provider.Capability;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ObjectPaths;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.StorageProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attributes and listings of a remote store, kept for a time-to-live so that {@code ls -l} and
 * {@code stat} of many files cost one listing instead of one request each.
 *
 * <p><b>Lookups go through the parent's listing.</b> A stat whose parent listing is cached is answered
 * from it, present or absent; a stat whose parent is not cached lists the parent (all pages) first, as
 * rclone's VFS does. So a cold {@code stat} of every file in a directory, and the negative lookups a
 * {@code create} or {@code mkdir -p} makes, cost one LIST for the whole directory instead of requests
 * per name. Except where a listing costs a request per entry and a stat does not
 * ({@link Capability#STAT_CHEAPER_THAN_LISTING}: S3 reading stored mtimes): there the first
 * {@value #LOOKUPS_BEFORE_LISTING} lookups in an unlisted directory are asked alone, so opening or
 * saving one file in a folder of 10,000 costs two requests, not 10,000 HEADs; a directory that keeps
 * being looked up in is then listed.
 *
 * <p><b>Local changes edit the cache in place</b> ({@link #put}): an upload, a delete, a rename or a
 * mkdir done through this drive writes its result into the cached entry and the parent's listing,
 * without dropping the listing (which would cost a new LIST at the next lookup). The TTL still runs
 * from the time the listing was fetched, so changes made by others are seen when it expires, or
 * earlier when the engine revalidates on open.
 *
 * <p>A fetch in flight while such a change happens must not bring back the old state: {@link Fetches}
 * records the change for it, and it is applied to the fetched result before that is cached. An
 * {@link #invalidate} instead discards the fetches in flight below it.
 *
 * <p><b>While the store is unreachable</b> (a retryable failure: no connection, timeouts, 5xx), a
 * listing whose TTL ran out is served as last seen, so cached files stay visible and readable
 * offline; the next lookup asks the store again.
 */
final class MetadataCache {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataCache.class);
    /** Lookups asked alone per unlisted directory before it is listed; a few, so a scan soon lists it. */
    static final int LOOKUPS_BEFORE_LISTING = 8;
    private final StorageProvider provider;
    /** path to its attributes, or empty for "does not exist"; for paths whose parent is not listed. */
    private final Cache<String, Optional<ObjectInfo>> stats;
    /** directory to its entries by name; changed in place (under {@link #fetches}' lock). */
    private final Cache<String, Map<String, ObjectInfo>> listings;
    private final Fetches fetches = new Fetches();
    /** Listings being fetched, so that concurrent lookups wait for one instead of each sending its own. */
    private final Map<String, CompletableFuture<Map<String, ObjectInfo>>> loading = new ConcurrentHashMap<>();
    /** The last listing of each directory, kept past its TTL for when the store cannot be reached. */
    private final Cache<String, Map<String, ObjectInfo>> lastListings;
    private volatile Optional<ObjectInfo> lastRoot;
    private final AtomicBoolean offline = new AtomicBoolean();
    /** Directory to the lookups asked alone in it lately; {@code null} where listing first is cheaper. */
    private final Cache<String, Integer> lookupsAlone;

    MetadataCache(StorageProvider provider, Duration ttl, Ticker ticker) {
        this.provider = provider;
        this.stats = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(200_000).ticker(ticker).build();
        this.listings = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).ticker(ticker).build();
        this.lastListings = Caffeine.newBuilder().maximumSize(10_000).build();
        this.lookupsAlone = provider.capabilities().has(Capability.STAT_CHEAPER_THAN_LISTING)
                ? Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).ticker(ticker).build()
                : null;
    }

    ObjectInfo stat(String path) throws ProviderException {
        return lookup(path).orElseThrow(() -> new ProviderException.NotFound(path));
    }

    private Optional<ObjectInfo> lookup(String path) throws ProviderException {
        if (ObjectPaths.isRoot(path)) {
            Optional<ObjectInfo> root = stats.getIfPresent(path);
            if (root != null) {
                return root;
            }
            try {
                root = statFresh(path);
            } catch (ProviderException e) {
                Optional<ObjectInfo> last = lastRoot;
                if (!e.isRetryable() || last == null) {
                    throw e;
                }
                wentOffline(e);
                return last;
            }
            lastRoot = root;
            return root;
        }
        String parent = ObjectPaths.parent(path);
        Map<String, ObjectInfo> siblings = listings.getIfPresent(parent);
        if (siblings != null) {
            return Optional.ofNullable(siblings.get(ObjectPaths.name(path)));
        }
        Optional<ObjectInfo> cached = stats.getIfPresent(path);
        if (cached != null) {
            return cached;
        }
        if (askAlone(parent)) {
            try {
                return statFresh(path);
            } catch (ProviderException.NotADirectory e) {
                return Optional.empty(); // as from the listing below: nothing is below a file
            } catch (ProviderException e) {
                if (!e.isRetryable()) {
                    throw e;
                }
                // Offline: the parent's last listing, if any, answers below.
            }
        }
        try {
            siblings = entries(parent);
        } catch (ProviderException.NotFound | ProviderException.NotADirectory e) {
            return Optional.empty(); // no directory there, so nothing below it either
        }
        return Optional.ofNullable(siblings.get(ObjectPaths.name(path)));
    }

    /**
     * Whether a lookup in the unlisted {@code directory} should ask for its path alone: only where a
     * stat is cheaper than a listing, while no listing of it is on its way, and for the first few.
     */
    private boolean askAlone(String directory) {
        if (lookupsAlone == null || loading.containsKey(directory)) {
            return false;
        }
        return lookupsAlone.asMap().merge(directory, 1, Integer::sum) <= LOOKUPS_BEFORE_LISTING;
    }

    /** Asks the store, bypassing and then refreshing the cache (revalidation on open). */
    Optional<ObjectInfo> statFresh(String path) throws ProviderException {
        String directory = ObjectPaths.isRoot(path) ? path : ObjectPaths.parent(path);
        Fetches.Fetch fetch = fetches.start(directory);
        Optional<ObjectInfo> fresh;
        try {
            try {
                fresh = Optional.of(provider.stat(path));
            } catch (ProviderException.NotFound e) {
                fresh = Optional.empty();
            }
        } catch (ProviderException | RuntimeException e) {
            fetches.abandon(fetch);
            throw e;
        }
        synchronized (fetches) {
            fetches.finish(fetch);
            if (fetch.discarded()) {
                return fresh;
            }
            Optional<ObjectInfo> changedMeanwhile = ObjectPaths.isRoot(path) ? null : fetch.changes().get(ObjectPaths.name(path));
            if (changedMeanwhile != null) {
                return changedMeanwhile; // our own change landed after this request was answered
            }
            apply(path, fresh);
        }
        return fresh;
    }

    List<ObjectInfo> list(String directory) throws ProviderException {
        return List.copyOf(entries(directory).values());
    }

    /**
     * The names in {@code directory} as the store has them, for finding a name: the cached listing if
     * there is one, else, where a listing costs a request per entry, the store's names alone (not cached).
     */
    List<String> names(String directory) throws ProviderException {
        Map<String, ObjectInfo> cached = listings.getIfPresent(directory);
        if (cached == null && lookupsAlone != null) {
            try {
                return provider.listAllNames(directory).stream().map(ObjectInfo::name).toList();
            } catch (ProviderException e) {
                Map<String, ObjectInfo> last = lastListingWhileOffline(directory, e); // as for lookups
                if (last == null) {
                    throw e;
                }
                return List.copyOf(last.keySet());
            }
        }
        return List.copyOf((cached != null ? cached : entries(directory)).keySet());
    }

    private Map<String, ObjectInfo> entries(String directory) throws ProviderException {
        Map<String, ObjectInfo> cached = listings.getIfPresent(directory);
        if (cached != null) {
            return cached;
        }
        // Parallel lookups in one unlisted directory (a file manager's stats) share one listing.
        CompletableFuture<Map<String, ObjectInfo>> mine = new CompletableFuture<>();
        CompletableFuture<Map<String, ObjectInfo>> running = loading.putIfAbsent(directory, mine);
        if (running != null) {
            return await(running);
        }
        try {
            Map<String, ObjectInfo> fetched = fetchListing(directory);
            mine.complete(fetched);
            if (offline.compareAndSet(true, false)) {
                LOG.info("The store answers again");
            }
            return fetched;
        } catch (ProviderException e) {
            Map<String, ObjectInfo> last = lastListingWhileOffline(directory, e);
            if (last == null) {
                mine.completeExceptionally(e);
                throw e;
            }
            mine.complete(last); // not cached as fresh: the next lookup asks the store again
            return last;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(directory, mine);
        }
    }

    /**
     * The directory's last listing, to answer with while the store cannot be reached ({@code e} is
     * retryable); {@code null} if there is none or {@code e} is another kind of failure.
     */
    private Map<String, ObjectInfo> lastListingWhileOffline(String directory, ProviderException e) {
        Map<String, ObjectInfo> last = e.isRetryable() ? lastListings.getIfPresent(directory) : null;
        if (last != null) {
            wentOffline(e);
        }
        return last;
    }

    private void wentOffline(ProviderException e) {
        if (offline.compareAndSet(false, true)) {
            LOG.warn("The store cannot be reached ({}); showing folders as last listed until it answers", e.getMessage());
        }
    }

    private static Map<String, ObjectInfo> await(CompletableFuture<Map<String, ObjectInfo>> listing)
            throws ProviderException {
        try {
            return listing.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ProviderException failed) {
                throw failed;
            }
            throw e.getCause() instanceof RuntimeException unchecked ? unchecked : e;
        }
    }

    private Map<String, ObjectInfo> fetchListing(String directory) throws ProviderException {
        Fetches.Fetch fetch = fetches.start(directory);
        Map<String, ObjectInfo> fetched = new ConcurrentSkipListMap<>();
        try {
            provider.listAll(directory).forEach(e -> fetched.put(e.name(), e));
        } catch (ProviderException | RuntimeException e) {
            fetches.abandon(fetch);
            throw e;
        }
        synchronized (fetches) {
            fetches.finish(fetch);
            fetch.changes().forEach((name, now) -> setEntry(fetched, name, now));
            if (!fetch.discarded()) {
                listings.put(directory, fetched);
                lastListings.put(directory, fetched);
            }
        }
        return fetched;
    }

    /**
     * Whether the cached listing of {@code path}'s directory has entries besides {@code path}: then
     * removing it cannot leave the directory empty. {@code false} when the listing is not cached.
     */
    boolean hasSiblings(String path) {
        if (ObjectPaths.isRoot(path)) {
            return false;
        }
        Map<String, ObjectInfo> siblings = listings.getIfPresent(ObjectPaths.parent(path));
        if (siblings == null) {
            return false;
        }
        String name = ObjectPaths.name(path);
        // Not size(): a ConcurrentSkipListMap counts its entries one by one, and this runs per delete.
        for (String other : siblings.keySet()) {
            if (!other.equals(name)) {
                return true;
            }
        }
        return false;
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
        Map<String, ObjectInfo> cached = listings.getIfPresent(directory);
        Map<String, ObjectInfo> before = cached == null ? null : new HashMap<>(cached);
        listings.invalidate(directory);
        Map<String, ObjectInfo> after = entries(directory);
        if (before == null || before.equals(after)) {
            return List.of();
        }
        List<String> changed = new ArrayList<>();
        for (ObjectInfo entry : after.values()) {
            ObjectInfo previous = before.remove(entry.name());
            if (!entry.equals(previous)) {
                changed.add(ObjectPaths.child(directory, entry.name()));
            }
        }
        before.keySet().forEach(name -> changed.add(ObjectPaths.child(directory, name)));
        for (String path : changed) {
            stats.invalidate(path);
        }
        return changed;
    }

    /**
     * A change this drive made in the store: {@code path} now holds {@code now} (empty: nothing). The
     * entry and the parent's listing are updated in place; a fetch of the parent in flight gets the
     * change too.
     */
    void put(String path, Optional<ObjectInfo> now) {
        synchronized (fetches) {
            if (!ObjectPaths.isRoot(path)) {
                fetches.record(ObjectPaths.parent(path), ObjectPaths.name(path), now);
            }
            apply(path, now);
        }
    }

    /** A directory this drive just created: it is empty, so lookups inside it need no request. */
    void putEmptyDirectory(String path, ObjectInfo directory) {
        synchronized (fetches) {
            put(path, Optional.of(directory));
            fetches.discardAt(path);
            Map<String, ObjectInfo> empty = new ConcurrentSkipListMap<>();
            listings.put(path, empty);
            lastListings.put(path, empty);
        }
    }

    /** A local change to {@code path} whose result is unknown: forget it, its listing and its parent's listing. */
    void invalidate(String path) {
        synchronized (fetches) {
            fetches.discardAt(path);
            stats.invalidate(path);
            listings.invalidate(path);
            if (!ObjectPaths.isRoot(path)) {
                String parent = ObjectPaths.parent(path);
                fetches.discardAt(parent);
                listings.invalidate(parent);
            }
        }
    }

    /** A change to a whole subtree (directory rename or delete). */
    void invalidateTree(String directory) {
        synchronized (fetches) {
            invalidate(directory);
            forgetTree(directory);
        }
    }

    /** Forgets what is known at and below {@code directory}, keeping its parent's listing (the caller updates it). */
    void forgetTree(String directory) {
        synchronized (fetches) {
            fetches.discardAt(directory);
            fetches.discardBelow(directory);
            stats.asMap().keySet().removeIf(p -> ObjectPaths.isSameOrBelow(p, directory));
            listings.asMap().keySet().removeIf(p -> ObjectPaths.isSameOrBelow(p, directory));
            lastListings.asMap().keySet().removeIf(p -> ObjectPaths.isSameOrBelow(p, directory));
        }
    }

    void invalidateAll() {
        synchronized (fetches) {
            fetches.discardBelow(ObjectPaths.ROOT);
            stats.invalidateAll();
            listings.invalidateAll();
        }
    }

    /** Caller holds the {@link #fetches} lock. {@code now} may carry another name (a moved entry). */
    private void apply(String path, Optional<ObjectInfo> now) {
        if (ObjectPaths.isRoot(path)) {
            stats.put(path, now);
            return;
        }
        now = now.map(info -> info.withName(ObjectPaths.name(path)));
        Map<String, ObjectInfo> siblings = listings.getIfPresent(ObjectPaths.parent(path));
        if (siblings != null) {
            setEntry(siblings, ObjectPaths.name(path), now);
            stats.invalidate(path); // the listing answers
        } else {
            stats.put(path, now);
        }
        if (now.isEmpty() || now.get().isFile()) {
            listings.invalidate(path); // no directory there any more
        }
    }

    private static void setEntry(Map<String, ObjectInfo> entries, String name, Optional<ObjectInfo> now) {
        if (now.isPresent()) {
            entries.put(name, now.get().withName(name));
        } else {
            entries.remove(name);
        }
    }
}
