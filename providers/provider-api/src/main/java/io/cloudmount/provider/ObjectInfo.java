package io.cloudmount.provider;

import java.time.Instant;
import java.util.Objects;

/**
 * What a store knows about one entry.
 *
 * @param name     the last path segment ({@code ""} for the root)
 * @param type     file or directory
 * @param size     content length in bytes (0 for directories)
 * @param modified last modification time; stores without times report a stable value (e.g. the epoch)
 * @param etag     content fingerprint when the store has {@link Capability#ETAGS}, else {@code null}
 * @param mode     POSIX permission bits (e.g. {@code 0644}) when stored, else {@link #MODE_UNKNOWN}
 */
public record ObjectInfo(String name, EntryType type, long size, Instant modified, String etag, int mode) {
    public static final int MODE_UNKNOWN = -1;

    public ObjectInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(modified, "modified");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + name);
        }
    }

    public static ObjectInfo file(String name, long size, Instant modified, String etag) {
        return new ObjectInfo(name, EntryType.FILE, size, modified, etag, MODE_UNKNOWN);
    }

    public static ObjectInfo directory(String name, Instant modified) {
        return new ObjectInfo(name, EntryType.DIRECTORY, 0, modified, null, MODE_UNKNOWN);
    }

    public boolean isDirectory() {
        return type == EntryType.DIRECTORY;
    }

    public boolean isFile() {
        return type == EntryType.FILE;
    }

    public ObjectInfo withName(String newName) {
        return new ObjectInfo(newName, type, size, modified, etag, mode);
    }
}
