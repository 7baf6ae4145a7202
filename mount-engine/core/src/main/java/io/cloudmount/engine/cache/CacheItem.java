package io.cloudmount.engine.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cached file: a sparse data file plus a small persisted record (key, size, fingerprint, present
 * ranges, dirty flag, last access, local modification time). Thread-safe; {@link #read},
 * {@link #write} and {@link #fill} use positional I/O with the caller's (possibly direct) buffer.
 *
 * <p>Callers {@link #open()} an item before using it and {@link #close()} it after: a pinned item is
 * never evicted. An unpinned item may be evicted at any moment; {@link DataCache#acquire} gets and
 * pins in one step.
 *
 * <p>Locks, outermost first (the package documentation has the whole order):
 * <ol>
 * <li>{@code io}: shared by data I/O (read, write, fill, sync); exclusive for changes of the file's
 *     shape (truncate, resize, reset) and for closing or deleting it;
 * <li>{@code modify}: serialises changes of bytes (write, fill) and record writes (persist), so a fill
 *     never overwrites a concurrent local write and records reach the disk in the order taken;
 * <li>the {@link ItemState} monitor ("mu"): the state, held briefly, never across data I/O.
 * </ol>
 * An item calls its {@link DataCache} to reserve space only while it holds none of them.
 *
 * <p>Longer than we like (mostly short delegating accessors and their contracts): the I/O paths and
 * the lifecycle share the {@code io} and {@code modify} locks, and splitting them would spread that
 * one protocol over several files. The state itself lives in {@link ItemState}.
 */
public final class CacheItem {
    private static final Logger LOG = LoggerFactory.getLogger(CacheItem.class);
    /** Pass to {@link #fill(long, ByteBuffer, long)} to accept the bytes whatever the generation. */
    public static final long ANY_GENERATION = -1;

    private final DataCache cache;
    private final String name;
    private final DataFile data;
    private final ItemState state;
    private final ReentrantReadWriteLock io = new ReentrantReadWriteLock();
    private final ReentrantLock modify = new ReentrantLock();

    /** Guarded by {@code modify}: whether a record may exist on disk (see {@link CacheFiles#writeRecord}). */
    private boolean recorded;
    /**
     * Whether an upload of this item may have started, in this run or (for an item loaded from its
     * record, unknown) an earlier one. Never reset: see {@link #uploadMayHaveStarted()}.
     */
    private volatile boolean uploadStarted;
    /** The {@link #dirtyVersion()} last handed to the upload queue in this run; -1: none yet. */
    private volatile long versionQueued = -1;
    /** Handles open for writing in this run (a new run starts with none, so it is not recorded). */
    private final AtomicInteger writers = new AtomicInteger();

    /** An item loaded from its record at start-up. */
    CacheItem(DataCache cache, String name, Path dataFile, ItemState state) {
        this(cache, name, new DataFile(dataFile), state, true);
    }

    /** A new item: its data file was just created (and is open); no record exists yet. */
    CacheItem(DataCache cache, CacheFiles.Created created, Path dataFile, ItemState state) {
        this(cache, created.name(), new DataFile(dataFile, created.channel()), state, false);
    }

    private CacheItem(DataCache cache, String name, DataFile data, ItemState state, boolean recorded) {
        this.cache = cache;
        this.name = name;
        this.data = data;
        this.state = state;
        this.recorded = recorded;
        this.uploadStarted = recorded;
    }

    // ---- state ---------------------------------------------------------------------------------

    /** The drive path, e.g. {@code "/docs/a.txt"}; changes with {@link DataCache#rename}. */
    public String key() {
        return state.key();
    }

    /** Logical size of the file; may exceed the bytes present. */
    public long size() {
        return state.size();
    }

    /** The remote version the data came from; {@code null} for a file created locally. */
    public Fingerprint base() {
        return state.base();
    }

    /** Whether the item has local changes not yet uploaded. */
    public boolean isDirty() {
        return state.dirty();
    }

    /**
     * A copy of the byte ranges changed locally since the item was last clean, inside the current size:
     * what an upload must send, while the rest of the file still equals {@link #base()} (for a file
     * without a base everything is new, whatever this says). Empty for a clean item.
     *
     * <p>{@link #write} adds its range (from the end of the file if it starts beyond it: the gap reads as
     * zeros); {@link #truncate} drops what lies beyond a smaller size and adds the grown range;
     * {@link #markUploaded} that makes the item clean and {@link #resetTo} clear them; {@link #fill} and
     * {@link #setSize} never touch them. The set may be larger than what really changed, never smaller:
     * after an upload that leaves the item dirty it still lists what that upload sent, and an item
     * reloaded from a record that lists no ranges (of an older version, or written ahead of a write
     * that may have landed before a crash) counts as changed all over, {@code [0, size)}.
     */
    public RangeSet dirtyRanges() {
        return state.dirtyCopy();
    }

    /**
     * What an upload starts from: the {@link #dirtyVersion()} and the {@link #dirtyRanges()} it sends,
     * taken together while no write or truncate is half done. A write raises the version before its bytes
     * reach the data file; an upload that read the version in between would send the old bytes and
     * then, at {@link #markUploaded}, take the item for clean.
     */
    public UploadSnapshot snapshotForUpload() {
        modify.lock();
        try {
            return new UploadSnapshot(state.dirtyVersion(), state.dirtyCopy().ranges());
        } finally {
            modify.unlock();
        }
    }

    /** See {@link #snapshotForUpload()}. */
    public record UploadSnapshot(long version, List<long[]> changed) {
    }

    /** Counts local changes (writes, truncates) and resets; an upload records it when it starts. */
    public long dirtyVersion() {
        return state.dirtyVersion();
    }

    /** A handle that may write this item was opened; pair with {@link #writerClosed()}. */
    public void writerOpened() {
        writers.incrementAndGet();
    }

    public void writerClosed() {
        writers.decrementAndGet();
    }

    /** Whether a handle open for writing is still open on this item. */
    public boolean hasWriters() {
        return writers.get() > 0;
    }

    /** Records that the changes up to {@code version} ({@link #dirtyVersion()}) were queued for upload. */
    public void queuedForUpload(long version) {
        versionQueued = version;
    }

    /** Whether nothing changed since the changes were last queued for upload in this run. */
    public boolean unchangedSinceQueued() {
        return versionQueued == dirtyVersion();
    }

    /**
     * Incremented when {@link #resetTo} discards the data. A downloader records it before fetching
     * and passes it to {@link #fill(long, ByteBuffer, long)}, so bytes of a replaced version are dropped
     * instead of mixed into the new one.
     */
    public long generation() {
        return state.generation();
    }

    public int openCount() {
        return state.openCount();
    }

    public Instant lastAccess() {
        return Instant.ofEpochMilli(state.accessedMillis());
    }

    /**
     * The file's local modification time, for the file system's {@code mtime} (the data file's own
     * time is no use: downloads, resets and reloads change it too). A new item starts at its base's
     * {@link Fingerprint#modified() time}, or at the cache clock's now for a file created locally;
     * {@link #write} and a {@link #truncate} that changes the size set the clock's now, {@link #resetTo}
     * the remote time, {@link #setModified} any time; {@link #fill}, {@link #setSize} and
     * {@link #markUploaded} leave it. Persisted with the record, like the other fields (see the package
     * documentation for what a crash may lose).
     */
    public Instant modified() {
        return state.modified();
    }

    /**
     * Sets the local modification time (utimens). A clean item stays clean, with this time, and the
     * caller sets it in the store: returns {@code false}. For a dirty item the time is a change its
     * upload carries (returns {@code true}): it counts as a new {@link #dirtyVersion()}, so an upload
     * that already read the old time does not make the item clean at {@link #markUploaded}. Decided
     * under the item's lock, so an upload finishing meanwhile is either before (clean: the caller sets
     * the store's time) or after (dirty: uploaded again). Written with the next record
     * ({@link #persist}, {@link #close}, {@link #sync}…), not at once.
     */
    public boolean setModified(Instant time) {
        return state.setModified(Objects.requireNonNull(time, "time"));
    }

    /**
     * Whether an upload of this item may have sent something to the store: {@code true} once
     * {@link #uploadStarting()} was called, and for every item loaded at start-up (what the previous run
     * sent is not recorded). While {@code false}, the store can hold nothing of this item that the
     * caller has not seen: no attempt of it ever ran. An item created locally (no {@link #base()}) is then
     * in no store, so renaming or deleting it needs no request to find out.
     */
    public boolean uploadMayHaveStarted() {
        return uploadStarted;
    }

    /** An upload of this item is about to send it (called before the first byte leaves). */
    public void uploadStarting() {
        uploadStarted = true;
    }

    /** Bytes present, as counted in {@link DataCache#usedBytes()}. */
    public long presentBytes() {
        return state.presentBytes();
    }

    /** A copy of the present ranges. */
    public RangeSet presentRanges() {
        return state.presentCopy();
    }

    /** Whether every byte of {@code [start, end)} that lies inside the file is present. */
    public boolean isPresent(long start, long end) {
        return state.isPresent(start, end);
    }

    /** The gaps of {@code [start, end)} inside the file, each {@code {gapStart, gapEnd}}. */
    public List<long[]> missing(long start, long end) {
        return state.missing(start, end);
    }

    /** The first absent offset in {@code [from, min(limit, size))}, or that end if all is present. */
    public long firstMissing(long from, long limit) {
        return state.firstMissing(from, limit);
    }

    /** Whether the item left its cache (removed, replaced by a rename, or evicted). */
    public boolean isRemoved() {
        return state.detached();
    }

    /**
     * The data file, for uploads: when {@code [0, size)} is present (the caller makes sure of that) it
     * is exactly {@code size} bytes long.
     */
    public Path dataFile() {
        return data.path();
    }

    /**
     * The data file made {@code size} bytes long, for an upload that reads only some ranges of it (a partial
     * upload copies the others in the store): where nothing was ever read or written it stays a hole. Without
     * this the file ends after its last present byte, and the store would get the object cut short there.
     */
    public Path dataFileAtFullSize() throws IOException {
        io.writeLock().lock();
        try {
            data.extend(state.size());
            return data.path();
        } finally {
            io.writeLock().unlock();
        }
    }

    // ---- data ----------------------------------------------------------------------------------

    /**
     * Reads the run of present bytes that starts at {@code position}, up to {@code dst.remaining()}
     * and the end of the file. Returns 0 at or after the end of the file.
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
            int run = state.presentRun(position, dst.remaining());
            if (run < 0) {
                throw new IOException("cache item " + key() + " has no data at " + position);
            }
            if (run == 0) {
                return 0;
            }
            touch();
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
     * dirty, grows the size and sets the {@link #modified() modification time} to now. Space is
     * reserved first, which may evict other items. The first change of a clean item persists the
     * record (now dirty, with the new time) before any byte is written, so after a crash a changed
     * item is always found dirty. A new file without a record yet is recorded right after its first
     * bytes instead ({@link #isUnjournaled}).
     *
     * @throws CacheFullException if the cache cannot make room (ENOSPC)
     */
    public void write(long position, ByteBuffer src) throws IOException {
        requireNonNegative(position);
        long end = position + src.remaining();
        if (end == position) {
            return;
        }
        long needed = state.absentBytes(position, end);
        if (needed > 0) {
            cache.reserve(needed, this);
        }
        io.readLock().lock();
        modify.lock();
        try {
            boolean ahead = state.beginWrite(cache.clock().instant(), position, end);
            boolean unjournaled = isUnjournaled();
            if (ahead && !unjournaled) {
                persist();
            }
            try {
                data.write(src, position);
            } catch (IOException e) {
                cutToSize(e);
                throw e;
            }
            state.written(position, end);
            touch();
            if (unjournaled) {
                persist(); // after the bytes, so it lists them: a small new file needs no other record
            }
        } finally {
            modify.unlock();
            io.readLock().unlock();
        }
    }

    /**
     * After a write the disk refused part-way (full): what landed past the end of the file goes again.
     * The data file must hold no bytes at or beyond the size, or an upload, which sends the whole data
     * file, would give the store an object longer than the file, ending in the failed write's bytes.
     */
    private void cutToSize(IOException failure) {
        try {
            data.truncate(state.size());
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** {@link #fill(long, ByteBuffer, long)} whatever the generation. */
    public boolean fill(long position, ByteBuffer src) throws IOException {
        return fill(position, src, ANY_GENERATION);
    }

    /**
     * Downloaded bytes for {@code [position, position + src.remaining())}: stores the parts that lie
     * inside the file and are not present yet, and marks them present (not dirty). Present bytes are
     * never overwritten: they may be local changes. {@code src} is consumed entirely.
     *
     * <p>Space is reserved like for a write, but if the cache cannot make room (everything left is
     * dirty or open) the bytes are simply not cached and this returns {@code false}; the caller still
     * has them and serves its read from them (pass {@code src.duplicate()} to keep them).
     *
     * @param expectedGeneration the {@link #generation()} the download started in, or
     *                           {@link #ANY_GENERATION}; after a {@link #resetTo} the bytes are dropped
     * @return whether the range (clipped to the size) is present now
     */
    public boolean fill(long position, ByteBuffer src, long expectedGeneration) throws IOException {
        requireNonNegative(position);
        try {
            long end = position + src.remaining();
            List<long[]> gaps = state.fillGaps(position, end, expectedGeneration);
            if (gaps == null) {
                return false;
            }
            long needed = gaps.stream().mapToLong(gap -> gap[1] - gap[0]).sum();
            if (needed == 0) {
                return true;
            }
            if (!cache.tryReserve(needed, this)) {
                LOG.debug("Not caching {} bytes of {}: the rest of the cache is dirty or open", needed, key());
                return false;
            }
            io.readLock().lock();
            modify.lock();
            try {
                gaps = state.fillGaps(position, end, expectedGeneration); // again, now that writes wait
                if (gaps == null) {
                    return false;
                }
                ByteBuffer view = src.duplicate();
                int origin = src.position();
                for (long[] gap : gaps) {
                    view.limit(origin + (int) (gap[1] - position)).position(origin + (int) (gap[0] - position));
                    data.write(view, gap[0]);
                }
                state.filled(gaps);
                touch();
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
     * A local change of the size, persisted at once (a new file without a record yet: with its first
     * write or close, {@link #isUnjournaled}). Shrinking drops the bytes beyond; growing adds a
     * present range of zeros (a hole in the data file) which counts against the limit like written
     * bytes: the whole file has to fit until it is uploaded. A change of the size sets the
     * {@link #modified() modification time} to now.
     *
     * @throws CacheFullException if growing needs more room than the cache can make (ENOSPC)
     */
    public void truncate(long newSize) throws IOException {
        requireNonNegative(newSize);
        long growth = newSize - size();
        if (growth > 0) {
            cache.reserve(growth, this);
        }
        io.writeLock().lock();
        modify.lock();
        try {
            state.beginChange();
            long oldSize = size();
            if (newSize < oldSize) {
                // Record first, then cut: a kill in between leaves a record of the new size over a longer
                // file, which the next start cuts. The other order left the old size and dirty ranges over
                // a cut file, and the bytes cut off, written and closed before, came back from the store.
                recordSize(newSize);
                data.truncate(newSize);
            } else {
                // The data file holds no bytes at or beyond the size, so a grown range reads as zeros.
                data.truncate(oldSize);
                data.extend(newSize);
                recordSize(newSize);
            }
            touch();
        } finally {
            modify.unlock();
            io.writeLock().unlock();
        }
    }

    private void recordSize(long newSize) throws IOException {
        state.resized(newSize, cache.clock().instant());
        if (!isUnjournaled()) {
            persist();
        } // else recorded by the first write or the close, like the rest of a new file
    }

    /**
     * The remote size became known for a clean item; shrinking drops the bytes beyond. Ignored, and
     * {@code false}, while the item is dirty: then the local size is the truth.
     *
     * @throws UncheckedIOException if the data file cannot be cut
     */
    public boolean setSize(long newSize) {
        requireNonNegative(newSize);
        io.writeLock().lock();
        try {
            if (!state.remoteSize(newSize)) {
                LOG.debug("Keeping the local size of changed {}, not {}", key(), newSize);
                return false;
            }
            if (!state.deleted()) {
                data.truncate(newSize);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cut the cache file of " + key(), e);
        } finally {
            io.writeLock().unlock();
        }
    }

    /**
     * The remote file changed: drops all data, local changes included (callers keep a conflict copy
     * first), makes the item clean, sized and {@link #modified() timed} like {@code remote}, starts a new
     * {@link #generation()} and persists.
     *
     * @throws UncheckedIOException if the data file cannot be emptied
     */
    public void resetTo(Fingerprint remote) {
        resetUnlessChanged(remote, -1);
    }

    /**
     * {@link #resetTo} unless the item changed since {@code dirtyVersion} ({@link #dirtyVersion()});
     * {@code -1} resets in any case.
     *
     * @return whether it was reset
     */
    public boolean resetUnlessChanged(Fingerprint remote, long dirtyVersion) {
        io.writeLock().lock();
        modify.lock();
        try {
            if (dirtyVersion != -1 && state.dirtyVersion() != dirtyVersion) {
                return false;
            }
            state.reset(remote);
            // Record first: a crash before the cut then finds a clean, empty item (the old bytes are
            // absent ranges, cut at start-up), never a dirty record over an emptied file.
            persistOrWarn("reset");
            if (!state.deleted()) {
                data.truncate(0);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the cache file of " + key(), e);
        } finally {
            modify.unlock();
            io.writeLock().unlock();
        }
    }

    /**
     * An upload finished: the remote now holds {@code uploaded}, which becomes the base. The item is
     * clean again, with no {@link #dirtyRanges()}, unless it changed after the upload started (its
     * {@link #dirtyVersion()} moved on); then the dirty ranges stay as they were, a superset of what
     * differs from the new base. The {@link #modified() modification time} stays the local one.
     *
     * @return whether the item is clean now
     */
    public boolean markUploaded(Fingerprint uploaded, long dirtyVersionAtUploadStart) {
        modify.lock();
        try {
            boolean clean = state.uploaded(uploaded, dirtyVersionAtUploadStart);
            persistOrWarn("upload");
            return clean;
        } finally {
            modify.unlock();
        }
    }

    /**
     * Waits until every byte of {@code [start, end)} inside the file is present (signalled by
     * {@link #fill} and {@link #write}).
     *
     * @return {@code true} if present, {@code false} on timeout or if the item was evicted meanwhile
     */
    public boolean awaitPresent(long start, long end, Duration timeout) throws InterruptedException {
        return state.await(start, end, timeout.toNanos());
    }

    // ---- durability ----------------------------------------------------------------------------

    /** Writes the record atomically (temporary file + rename) if it changed. Called on flush and close. */
    public void persist() throws IOException {
        persist(false);
    }

    /** fsync: forces the data to disk, then the record and its rename. */
    public void sync() throws IOException {
        io.readLock().lock();
        modify.lock();
        try {
            if (!state.deleted()) {
                data.force();
                persist(true);
            }
        } finally {
            modify.unlock();
            io.readLock().unlock();
        }
    }

    /**
     * A new file with no record yet (created locally, no base, never written, flushed or closed): its
     * changes need no record ahead of them. Without a record its data file is deleted at the next start,
     * so a crash can only lose the whole file, one never closed, never leave a record that misstates
     * it. Its first write records right after its bytes instead, and a create, a truncate (the size
     * change of {@code O_TRUNC}) and a write then cost one record instead of two. Called with
     * {@code modify} held.
     */
    private boolean isUnjournaled() {
        return !recorded && state.base() == null;
    }

    private void persist(boolean durable) throws IOException {
        modify.lock();
        try {
            ItemRecord record = state.takeRecord(durable);
            if (record == null) {
                return;
            }
            boolean first = !recorded;
            recorded = true; // even if this write fails half-way: a file may be there now
            try {
                cache.files().writeRecord(name, record, durable, first);
            } catch (IOException e) {
                state.recordFailed();
                throw e;
            }
            state.recordWritten();
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
        state.pin(cache.nextTick(), cache.clock().millis());
    }

    /**
     * Unpins. Persists the record (best effort: a failure is logged, the data stays) and, after the last
     * handle, closes the data file, or deletes the files of an item removed while open.
     */
    public void close() {
        boolean last = state.unpin();
        persistOrWarn("close");
        if (last) {
            release();
        }
    }

    private void release() {
        io.writeLock().lock();
        try {
            if (state.idle()) {
                data.close();
                if (state.deleteIfDetached()) {
                    deleteFiles();
                }
            }
        } finally {
            io.writeLock().unlock();
        }
    }

    void touch() {
        state.touch(cache.nextTick(), cache.clock().millis());
    }

    long accessTick() {
        return state.accessTick();
    }

    boolean isEvictable() {
        return state.evictable();
    }

    /**
     * Evicts the item if it is still clean and unpinned; called with the {@link DataCache} lock held.
     * Never waits: an item with I/O in flight is in use and is skipped.
     *
     * @return the bytes freed, or -1 if the item was not evicted
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
                long freed = state.evict();
                if (freed >= 0) {
                    data.close();
                    deleteFiles();
                }
                return freed;
            } finally {
                modify.unlock();
            }
        } finally {
            io.writeLock().unlock();
        }
    }

    /**
     * Takes the item out of the cache (removed, or replaced by a rename): the record is deleted now so
     * a restart cannot bring the item back; the data lives until the last handle closes.
     */
    void detach() {
        modify.lock();
        try {
            state.detach();
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
            state.rekey(newKey);
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

    private void deleteFiles() {
        try {
            cache.files().delete(name);
        } catch (IOException e) {
            LOG.warn("Cannot delete the cache files {}: {}", name, e.toString());
        }
    }

    private static void requireNonNegative(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative offset or size " + value);
        }
    }

    @Override
    public String toString() {
        return state.toString();
    }
}
