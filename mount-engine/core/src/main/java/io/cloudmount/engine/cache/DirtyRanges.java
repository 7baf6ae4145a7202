package io.cloudmount.engine.cache;

/**
 * The byte ranges of one item changed since it was last clean, and what the item's record on disk says
 * about them. An upload may send only these ranges and take the rest from the base version, so the set
 * may be too large but never too small, in memory or after a crash:
 *
 * <ul>
 * <li>A change adds its range before its bytes are written (a failed write leaves a range listed that
 *     did not change: harmless).
 * <li>A write whose range the record on disk does not list (or whose record says the item is clean)
 *     must be recorded before its bytes land, because a crash keeps such bytes where they overwrote
 *     present ones. That record is written <em>without</em> a range list ("unknown": the loader then
 *     treats the whole file as changed), so the writes that follow need no record of their own until
 *     the next regular record (flush, close, fsync, truncate) lists the ranges exactly again. One extra
 *     record per flush cycle, instead of one per write.
 * </ul>
 *
 * <p>Not thread-safe: guarded by the owning {@link ItemState}'s monitor; the record protocol
 * ({@link #forRecord}, then {@link #recordWritten} or {@link #recordFailed}) runs under the item's
 * {@code modify} lock, one record at a time.
 */
final class DirtyRanges {
    private final RangeSet changed;
    /** The ranges the record on disk lists for a dirty item; {@code null} if it says clean or lists none. */
    private RangeSet recorded;
    /** The record on disk says dirty without a range list: any change may follow it unrecorded. */
    private boolean recordedUnknown;
    /** The next record is written before a change's bytes and so lists no ranges. */
    private boolean aheadOfWrite;
    /** What the record being written will say, until it is written. */
    private RangeSet pending;
    private boolean pendingUnknown;

    private DirtyRanges(RangeSet changed, RangeSet recorded, boolean recordedUnknown) {
        this.changed = changed;
        this.recorded = recorded;
        this.recordedUnknown = recordedUnknown;
    }

    /** A clean item, or one with no record yet. */
    static DirtyRanges none() {
        return new DirtyRanges(new RangeSet(), null, false);
    }

    /**
     * As a record found on disk says: nothing for a clean item; for a dirty one the listed ranges inside
     * {@code size}, or all of {@code [0, size)} when the record lists none (written by an older version,
     * or ahead of a write that may have landed).
     *
     * @param encoded {@link ItemRecord#dirtyRanges()}, {@code null} when absent
     */
    static DirtyRanges loaded(boolean dirty, String encoded, long size) {
        if (!dirty) {
            return none();
        }
        if (encoded == null) {
            RangeSet whole = new RangeSet();
            whole.add(0, size);
            return new DirtyRanges(whole, null, true);
        }
        RangeSet listed = RangeSet.decode(encoded);
        listed.truncate(size);
        return new DirtyRanges(listed, listed.copy(), false);
    }

    /**
     * A write is about to change {@code [start, end)}: adds it, and returns whether a record must be
     * written before its bytes (the record on disk does not cover it).
     */
    boolean writing(long start, long end) {
        changed.add(start, end);
        if (recordedUnknown || recorded != null && recorded.contains(start, end)) {
            return false;
        }
        aheadOfWrite = true;
        return true;
    }

    /** The size changed (truncate): drops what lies beyond a smaller size, adds a grown range. */
    void resized(long oldSize, long newSize) {
        if (newSize < oldSize) {
            changed.truncate(newSize);
        } else {
            changed.add(oldSize, newSize);
        }
    }

    /** The item is clean: everything is uploaded or discarded. */
    void clear() {
        changed.clear();
    }

    /** A copy of the changed ranges inside {@code size}. */
    RangeSet copy(long size) {
        RangeSet copy = changed.copy();
        copy.truncate(size);
        return copy;
    }

    /** The {@code dirty.ranges} value of the record about to be written; {@code null} for "unknown". */
    String forRecord(boolean dirty) {
        pendingUnknown = dirty && aheadOfWrite;
        pending = dirty && !aheadOfWrite ? changed.copy() : null;
        aheadOfWrite = false;
        return pendingUnknown ? null : changed.encode();
    }

    void recordWritten() {
        recorded = pending;
        recordedUnknown = pendingUnknown;
        pending = null;
        pendingUnknown = false;
    }

    /** The record was not written: the one on disk still says what it said. */
    void recordFailed() {
        pending = null;
        pendingUnknown = false;
    }

    @Override
    public String toString() {
        return changed.toString();
    }
}
