package io.cloudmount.engine.vfs;

import java.util.List;

/**
 * An open directory: a snapshot of its entries, so that readdir with offsets (a large directory is read
 * in several calls) sees one consistent list even while it changes. Entry {@code i} has offset
 * {@code i + 1}; offset 0 means "from the start". A program that reads from the start again
 * ({@code rewinddir}) gets a new snapshot, as POSIX asks.
 */
final class DirHandle {
    /**
     * Entries as listed when the drive's change count was {@code generation}: their sizes and times may be
     * handed to the kernel (readdirplus) only while nothing changed through the drive since. The kernel
     * stamps such a reply with the time of the request, not of the listing, so an older size would win
     * over a write made meanwhile, and programs would read the file cut short.
     */
    record Snapshot(List<FileAttributes> entries, long generation) {
    }

    private final String path;
    private volatile Snapshot snapshot;
    private volatile boolean read;

    DirHandle(String path, Snapshot snapshot) {
        this.path = path;
        this.snapshot = snapshot;
    }

    String path() {
        return path;
    }

    Snapshot snapshot() {
        return snapshot;
    }

    /** Whether a read from the start now is a rewind, which lists the folder again; marks the handle read. */
    boolean startReading() {
        boolean again = read;
        read = true;
        return again;
    }

    void replace(Snapshot newer) {
        snapshot = newer;
    }
}
