package io.cloudmount.engine.vfs;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Recent listings of a store used directly (local folder, memory), so that programs listing the same
 * folder again and again (file managers, shells, build tools) are answered without reading the folder
 * again. libfuse's high-level API cannot let the kernel keep listings, so every listing reaches us.
 *
 * <p>A listing is served only while it is younger than the TTL, the window in which the kernel already
 * trusts the attributes it was given (changes made beside the mount show after at most that long, as for
 * {@code stat}), and only while nothing changed through this drive since it was read. Every change made
 * through the drive bumps one counter (the {@link Vfs}'s), which retires all listings at once: coarse on purpose, since a
 * listing carries sizes and times that readdirplus hands to the kernel, and a stale size after a local
 * write would truncate what programs read. The counter is bumped <em>after</em> a change is applied and
 * read <em>before</em> a listing starts, so a listing that raced with a change is never served.
 */
final class ListingCache {
    /** Upper bound on cached entries over all folders (about 200 bytes each). */
    private static final long MAX_ENTRIES = 200_000;

    /** The count of changes made through the drive. */
    private final LongSupplier generation;
    private final Cache<String, Listing> listings;

    ListingCache(Duration ttl, Ticker ticker, LongSupplier changes) {
        this.generation = changes;
        this.listings = Caffeine.newBuilder()
                .maximumWeight(MAX_ENTRIES)
                .weigher((String path, Listing listing) -> 1 + listing.entries().size())
                .expireAfterWrite(ttl)
                .ticker(ticker)
                .build();
    }

    interface Loader {
        List<FileAttributes> list(String directory) throws IOException;
    }

    List<FileAttributes> get(String directory, Loader loader) throws IOException {
        long before = generation.getAsLong();
        Listing cached = listings.getIfPresent(directory); // null once older than the TTL
        if (cached != null && cached.generation() == before) {
            return cached.entries();
        }
        List<FileAttributes> entries = loader.list(directory);
        listings.put(directory, new Listing(before, entries));
        return entries;
    }

    private record Listing(long generation, List<FileAttributes> entries) {
    }
}
