package io.cloudmount.engine.vfs;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cloudmount.engine.FsError;
import io.cloudmount.engine.FsException;
import io.cloudmount.engine.names.CaseInsensitiveProvider;
import io.cloudmount.provider.Capability;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ObjectPaths;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.SpaceInfo;
import io.cloudmount.provider.StorageProvider;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file system a frontend serves: POSIX-style operations on paths and handles, carried out on a
 * {@link StorageProvider}. Methods throw {@link FsException} for rule violations and let
 * {@link ProviderException}s through; the frontend classifies both with
 * {@link io.cloudmount.engine.FsErrors}.
 */
public final class Vfs implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Vfs.class);
    /** Longest name component in UTF-8 bytes, as on ext4 and NTFS (255 UTF-16 units). */
    public static final int MAX_NAME_BYTES = 255;
    private static final int STATFS_BLOCK = 4096;

    private final StorageProvider provider;
    private final VfsOptions options;
    private final HandleTable<FileHandle> files = new HandleTable<>();
    private final HandleTable<DirHandle> dirs = new HandleTable<>();
    /**
     * Changes made through the drive so far: a listing read before the last one has stale attributes, and
     * is neither kept ({@link ListingCache}) nor handed to the kernel with them ({@link DirHandle.Snapshot}).
     */
    private final AtomicLong changeCount = new AtomicLong();
    private final Namespace names;
    /** The write-back cache behind {@link #names}; {@code null} for a store used directly. */
    private final CachedNamespace cached;
    /** Recent listings of a directly used store; {@code null} when off or behind the write-back cache. */
    private final ListingCache listings;
    /** Notified whenever a file open for writing is released (see {@link #awaitWritersClosed}). */
    private final Object writersClosed = new Object();
    private final AtomicInteger writersReleasing = new AtomicInteger();

    /** A VFS over the store itself: for stores with random write (memory, local folder). */
    public Vfs(StorageProvider provider, VfsOptions options) {
        this(provider, options, new DirectNamespace(provider), null);
    }

    private Vfs(StorageProvider provider, VfsOptions options, Namespace names, CachedNamespace cached) {
        this.provider = provider;
        this.options = options;
        this.names = names;
        this.cached = cached;
        boolean cacheListings = names instanceof DirectNamespace && options.listingTtl().compareTo(Duration.ZERO) > 0;
        this.listings = cacheListings ? new ListingCache(options.listingTtl(), ticker(options.clock()), changeCount::get)
                : null;
    }

    private static Ticker ticker(Clock clock) {
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }

    /** Called after every change made through the drive, also a failed one (it may have changed part). */
    private void changed() {
        changeCount.incrementAndGet(); // retires the kept listings and the attributes of open listings
    }

    /** A VFS with the write-back cache in front of the store (required for stores without random write). */
    public static Vfs cached(StorageProvider provider, VfsOptions options, CacheSettings cache) throws IOException {
        // Case is resolved above the cache, so that it keeps one file per stored name (see CaseFoldingNamespace).
        boolean folding = provider instanceof CaseInsensitiveProvider;
        StorageProvider store = folding ? ((CaseInsensitiveProvider) provider).caseSensitive() : provider;
        CachedNamespace cached = CachedNamespace.open(store, cache, options.clock());
        return new Vfs(provider, options, folding ? new CaseFoldingNamespace(cached) : cached, cached);
    }

    /** Uploads waiting or running, for the app and the CLI; empty for a VFS without write cache. */
    public List<io.cloudmount.engine.writeback.UploadStatus> pendingUploads() {
        return cached != null ? cached.pendingUploads() : List.of();
    }

    /** Starts every pending upload now and waits for them; false if some were still pending at the deadline. */
    public boolean flushUploads(java.time.Duration timeout) throws InterruptedException {
        return cached == null || cached.flushUploads(timeout);
    }

    /** Bytes in the local data cache (0 without write cache). */
    public long cacheBytesUsed() {
        return cached != null ? cached.cacheBytesUsed() : 0;
    }

    /** Registers who to tell when the engine learns that a path changed in the store. */
    public void setChangeListener(ChangeListener listener) {
        if (cached != null) {
            cached.setChangeListener(listener);
        }
    }

    public StorageProvider provider() {
        return provider;
    }

    public VfsOptions options() {
        return options;
    }

    // ---- attributes -------------------------------------------------------------------------

    public FileAttributes getattr(String path) throws IOException {
        return attributes(names.stat(checkPath(path)));
    }

    /** Attributes of an open file; the size comes from the handle (it may have unsent writes). */
    public FileAttributes getattr(long fh) throws IOException {
        FileHandle handle = files.get(fh);
        FileAttributes base;
        try {
            base = getattr(handle.path());
        } catch (ProviderException.NotFound unlinked) {
            base = null;
        }
        if (base == null || base.directory()) {
            // The file was unlinked or renamed over while open: it lives on through its handle. A directory
            // made under its name since is not this file; reporting its type would make the kernel mark the
            // open file's inode bad, failing every read and close of it with EIO.
            base = new FileAttributes(ObjectPaths.name(handle.path()), false, 0, now(), options.fileMode(),
                    options.uid(), options.gid());
        }
        return base.withSize(handle.size());
    }

    public void setTimes(String path, Instant modified) throws IOException {
        try {
            requireWritableMount();
            names.setModifiedTime(checkPath(path), modified == null ? now() : modified);
        } finally {
            changed();
        }
    }

    public void chmod(String path, int mode) throws IOException {
        try {
            requireWritableMount();
            checkPath(path);
            if (provider.capabilities().has(Capability.POSIX_MODE)) {
                provider.setMode(path, mode & 07777);
            } else {
                names.stat(path); // accepted but not stored: the store has no permission bits
            }
        } finally {
            changed();
        }
    }

    /** Ownership is the mounting user's; a change is accepted (cp -a, rsync -a) but not stored. */
    public void chown(String path, int uid, int gid) throws IOException {
        requireWritableMount();
        names.stat(checkPath(path));
    }

    /** Checks existence and, for {@code write}, that the mount accepts changes. */
    public void access(String path, boolean write) throws IOException {
        names.stat(checkPath(path));
        if (write) {
            requireWritableMount();
        }
    }

    /** Tests: a cached drive abandoned without close, as after kill -9, frees its cache folder. */
    void releaseCacheFolderAsIfKilled() throws IOException {
        if (cached != null) {
            cached.releaseCacheFolderAsIfKilled();
        }
    }

    public StatFs statfs() throws IOException {
        SpaceInfo space = provider.space();
        // Stores have no inode table: every count is free, so df -i shows nothing used rather than a made-up half.
        return new StatFs(STATFS_BLOCK, space.totalBytes() / STATFS_BLOCK, space.freeBytes() / STATFS_BLOCK,
                1L << 32, 1L << 32, MAX_NAME_BYTES);
    }

    // ---- directories ------------------------------------------------------------------------

    public long opendir(String path) throws IOException {
        checkPath(path);
        return dirs.add(new DirHandle(path, snapshot(path)));
    }

    private DirHandle.Snapshot snapshot(String path) throws IOException {
        long generation = changeCount.get(); // before listing: a change racing with it makes the list not current
        List<FileAttributes> entries = listings == null ? list(path) : listings.get(path, this::list);
        return new DirHandle.Snapshot(entries, generation);
    }

    private List<FileAttributes> list(String path) throws IOException {
        List<ObjectInfo> infos = names.list(path);
        List<FileAttributes> entries = new ArrayList<>(infos.size());
        for (ObjectInfo info : infos) {
            entries.add(attributes(info));
        }
        return Collections.unmodifiableList(entries);
    }

    public List<FileAttributes> readdir(long dh) throws IOException {
        return dirs.get(dh).snapshot().entries();
    }

    /**
     * The entries of an open directory for a read at {@code offset}: a read from the start of a handle
     * already read (rewinddir) lists the folder again, so that it shows what changed meanwhile.
     */
    public List<FileAttributes> readdir(long dh, long offset) throws IOException {
        DirHandle handle = dirs.get(dh);
        if (handle.startReading() && offset == 0) {
            handle.replace(snapshot(handle.path()));
        }
        return handle.snapshot().entries();
    }

    /**
     * Whether the sizes and times of the entries {@link #readdir} serves for {@code dh} are still current:
     * nothing changed through the drive since they were listed. If not, only names and types may go to
     * the kernel (see {@link DirHandle.Snapshot}).
     */
    public boolean attributesCurrent(long dh) throws IOException {
        return dirs.get(dh).snapshot().generation() == changeCount.get();
    }

    public void releasedir(long dh) throws IOException {
        dirs.remove(dh);
    }

    public void mkdir(String path, int mode) throws IOException {
        try {
            requireWritableMount();
            names.mkdir(checkPath(path));
            if (provider.capabilities().has(Capability.POSIX_MODE) && (mode & 07777) != options.dirMode()) {
                provider.setMode(path, mode & 07777);
            }
        } finally {
            changed();
        }
    }

    public void rmdir(String path) throws IOException {
        try {
            requireWritableMount();
            if (ObjectPaths.isRoot(checkPath(path))) {
                throw new FsException(FsError.EBUSY, "cannot remove the root of the drive");
            }
            names.rmdir(path);
        } finally {
            changed();
        }
    }

    // ---- names ------------------------------------------------------------------------------

    public void unlink(String path) throws IOException {
        try {
            requireWritableMount();
            names.unlink(checkPath(path));
        } finally {
            changed();
        }
    }

    /**
     * rename(2): replaces an existing target unless {@code noReplace}; the POSIX type rules are checked
     * here so that every store behaves the same.
     */
    public void rename(String from, String to, boolean noReplace) throws IOException {
        try {
            requireWritableMount();
            checkPath(from);
            checkPath(to);
            if (ObjectPaths.isRoot(from) || ObjectPaths.isRoot(to)) {
                throw new FsException(FsError.EBUSY, "cannot rename the root of the drive");
            }
            ObjectInfo source = names.stat(from);
            if (from.equals(to)) {
                return;
            }
            if (source.isDirectory() && ObjectPaths.isSameOrBelow(to, from)) {
                throw new FsException(FsError.EINVAL, "cannot move " + from + " into itself");
            }
            ObjectInfo target = statOrNull(to);
            if (target != null) {
                if (noReplace) {
                    throw new FsException(FsError.EEXIST, "rename target exists: " + to);
                }
                if (source.isDirectory() && !target.isDirectory()) {
                    throw new FsException(FsError.ENOTDIR, "cannot replace file " + to + " with a directory");
                }
                if (!source.isDirectory() && target.isDirectory()) {
                    throw new FsException(FsError.EISDIR, "cannot replace directory " + to + " with a file");
                }
            }
            if (source.isDirectory() && !provider.capabilities().has(Capability.DIRECTORY_RENAME)) {
                // EXDEV makes mv and file managers fall back to copy + delete.
                throw new FsException(FsError.EXDEV, "this store cannot rename directories: " + from);
            }
            // A plain rename(2) may replace whatever is there when it lands (the store checks the types once
            // more); only RENAME_NOREPLACE asks the store to refuse an existing target.
            String storedFrom = names.stored(from); // open files are known by stored names
            names.rename(from, to, !noReplace);
            String storedTo = names.stored(to);
            for (FileHandle handle : files.all()) {
                if (ObjectPaths.isSameOrBelow(handle.path(), storedFrom)) {
                    handle.moved(ObjectPaths.rebase(handle.path(), storedFrom, storedTo));
                }
            }
        } finally {
            changed();
        }
    }

    // ---- files ------------------------------------------------------------------------------

    public long create(String path, int mode, OpenFlags flags) throws IOException {
        try {
            requireWritableMount();
            FileHandle handle = names.create(checkPath(path), flags);
            if (provider.capabilities().has(Capability.POSIX_MODE) && (mode & 07777) != options.fileMode()) {
                provider.setMode(path, mode & 07777);
            }
            return files.add(handle);
        } finally {
            changed();
        }
    }

    public long open(String path, OpenFlags flags) throws IOException {
        checkPath(path);
        if (flags.write() || flags.truncate()) {
            requireWritableMount();
        }
        if (flags.truncate() && !flags.write()) {
            // O_RDONLY|O_TRUNC: Linux empties the file all the same (the kernel checked write permission);
            // the handle stays read-only, so the truncate goes through the path.
            truncate(path, 0);
            flags = new OpenFlags(flags.read(), false, flags.append(), false, flags.exclusive());
        }
        FileHandle handle = names.open(path, flags);
        if (flags.truncate()) {
            try {
                handle.truncate(0);
            } catch (IOException e) {
                handle.release();
                throw e;
            } finally {
                changed();
            }
        }
        return files.add(handle);
    }

    public int read(long fh, long offset, ByteBuffer dst) throws IOException {
        return files.get(fh).read(offset, dst);
    }

    public int write(long fh, long offset, ByteBuffer src) throws IOException {
        try {
            return files.get(fh).write(offset, src);
        } finally {
            changed();
        }
    }

    /** {@link #write} of pages of a shared mapping written back: at {@code offset}, also on an O_APPEND handle. */
    public int writePage(long fh, long offset, ByteBuffer src) throws IOException {
        try {
            return files.get(fh).writeAt(offset, src);
        } finally {
            changed();
        }
    }

    public void truncate(String path, long size) throws IOException {
        try {
            requireWritableMount();
            checkSize(size);
            FileHandle handle = names.open(checkPath(path), OpenFlags.READ_WRITE);
            try {
                handle.truncate(size);
                handle.flush();
            } finally {
                handle.release();
            }
        } finally {
            changed();
        }
    }

    public void ftruncate(long fh, long size) throws IOException {
        try {
            checkSize(size);
            files.get(fh).truncate(size);
        } finally {
            changed();
        }
    }

    public void flush(long fh) throws IOException {
        files.get(fh).flush();
    }

    /** False if {@link #flush} of this handle is a no-op, so the platform need not ask for it at close. */
    public boolean needsFlush(long fh) throws IOException {
        return files.get(fh).needsFlush();
    }

    public void fsync(long fh, boolean dataOnly) throws IOException {
        files.get(fh).sync(dataOnly);
    }

    public void release(long fh) throws IOException {
        FileHandle handle = files.get(fh);
        boolean writer = handle.flags().write();
        if (writer) {
            // Counted before the handle leaves the table: a writer is "closed" only once its release,
            // where a cached drive queues the upload, has finished.
            writersReleasing.incrementAndGet();
        }
        try {
            files.remove(fh);
            handle.release();
        } finally {
            if (writer) {
                changed(); // a store may stamp the time or finish the file only at close
                synchronized (writersClosed) {
                    writersReleasing.decrementAndGet();
                    writersClosed.notifyAll();
                }
            }
        }
    }

    /** True when closed files are uploaded in the background (the write-back cache). */
    public boolean uploadsInBackground() {
        return cached != null;
    }

    /**
     * Waits until no file is open for writing, at most {@code timeout}. The kernel sends the release of
     * a file asynchronously, after close(2) has returned; with the write-back cache the upload is queued
     * at that release, so an unmount right after a save waits here to see it.
     *
     * @return false if files were still open for writing when the time was up
     */
    public boolean awaitWritersClosed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (writersClosed) {
            while (writersReleasing.get() > 0 || files.all().stream().anyMatch(h -> h.flags().write())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(writersClosed, left);
            }
        }
        return true;
    }

    /** Number of open files and directories (for diagnostics and tests). */
    public int openHandles() {
        return files.size() + dirs.size();
    }

    /** Releases every handle still open (an unmount while programs hold files) and closes the store. */
    @Override
    public void close() throws IOException {
        for (FileHandle handle : files.all()) {
            try {
                handle.release();
            } catch (IOException e) {
                LOG.warn("Could not close {} at unmount: {}", handle.path(), e.getMessage());
            }
        }
        names.close();
        provider.close();
    }

    // ---- helpers ----------------------------------------------------------------------------

    FileAttributes attributes(ObjectInfo info) {
        int mode = info.mode() != ObjectInfo.MODE_UNKNOWN ? info.mode()
                : info.isDirectory() ? options.dirMode() : options.fileMode();
        return new FileAttributes(info.name(), info.isDirectory(), info.size(), info.modified(), mode,
                options.uid(), options.gid());
    }

    private ObjectInfo statOrNull(String path) throws IOException {
        try {
            return names.stat(path);
        } catch (ProviderException.NotFound e) {
            return null;
        }
    }

    private static String checkPath(String path) throws FsException {
        if (!ObjectPaths.isValid(path)) {
            throw new FsException(FsError.EINVAL, "invalid path: " + path);
        }
        int start = path.lastIndexOf('/') + 1;
        if (path.length() - start > MAX_NAME_BYTES / 3
                && path.substring(start).getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new FsException(FsError.ENAMETOOLONG, "name longer than " + MAX_NAME_BYTES + " bytes");
        }
        return path;
    }

    private static void checkSize(long size) throws FsException {
        if (size < 0) {
            throw new FsException(FsError.EINVAL, "negative size " + size);
        }
    }

    private void requireWritableMount() throws FsException {
        if (options.readOnly()) {
            throw new FsException(FsError.EROFS, "the drive is mounted read-only");
        }
    }

    private Instant now() {
        return options.clock().instant();
    }

}
