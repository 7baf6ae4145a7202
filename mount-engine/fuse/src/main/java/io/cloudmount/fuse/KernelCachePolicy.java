package io.cloudmount.fuse;

import java.time.Duration;

/**
 * How much the kernel may cache. Changes made through the mount always reach the kernel's caches
 * directly; these settings only decide how long a change made <em>beside</em> the mount (another
 * program writing the local folder, another client of the bucket) can stay unseen.
 *
 * @param attributeTimeout how long the kernel trusts attributes and names it was given
 * @param negativeTimeout  how long a "no such file" answer is trusted
 * @param keepPageCache    keep file pages across opens; otherwise pages are dropped when the size or
 *                         time of the file changed since they were read ({@code auto_cache})
 * @param cacheListings    let the kernel keep directory listings until the directory changes (honoured by
 *                         libfuse builds whose high-level opendir passes {@code cache_readdir} on; 3.14 does not)
 * @param writebackCache   let the kernel buffer writes and send them in large blocks, as a local disk does.
 *                         Off by default: with it, libfuse 3.14's high-level API fails close(2) of an
 *                         unlinked open file with EIO (the kernel flushes its ctime through a setattr
 *                         without file handle, and libfuse finds no path for the removed node)
 */
public record KernelCachePolicy(Duration attributeTimeout, Duration negativeTimeout, boolean keepPageCache,
                                boolean cacheListings, boolean writebackCache) {

    /** For stores only this mount changes (memory): cache everything, for long. */
    public static KernelCachePolicy exclusive() {
        return new KernelCachePolicy(Duration.ofMinutes(10), Duration.ofMinutes(10), true, true, false);
    }

    /** For stores others may change too (a local folder): changes beside the mount show within a second. */
    public static KernelCachePolicy shared() {
        return new KernelCachePolicy(Duration.ofSeconds(1), Duration.ZERO, false, true, false);
    }

    /**
     * For object stores (S3): as {@link #shared()}, but the kernel never keeps listings. It would keep one
     * until the folder's modification time changes, and a folder of an object store has none that moves
     * when other clients add objects (a marker's time, or none), so their files would never show. libfuse
     * 3.16 and later pass this on from the high-level opendir; 3.14 drops it either way.
     */
    public static KernelCachePolicy objectStore() {
        return new KernelCachePolicy(Duration.ofSeconds(1), Duration.ZERO, false, false, false);
    }
}
