package io.cloudmount.engine.vfs;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a drive is presented.
 *
 * @param readOnly   refuse every change with EROFS
 * @param uid        owner reported for every entry
 * @param gid        group reported for every entry
 * @param fileMode   permission bits of files whose store keeps none
 * @param dirMode    permission bits of directories whose store keeps none
 * @param clock      time source for new modification times (injected for tests)
 * @param listingTtl how long a listing of a directly used store (local folder, memory) may be answered
 *                   again without reading the folder, as long as nothing changed through the drive; zero
 *                   turns this off. Meant to equal the kernel's attribute timeout (see {@code ListingCache}).
 *                   Stores behind the write-back cache have their own metadata cache instead.
 */
public record VfsOptions(boolean readOnly, int uid, int gid, int fileMode, int dirMode, Clock clock,
                         Duration listingTtl) {
    public VfsOptions {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(listingTtl, "listingTtl");
    }

    public static VfsOptions defaults() {
        return new VfsOptions(false, 0, 0, 0644, 0755, Clock.systemUTC(), Duration.ZERO);
    }

    public VfsOptions withReadOnly(boolean value) {
        return new VfsOptions(value, uid, gid, fileMode, dirMode, clock, listingTtl);
    }

    public VfsOptions withOwner(int newUid, int newGid) {
        return new VfsOptions(readOnly, newUid, newGid, fileMode, dirMode, clock, listingTtl);
    }

    public VfsOptions withClock(Clock newClock) {
        return new VfsOptions(readOnly, uid, gid, fileMode, dirMode, newClock, listingTtl);
    }

    public VfsOptions withListingTtl(Duration ttl) {
        return new VfsOptions(readOnly, uid, gid, fileMode, dirMode, clock, ttl);
    }
}
