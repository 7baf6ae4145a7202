package io.cloudmount.engine.cache;

import io.cloudmount.provider.ObjectInfo;
import java.time.Instant;
import java.util.Objects;

/**
 * The remote version a cache item was filled from.
 *
 * @param etag     the store's content fingerprint, {@code null} when the store has none
 * @param size     content length in bytes
 * @param modified last modification time as the store reports it
 */
public record Fingerprint(String etag, long size, Instant modified) {
    public Fingerprint {
        Objects.requireNonNull(modified, "modified");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
    }

    public static Fingerprint of(ObjectInfo info) {
        return new Fingerprint(info.etag(), info.size(), info.modified());
    }

    /**
     * Whether {@code other} describes the same content. With ETags on both sides they decide (with the
     * size as a cheap extra check); without, size and modification time must both match.
     */
    public boolean sameVersion(Fingerprint other) {
        if (other == null) {
            return false;
        }
        if (etag != null && other.etag != null) {
            return etag.equals(other.etag) && size == other.size;
        }
        return size == other.size && modified.equals(other.modified);
    }
}
