package io.cloudmount.engine.cache;

import java.io.IOException;

/**
 * The data cache cannot take more bytes: everything left is dirty (not yet uploaded) or pinned by
 * open files, or the disk under the cache is nearly full. The engine reports it as ENOSPC; the
 * message starts with "No space left" so that {@link io.cloudmount.engine.FsErrors} classifies it
 * so even without knowing this type.
 */
public final class CacheFullException extends IOException {
    private final long requested;

    public CacheFullException(long requested, String detail) {
        super("No space left in the data cache for " + requested + " bytes: " + detail);
        this.requested = requested;
    }

    /** The number of bytes that could not be reserved. */
    public long requested() {
        return requested;
    }
}
