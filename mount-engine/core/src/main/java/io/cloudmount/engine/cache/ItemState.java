package io.cloudmount.engine.cache;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The mutable state of one {@link CacheItem}, guarded by this object's monitor: the item's innermost
 * lock ("mu"), held only for these short methods and never across data I/O. Changes of the present
 * bytes are reported to the cache's usage counter as they happen; {@code notifyAll} wakes
 * {@link CacheItem#awaitPresent} waiters.
 */
final class ItemState {
    private final LongConsumer usage;

    private String key;
    private long size;
    private Fingerprint base;
    private boolean dirty;
    private final RangeSet present;
    private final DirtyRanges changes;
    private long dirtyVersion;
    private long generation;
    private int openCount;
    private long accessedMillis;
    /** Local modification time: of the last write or resize, a reset's remote time, or as set. */
    private Instant modified;
    /** The record on disk is older than this state. */
    private boolean unsaved;
    /** No longer in the cache's map (removed or evicted); its record is gone and never written again. */
    private boolean detached;
    /** The files are deleted: no more I/O. */
    private boolean deleted;
    /** LRU order inside one run; read without the lock by the eviction snapshot. */
    private volatile long accessTick;

    ItemState(LongConsumer usage, String key, long size, Fingerprint base, boolean dirty, RangeSet present,
            DirtyRanges changes, long accessedMillis, long accessTick, Instant modified) {
        this.usage = usage;
        this.key = key;
        this.size = size;
        this.base = base;
        this.dirty = dirty;
        this.present = present;
        this.changes = changes;
        this.accessedMillis = accessedMillis;
        this.accessTick = accessTick;
        this.modified = modified;
    }

    synchronized String key() {
        return key;
    }

    synchronized long size() {
        return size;
    }

    synchronized Fingerprint base() {
        return base;
    }

    synchronized boolean dirty() {
        return dirty;
    }

    synchronized long dirtyVersion() {
        return dirtyVersion;
    }

    synchronized long generation() {
        return generation;
    }

    synchronized int openCount() {
        return openCount;
    }

    synchronized long accessedMillis() {
        return accessedMillis;
    }

    synchronized Instant modified() {
        return modified;
    }

    /**
     * An explicit time (utimens): recorded with the next record, dirty or not. For a dirty item it is a
     * local change like a write (a new dirty version), so that an upload that read the old time leaves
     * the item dirty. Returns whether the item is dirty: whether its upload carries the time.
     */
    synchronized boolean setModified(Instant time) {
        modified = time;
        unsaved = true;
        if (dirty) {
            dirtyVersion++;
        }
        return dirty;
    }

    synchronized boolean detached() {
        return detached;
    }

    synchronized boolean deleted() {
        return deleted;
    }

    long accessTick() {
        return accessTick;
    }

    synchronized long presentBytes() {
        return present.coveredBytes();
    }

    synchronized RangeSet presentCopy() {
        return present.copy();
    }

    synchronized RangeSet dirtyCopy() {
        return changes.copy(size);
    }

    synchronized boolean isPresent(long start, long end) {
        return present.contains(start, Math.min(end, size));
    }

    synchronized List<long[]> missing(long start, long end) {
        return present.missing(start, Math.min(end, size));
    }

    synchronized long firstMissing(long from, long limit) {
        return present.firstMissing(from, Math.min(limit, size));
    }

    synchronized void touch(long tick, long millis) {
        accessTick = tick;
        accessedMillis = millis;
        unsaved = true;
    }

    // ---- local changes ---------------------------------------------------------------------------

    /** Bytes of {@code [start, end)} a write would add. */
    synchronized long absentBytes(long start, long end) throws IOException {
        requireFiles();
        return (end - start) - present.coveredBytes(start, end);
    }

    /**
     * A write of {@code [start, end)} begins at {@code now}: {@link #beginChange()}, with the modification
     * time set first so that the record a first change writes already carries it, and the range added
     * to the changed ones (from the end of the file if it starts beyond: the gap reads as zeros).
     * Returns whether a record must be written before the bytes: for the first change, and whenever the
     * record on disk does not list the range as changed ({@link DirtyRanges}) of an item with a base. An
     * item the store never had is uploaded whole, so which of its ranges changed need not survive a
     * crash: its writes need no record ahead (the next record lists its ranges as unknown, "all"). That
     * saves one of the three record writes of every new small file (create, write, close); the item
     * saves another while it has no record at all ({@link CacheItem#write}).
     */
    synchronized boolean beginWrite(Instant now, long start, long end) throws IOException {
        requireFiles();
        modified = now;
        boolean first = beginChange();
        boolean unrecorded = changes.writing(Math.min(start, size), end);
        return first || unrecorded && base != null;
    }

    /** A local change begins; returns whether the item was clean until now. */
    synchronized boolean beginChange() throws IOException {
        requireFiles();
        dirtyVersion++;
        unsaved = true;
        boolean first = !dirty;
        dirty = true;
        return first;
    }

    synchronized void written(long start, long end) {
        addPresent(start, end);
        size = Math.max(size, end);
    }

    /**
     * Truncation at {@code now}: shrinking drops bytes beyond, growing adds present zeros; a change of
     * the size sets the modification time.
     */
    synchronized void resized(long newSize, Instant now) {
        if (newSize != size) {
            modified = now;
        }
        changes.resized(size, newSize);
        if (newSize < size) {
            long before = present.coveredBytes();
            present.truncate(newSize);
            usage.accept(present.coveredBytes() - before);
        } else {
            addPresent(size, newSize);
        }
        size = newSize;
        notifyAll();
    }

    // ---- remote data -----------------------------------------------------------------------------

    /**
     * For a read at {@code position}: the length of the present run there, at most {@code max};
     * 0 at or beyond the end of the file; -1 if the byte at {@code position} is absent.
     */
    synchronized int presentRun(long position, int max) {
        if (position >= size) {
            return 0;
        }
        long end = Math.min(size, position + max);
        long run = present.firstMissing(position, end) - position;
        return run == 0 || deleted ? -1 : (int) run;
    }

    /** The gaps a fill of {@code [start, end)} would store; {@code null} if it must be dropped. */
    synchronized List<long[]> fillGaps(long start, long end, long expectedGeneration) {
        if (deleted || (expectedGeneration != CacheItem.ANY_GENERATION && expectedGeneration != generation)) {
            return null;
        }
        return present.missing(start, Math.min(end, size));
    }

    synchronized void filled(List<long[]> gaps) {
        for (long[] gap : gaps) {
            addPresent(gap[0], gap[1]);
        }
    }

    /** The remote size of a clean item; {@code false} (ignored) while dirty. */
    synchronized boolean remoteSize(long newSize) {
        if (dirty) {
            return false;
        }
        if (newSize < size) {
            long before = present.coveredBytes();
            present.truncate(newSize);
            usage.accept(present.coveredBytes() - before);
        }
        size = newSize;
        unsaved = true;
        notifyAll();
        return true;
    }

    synchronized void reset(Fingerprint remote) {
        usage.accept(-present.coveredBytes());
        present.clear();
        size = remote.size();
        base = remote;
        modified = remote.modified();
        dirty = false;
        changes.clear();
        generation++;
        dirtyVersion++;
        unsaved = true;
        notifyAll();
    }

    /** Returns whether the item is clean now. */
    synchronized boolean uploaded(Fingerprint uploaded, long dirtyVersionAtStart) {
        base = uploaded;
        if (dirtyVersion == dirtyVersionAtStart) {
            dirty = false;
            changes.clear();
        }
        // Else the changed ranges stay as they are, those the upload sent included: too many is safe.
        unsaved = true;
        return !dirty;
    }

    synchronized void rekey(String newKey) {
        key = newKey;
        unsaved = true;
    }

    // ---- persistence -----------------------------------------------------------------------------

    /** The record to write, or {@code null} if nothing needs writing; the state counts as saved. */
    synchronized ItemRecord takeRecord(boolean always) {
        if (detached || (!unsaved && !always)) {
            return null;
        }
        unsaved = false;
        return new ItemRecord(key, size, dirty, base, present.encode(), accessedMillis, modified,
                changes.forRecord(dirty));
    }

    synchronized void recordWritten() {
        changes.recordWritten();
    }

    synchronized void recordFailed() {
        unsaved = true;
        changes.recordFailed();
    }

    // ---- lifecycle -------------------------------------------------------------------------------

    synchronized void pin(long tick, long millis) {
        if (deleted) {
            throw new IllegalStateException("cache item " + key + " was evicted; get it again");
        }
        openCount++;
        touch(tick, millis);
    }

    /** Returns whether that was the last pin. */
    synchronized boolean unpin() {
        if (openCount == 0) {
            throw new IllegalStateException("cache item " + key + " is not open");
        }
        openCount--;
        return openCount == 0;
    }

    /** Unpinned and files still there: the data file may be closed. */
    synchronized boolean idle() {
        return openCount == 0 && !deleted;
    }

    synchronized boolean evictable() {
        return openCount == 0 && !dirty && !detached;
    }

    /** Evicts if still evictable; returns the bytes freed or -1. */
    synchronized long evict() {
        if (!evictable()) {
            return -1;
        }
        detached = true;
        long freed = present.coveredBytes();
        markDeleted();
        return freed;
    }

    synchronized void detach() {
        detached = true;
    }

    /** Marks a detached, unpinned item deleted; returns whether its files must be deleted now. */
    synchronized boolean deleteIfDetached() {
        if (!detached || openCount > 0 || deleted) {
            return false;
        }
        markDeleted();
        return true;
    }

    synchronized boolean await(long start, long end, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (!deleted) {
            if (present.contains(start, Math.min(end, size))) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return false;
    }

    private void markDeleted() {
        deleted = true;
        usage.accept(-present.coveredBytes());
        present.clear();
        notifyAll();
    }

    private void addPresent(long start, long end) {
        long before = present.coveredBytes();
        present.add(start, end);
        usage.accept(present.coveredBytes() - before);
        unsaved = true;
        notifyAll();
    }

    private void requireFiles() throws IOException {
        if (deleted) {
            throw new IOException("cache item " + key + " was evicted");
        }
    }

    @Override
    public synchronized String toString() {
        return "CacheItem[" + key + ", size " + size + ", present " + present.coveredBytes()
                + (dirty ? ", dirty" : "") + (openCount > 0 ? ", open " + openCount : "") + "]";
    }
}
