package io.cloudmount.engine.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cached file: a sparse {@link DataFile} plus a small persisted {@link ItemRecord} (key, size,
 * fingerprint, present ranges, dirty flag, last access). Thread-safe; reads, writes and fills use
 * positional I/O with the caller's buffer.
 *
 * <p>Locks, in the order they are taken (see {@code package-info} for the whole order):
 * <ol>
 * <li>{@code io}: shared by data I/O (read, write, fill, sync), exclusive for changes of the file's
 *     shape (truncate, reset, closing the channel, deleting the files);
 * <li>{@code modify}: serialises changes of bytes (write, fill) and record writes (persist), so a fill
 *     never overwrites a concurrent local write and records reach the disk in the order they were
 *     taken;
 * <li>{@code mu}: the state below; held only briefly, never across data I/O. Its condition wakes
 *     {@link #awaitPresent} when ranges arrive.
 * </ol>
 * An item never calls into its {@link DataCache} while holding one of them, except for lock-free
 * accounting ({@code used} bytes, access ticks, name release).
 *
 * <p>This file is longer than we like; its parts (I/O paths, persistence, lifecycle) share the three
 * locks and the state they guard, and splitting them would spread that contract over several files.
 */
public final class CacheItem {
    private static final Logger LOG = LoggerFactory.getLogger(CacheItem.class);
    /** Pass to {@link #fill(long, ByteBuffer, long)} to accept the bytes whatever the generation. */
    public static final long ANY_GENERATION = -1;

    // Read only.
    private final DataCache cache;
    private final String name;
    private final DataFile data;

    private final ReentrantReadWriteLock io = new ReentrantReadWriteLock();
    private final ReentrantLock modify = new ReentrantLock();
    private final ReentrantLock mu = new ReentrantLock();
    private final Condition changed = mu.newCondition();

    // Guarded by mu.
    private String key;
    private long size;
    private Fingerprint base;
    private boolean dirty;
    private final RangeSet present;
    private long dirtyVersion;
    private long generation;
    private int openCount;
    private long accessedMillis;
    /** The record on disk is older than this state. */
    private boolean unsaved;
    /** No longer in the cache's map (removed or evicted); its record is gone and is never written again. */
    private boolean detached;
    /** Its files are deleted (evicted, or removed and then closed): no more I/O. */
    private boolean deleted;

    /** LRU order inside one run; written without a lock, compared by the eviction snapshot. */
    private volatile long accessTick;

    CacheItem(DataCache cache, String name, Path dataFile, String key, long size, Fingerprint base, boolean dirty,
            RangeSet present, long accessedMillis, long accessTick) {
        this.cache = cache;
        this.name = name;
        this.data = new DataFile(dataFile);
        this.key = key;
        this.size = size;
        this.base = base;
        this.dirty = dirty;
        this.present = present;
        this.accessedMillis = accessedMillis;
        this.accessTick = accessTick;
    }

    // ---- state ---------------------------------------------------------------------------------

    /** The drive path, e.g. {@code "/docs/a.txt"}; changes with {@link DataCache#rename}. */
    public String key() {
        mu.lock();
        try {
            return key;
        } finally {
            mu.unlock();
        }
    }

    /** Logical size of the file; may exceed the bytes present. */
    public long size() {
        mu.lock();
        try {
            return size;
        } finally {
            mu.unlock();
        }
    }

    /** The remote version the data came from; {@code null} for a file created locally. */
    public Fingerprint base() {
        mu.lock();
        try {
            return base;
        } finally {
            mu.unlock();
        }
    }

    /** Whether the item has local changes not yet uploaded. */
    public boolean isDirty() {
        mu.lock();
        try {
            return dirty;
        } finally {
            mu.unlock();
        }
    }

    /** Counts local changes (writes, truncates, resets); an upload records it when it starts. */
    public long dirtyVersion() {
        mu.lock();
        try {
            return dirtyVersion;
        } finally {
            mu.unlock();
        }
    }

    /**
     * Incremented when the data is discarded by {@link #resetTo}. A downloader records it before it
     * fetches and passes it to {@link #fill(long, ByteBuffer, long)}, so bytes of a replaced version are
     * dropped instead of mixed into the new one.
     */
    public long generation() {
        mu.lock();
        try {
            return generation;
        } finally {
            mu.unlock();
        }
    }

    public int openCount() {
        mu.lock();
        try {
            return openCount;
        } finally {
            mu.unlock();
        }
    }

    public Instant lastAccess() {
        mu.lock();
        try {
            return Instant.ofEpochMilli(accessedMillis);
        } finally {
            mu.unlock();
        }
    }

    /** Number of bytes present (counted in {@link DataCache#usedBytes()}). */
    public long presentBytes() {
        mu.lock();
        try {
            return present.coveredBytes();
        } finally {
            mu.unlock();
        }
    }

    /** A copy of the present ranges. */
    public RangeSet presentRanges() {
        mu.lock();
        try {
            return present.copy();
        } finally {
            mu.unlock();
        }
    }

    /** Whether every byte of {@code [start, end)} that lies inside the file is present. */
    public boolean isPresent(long start, long end) {
        mu.lock();
        try {
            return present.contains(start, Math.min(end, size));
        } finally {
            mu.unlock();
        }
    }

    /** The gaps of {@code [start, end)} inside the file, each {@code {gapStart, gapEnd}}. */
    public List<long[]> missing(long start, long end) {
        mu.lock();
        try {
            return present.missing(start, Math.min(end, size));
        } finally {
            mu.unlock();
        }
    }

    /** The first absent offset in {@code [from, min(limit, size))}, or that end if all is present. */
    public long firstMissing(long from, long limit) {
        mu.lock();
        try {
            return present.firstMissing(from, Math.min(limit, size));
        } finally {
            mu.unlock();
        }
    }

    /** Whether the item is no longer in its cache (removed or evicted). */
    public boolean isRemoved() {
        mu.lock();
        try {
            return detached;
        } finally {
            mu.unlock();
        }
    }

    /** The data file, for uploads. The caller makes sure {@code [0, size)} is present first. */
    public Path dataFile() {
        return data.path();
    }

    // ---- data ----------------------------------------------------------------------------------

    /**
     * Reads present bytes at {@code position}: the run of present bytes that starts there, up to
     * {@code dst.remaining()} and the end of the file. Returns 0 at or after the end of the file.
     *
     * @throws IOException if the byte at {@code position} is not present (the caller fetches first)
     */
    public int read(long position, ByteBuffer dst) throws IOException {
        requireNonNegative(position);
        if (!dst.hasRemaining()) {
            return 0;
        }
        io.readLock().lock();
        try {
            int run;
            mu.lock();
            try {
                if (position >= size) {
                    return 0;
                }
                long end = Math.min(size, position + dst.remaining());
                run = (int) (present.firstMissing(position, end) - position);
                if (run == 0 || deleted) {
                    throw new IOException("cache item " + key + " has no data at " + position);
                }
                touchLocked();
            } finally {
                mu.unlock();
            }
            int limit = dst.limit();
            dst.limit(dst.position() + run);
            try {
                data.readFully(dst, position);
            } finally {
                dst.limit(limit);
            }
            return run;
        } finally {
            io.readLock().unlock();
        }
    }

    /**
     * A local change: writes all of {@code src} at {@code position}, marks it present and the item
     * dirty, and grows the size. Space is reserved first, which may evict other items. The first change
     * of a clean item persists the record (now dirty) before any byte is written, so a crash always
     * finds a changed item marked dirty.
     *
     * @throws CacheFullException if the cache cannot make room (ENOSPC)
     */
    public void write(long position, ByteBuffer src) throws IOException {
        requireNonNegative(position);
        int length = src.remaining();
        if (length == 0) {
            return;
        }
        long end = position + length;
        long needed;
        mu.lock();
        try {
            requireFilesLocked();
            needed = length - present.coveredBytes(position, end);
        } finally {
            mu.unlock();
        }
        if (needed > 0) {
            cache.reserve(needed, this);
        }
        io.readLock().lock();
        modify.lock();
        try {
            boolean first = markChanged();
            if (first) {
                persist();
            }
            data.write(src, position);
            mu.lock();
            try {
                addPresentLocked(position, end);
                size = Math.max(size, end);
                touchLocked();
            } finally {
                mu.unlock();
            }
        } finally {
            modify.unlock();
            io.readLock().unlock();
        }
    }

    /** {@link #fill(long, ByteBuffer, long)} for any generation. */
    public boolean fill(long position, ByteBuffer src) throws IOException {
        return fill(position, src, ANY_GENERATION);
    }

    /**
     * Downloaded bytes: stores the parts of {@code src} (for {@code [position, position + remaining))}
     * that are not present yet and lie inside the file, and marks them present, not dirty. Present
     * bytes are never overwritten (they may be local changes). {@code src} is consumed entirely.
     *
     * <p>If the cache cannot make room without evicting dirty or open data, the bytes are not cached
     * and this returns {@code false}; the caller still has them and serves its read from them (pass
     * {@code src.duplicate()} to keep the buffer's position). Never throws {@link CacheFullException}.
     *
     * @param expectedGeneration the {@link #generation()} the download started in, or
     *                           {@link #ANY_GENERATION}; after a {@link #resetTo} the bytes are dropped
     * @return whether the range (clipped to the size) is present now
     */
    public boolean fill(long position, ByteBuffer src, long expectedGeneration) throws IOException {
        requireNonNegative(position);
        try {
            long end = position + src.remaining();
            long needed;
            mu.lock();
            try {
                if (!fillableLocked(expectedGeneration)) {
                    return false;
                }
                long stop = Math.min(end, size);
                needed = Math.max(0, stop - position) - present.coveredBytes(position, stop);
            } finally {
                mu.unlock();
            }
            if (needed == 0) {
                return true;
            }
            if (!cache.tryReserve(needed, this)) {
                LOG.debug("Not caching {} bytes of {}: the cache is full of dirty or open data", needed, key());
                return false;
            }
            io.readLock().lock();
            modify.lock();
            try {
                List<long[]> gaps;
                mu.lock();
                try {
                    if (!fillableLocked(expectedGeneration)) {
                        return false;
                    }
                    gaps = present.missing(position, Math.min(end, size));
                } finally {
                    mu.unlock();
                }
                ByteBuffer view = src.duplicate();
                int origin = src.position();
                for (long[] gap : gaps) {
                    view.limit(origin + (int) (gap[1] - position)).position(origin + (int) (gap[0] - position));
                    data.write(view, gap[0]);
                }
                mu.lock();
                try {
                    for (long[] gap : gaps) {
                        addPresentLocked(gap[0], gap[1]);
                    }
                    touchLocked();
                } finally {
                    mu.unlock();
                }
                return true;
            } finally {
                modify.unlock();
                io.readLock().unlock();
            }
        } finally {
            src.position(src.limit());
        }
    }

    /**
     * A local change of the size. Shrinking drops the bytes beyond; growing adds a present range of
     * zeros (a hole in the data file), which counts against the cache limit like written bytes. The
     * record is persisted at once.
     *
     * @throws CacheFullException if growing needs more room than the cache can make (ENOSPC)
     */
    public void truncate(long newSize) throws IOException {
        requireNonNegative(newSize);
        long growth;
        mu.lock();
        try {
            requireFilesLocked();
            growth = newSize - size;
        } finally {
            mu.unlock();
        }
        if (growth > 0) {
            cache.reserve(growth, this);
        }
        io.writeLock().lock();
        modify.lock();
        try {
            markChanged();
            long oldSize = size();
            // The data file never holds bytes at or beyond the size, so a grown range reads as zeros.
            data.truncate(Math.min(oldSize, newSize));
            if (newSize > oldSize) {
                data.extend(newSize);
            }
            mu.lock();
            try {
                if (newSize < oldSize) {
                    long before = present.coveredBytes();
                    present.truncate(newSize);
                    cache.account(present.coveredBytes() - before);
                } else {
                    addPresentLocked(oldSize, newSize);
                }
                size = newSize;
                touchLocked();
                changed.signalAll();
            } finally {
                mu.unlock();
            }
            persist();
        } finally {
            modify.unlock();
            io.writeLock().unlock();
        }
    }

    /**
     * The remote size became known for a clean item. Ignored (returns {@code false}) while the item is
     * dirty, whose local size is the truth. Shrinking drops the bytes beyond the new size.
     *
     * @throws UncheckedIOException if the data file cannot be cut
     */
    public boolean setSize(long newSize) {
        requireNonNegative(newSize);
        io.writeLock().lock();
        try {
            mu.lock();
            try {
                if (dirty) {
                    LOG.debug("Keeping the local size {} of changed {}, not {}", size, key, newSize);
                    return false;
                }
                if (newSize < size && !deleted) {
                    data.truncate(newSize);
                    long before = present.coveredBytes();
                    present.truncate(newSize);
                    cache.account(present.coveredBytes() - before);
                }
                size = newSize;
                unsaved = true;
                changed.signalAll();
                return true;
            } finally {
                mu.unlock();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resize cache file of " + key(), e);
        } finally {
            io.writeLock().unlock();
        }
    }

    /**
     * The remote file changed: drops all data (local changes included — callers keep a conflict copy
     * first), makes the item clean and sized like {@code remote}, and starts a new {@link #generation()}.
     *
     * @throws UncheckedIOException if the data file cannot be emptied
     */
    public void resetTo(Fingerprint remote) {
        io.writeLock().lock();
        modify.lock();
        try {
            mu.lock();
            try {
                if (!deleted) {
                    data.truncate(0);
                }
                cache.account(-present.coveredBytes());
                present.clear();
                size = remote.size();
                base = remote;
                dirty = false;
                generation++;
                dirtyVersion++;
                unsaved = true;
                changed.signalAll();
            } finally {
                mu.unlock();
            }
            persistOrWarn("reset");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty cache file of " + key(), e);
        } finally {
            modify.unlock();
            io.writeLock().unlock();
        }
    }

    /**
     * An upload of this item finished: the remote now holds {@code uploaded}. The item becomes clean
     * unless it was changed after the upload started.
     *
     * @return whether the item is clean now
     */
    public boolean markUploaded(Fingerprint uploaded, long dirtyVersionAtUploadStart) {
        modify.lock();
        try {
            boolean clean;
            mu.lock();
            try {
                base = uploaded;
                if (dirtyVersion == dirtyVersionAtUploadStart) {
                    dirty = false;
                }
                clean = !dirty;
                unsaved = true;
            } finally {
                mu.unlock();
            }
            persistOrWarn("upload");
            return clean;
        } finally {
            modify.unlock();
        }
    }

    /**
     * Waits until every byte of {@code [start, end)} inside the file is present, as {@link #fill} and
     * {@link #write} make it.
     *
     * @return {@code true} if present, {@code false} on timeout or if the item was evicted
     */
    public boolean awaitPresent(long start, long end, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        mu.lockInterruptibly();
        try {
            while (!deleted) {
                if (present.contains(start, Math.min(end, size))) {
                    return true;
                }
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return false;
        } finally {
            mu.unlock();
        }
    }

    // ---- durability ----------------------------------------------------------------------------

    /** Writes the record atomically if it changed since the last write. Called on flush and close. */
    public void persist() throws IOException {
        persist(false);
    }

    /** fsync: forces the data, then the record (and its rename) to disk. */
    public void sync() throws IOException {
        io.readLock().lock();
        modify.lock();
        try {
            if (isDeleted()) {
                return;
            }
            data.force();
            persist(true);
        } finally {
            modify.unlock();
            io.readLock().unlock();
        }
    }

    private void persist(boolean durable) throws IOException {
        modify.lock();
        try {
            ItemRecord record;
            mu.lock();
            try {
                if (detached || (!unsaved && !durable)) {
                    return;
                }
                record = new ItemRecord(key, size, dirty, base, present.encode(), accessedMillis);
                unsaved = false;
            } finally {
                mu.unlock();
            }
            try {
                cache.files().writeRecord(name, record, durable);
            } catch (IOException e) {
                mu.lock();
                try {
                    unsaved = true;
                } finally {
                    mu.unlock();
                }
                throw e;
            }
        } finally {
            modify.unlock();
        }
    }

    private void persistOrWarn(String after) {
        try {
            persist(false);
        } catch (IOException e) {
            LOG.warn("Cannot record the cache state of {} after {}: {}", key(), after, e.toString());
        }
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    /** Pins the item for an open handle: pinned items are never evicted. */
    public void open() {
        mu.lock();
        try {
            if (deleted) {
                throw new IllegalStateException("cache item " + key + " was evicted; get it again");
            }
            openCount++;
            touchLocked();
        } finally {
            mu.unlock();
        }
    }

    /**
     * Unpins: persists the record (best effort; a failure is logged) and, after the last handle, closes
     * the data file, or deletes the files of an item that was removed while open.
     */
    public void close() {
        boolean last;
        mu.lock();
        try {
            if (openCount == 0) {
                throw new IllegalStateException("cache item " + key + " is not open");
            }
            openCount--;
            last = openCount == 0;
        } finally {
            mu.unlock();
        }
        persistOrWarn("close");
        if (last) {
            release();
        }
    }

    /** Closes the data file if no handle is open; deletes the files if the item was removed. */
    private void release() {
        io.writeLock().lock();
        try {
            boolean delete;
            mu.lock();
            try {
                if (openCount > 0 || deleted) {
                    return;
                }
                data.close();
                delete = detached;
                if (delete) {
                    deleteLocked();
                }
            } finally {
                mu.unlock();
            }
            if (delete) {
                deleteFiles();
            }
        } finally {
            io.writeLock().unlock();
        }
    }

    void touch() {
        mu.lock();
        try {
            touchLocked();
        } finally {
            mu.unlock();
        }
    }

    long accessTick() {
        return accessTick;
    }

    /** Clean, unpinned and still cached: may be evicted. */
    boolean isEvictable() {
        mu.lock();
        try {
            return openCount == 0 && !dirty && !detached;
        } finally {
            mu.unlock();
        }
    }

    boolean isPinned() {
        return openCount() > 0;
    }

    /**
     * Evicts the item if it is still evictable and idle; called with the {@link DataCache} lock held.
     * Does not wait for I/O in flight: a busy item is in use, so it is skipped.
     *
     * @return the number of bytes freed, or -1 if the item was not evicted
     */
    long tryEvict() {
        if (!io.writeLock().tryLock()) {
            return -1;
        }
        try {
            if (!modify.tryLock()) {
                return -1;
            }
            try {
                long freed;
                mu.lock();
                try {
                    if (openCount > 0 || dirty || detached) {
                        return -1;
                    }
                    detached = true;
                    freed = present.coveredBytes();
                    data.close();
                    deleteLocked();
                } finally {
                    mu.unlock();
                }
                deleteFiles();
                return freed;
            } finally {
                modify.unlock();
            }
        } finally {
            io.writeLock().unlock();
        }
    }

    /**
     * Takes the item out of the cache ({@link DataCache#remove}, or replaced by a rename): its record is
     * deleted now, so a restart cannot bring it back; its data lives until the last handle closes.
     */
    void detach() {
        modify.lock();
        try {
            mu.lock();
            try {
                detached = true;
            } finally {
                mu.unlock();
            }
            cache.files().deleteRecord(name);
        } catch (IOException e) {
            LOG.warn("Cannot delete the cache record of removed {}: {}", key(), e.toString());
        } finally {
            modify.unlock();
        }
        release();
    }

    /** Gives the item a new key (rename) and records it. */
    void rekey(String newKey) {
        modify.lock();
        try {
            mu.lock();
            try {
                key = newKey;
                unsaved = true;
            } finally {
                mu.unlock();
            }
            persistOrWarn("rename");
        } finally {
            modify.unlock();
        }
    }

    /** Cache shutdown: records the state and closes the data file. */
    void shutdown() {
        persistOrWarn("shutdown");
        io.writeLock().lock();
        try {
            data.close();
        } finally {
            io.writeLock().unlock();
        }
    }

    String fileName() {
        return name;
    }

    // ---- helpers (the *Locked ones need mu) -------------------------------------------

    /** Marks a local change; returns whether the item was clean before. */
    private boolean markChanged() throws IOException {
        mu.lock();
        try {
            requireFilesLocked();
            dirtyVersion++;
            unsaved = true;
            boolean first = !dirty;
            dirty = true;
            return first;
        } finally {
            mu.unlock();
        }
    }

    private void addPresentLocked(long start, long end) {
        long before = present.coveredBytes();
        present.add(start, end);
        cache.account(present.coveredBytes() - before);
        unsaved = true;
        changed.signalAll();
    }

    private void touchLocked() {
        accessTick = cache.nextTick();
        accessedMillis = cache.clock().millis();
        unsaved = true;
    }

    private boolean fillableLocked(long expectedGeneration) {
        return !deleted && (expectedGeneration == ANY_GENERATION || expectedGeneration == generation);
    }

    private void requireFilesLocked() throws IOException {
        if (deleted) {
            throw new IOException("cache item " + key + " was evicted");
        }
    }

    private boolean isDeleted() {
        mu.lock();
        try {
            return deleted;
        } finally {
            mu.unlock();
        }
    }

    private void deleteLocked() {
        deleted = true;
        cache.account(-present.coveredBytes());
        present.clear();
        changed.signalAll();
    }

    private void deleteFiles() {
        try {
            cache.files().delete(name);
        } catch (IOException e) {
            LOG.warn("Cannot delete cache files of {}: {}", name, e.toString());
        }
    }

    private static void requireNonNegative(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative offset or size " + value);
        }
    }

    @Override
    public String toString() {
        mu.lock();
        try {
            return "CacheItem[" + key + ", size " + size + ", present " + present.coveredBytes()
                    + (dirty ? ", dirty" : "") + (openCount > 0 ? ", open " + openCount : "") + "]";
        } finally {
            mu.unlock();
        }
    }
}
