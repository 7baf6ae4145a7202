package io.cloudmount.engine.vfs;

import io.cloudmount.provider.Capabilities;
import io.cloudmount.provider.ListPage;
import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.OpenMode;
import io.cloudmount.provider.PieceSink;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.SpaceInfo;
import io.cloudmount.provider.StorageProvider;
import io.cloudmount.provider.UploadOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A store that can be taken offline (every call fails as unreachable), counts uploads, opens and
 * read requests, and can break one streamed read part way.
 */
final class SwitchableProvider implements StorageProvider {
    private final StorageProvider store;
    volatile boolean offline;
    /** Answer uploads with success but keep nothing, like a server that fails after replying. */
    volatile boolean loseUploads;
    final AtomicInteger uploads = new AtomicInteger();
    final AtomicInteger opens = new AtomicInteger();
    final AtomicInteger listings = new AtomicInteger();
    /** Runs once, after the next listing was read and before it is returned (a change racing a listing). */
    volatile Runnable afterNextListing;
    /** Requests for data: each {@code read} and each {@code stream} of a handle counts one. */
    final AtomicInteger readRequests = new AtomicInteger();
    /** Bytes asked for by those requests. */
    final AtomicLong bytesRequested = new AtomicLong();
    /** When not negative, the next stream fails as unreachable after handing over this many pieces. */
    final AtomicInteger breakNextStreamAfterPieces = new AtomicInteger(-1);

    SwitchableProvider(StorageProvider store) {
        this.store = store;
    }

    private void check(String path) throws ProviderException {
        if (offline) {
            throw new ProviderException.Unavailable(path, "offline (test)", null);
        }
    }

    @Override public String describe() { return description != null ? description : "switchable " + store.describe(); }

    /** What {@link #describe} says, if set: the name of the store a cache folder belongs to. */
    volatile String description;
    /** Hide {@code POSIX_MODE}, as S3 does (the cache then defers writing new directories to the store). */
    volatile boolean withoutModes;

    @Override public Capabilities capabilities() {
        if (!withoutModes) {
            return store.capabilities();
        }
        return Capabilities.of(store.capabilities().asSet().stream()
                .filter(c -> c != io.cloudmount.provider.Capability.POSIX_MODE)
                .toArray(io.cloudmount.provider.Capability[]::new));
    }
    @Override public ObjectInfo stat(String path) throws ProviderException { check(path); return store.stat(path); }
    @Override public ListPage list(String d, String t) throws ProviderException {
        check(d);
        listings.incrementAndGet();
        ListPage page = store.list(d, t);
        Runnable hook = afterNextListing;
        afterNextListing = null;
        if (hook != null) {
            hook.run();
        }
        return page;
    }
    @Override public ObjectHandle open(String path, OpenMode mode) throws ProviderException {
        check(path);
        opens.incrementAndGet();
        return new CountingHandle(store.open(path, mode), path);
    }
    @Override public ObjectInfo createFile(String path, boolean exclusive) throws ProviderException { check(path); return store.createFile(path, exclusive); }
    @Override public ObjectInfo upload(String path, Path source, UploadOptions options) throws ProviderException {
        check(path);
        uploads.incrementAndGet();
        if (loseUploads) {
            return ObjectInfo.file(io.cloudmount.provider.ObjectPaths.name(path), source.toFile().length(),
                    options.modified(), "\"lost\"");
        }
        Runnable before = beforeNextUpload;
        if (before != null) {
            beforeNextUpload = null;
            before.run();
        }
        ObjectInfo stored = store.upload(path, source, options);
        Runnable after = afterNextUpload;
        if (after != null) {
            afterNextUpload = null;
            after.run();
        }
        return stored;
    }
    /** Runs once, after the next upload reached the store and before it returns (a write racing an upload). */
    volatile Runnable afterNextUpload;
    /** Runs once, when the next upload has started and before it reaches the store (a slow upload). */
    volatile Runnable beforeNextUpload;
    /** Directories written to the store (mkdir and its known-absent form). */
    final AtomicInteger mkdirs = new AtomicInteger();
    /** The next this many mkdirs fail as unreachable (a folder whose first attempt fails). */
    final AtomicInteger failingMkdirs = new AtomicInteger();
    @Override public void mkdir(String path) throws ProviderException {
        check(path);
        if (failingMkdirs.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new ProviderException.Unavailable(path, "mkdir failing (test)", null);
        }
        mkdirs.incrementAndGet();
        store.mkdir(path);
    }
    @Override public void deleteFile(String path) throws ProviderException { check(path); store.deleteFile(path); }
    @Override public void deleteDirectory(String path) throws ProviderException { check(path); store.deleteDirectory(path); }
    @Override public void rename(String s, String t, boolean r) throws ProviderException {
        check(s);
        RenameHook before = beforeNextRename;
        if (before != null) {
            beforeNextRename = null;
            before.run();
        }
        store.rename(s, t, r);
    }
    /**
     * Runs once, when the next rename reached the store and before it changes anything (a slow copy);
     * what it throws fails the rename.
     */
    volatile RenameHook beforeNextRename;

    interface RenameHook {
        void run() throws ProviderException;
    }
    @Override public void setModifiedTime(String path, Instant m) throws ProviderException { check(path); store.setModifiedTime(path, m); }
    @Override public SpaceInfo space() throws ProviderException { check("/"); return store.space(); }
    @Override public void close() throws ProviderException { store.close(); }

    private final class CountingHandle implements ObjectHandle {
        private final ObjectHandle handle;
        private final String path;

        CountingHandle(ObjectHandle handle, String path) {
            this.handle = handle;
            this.path = path;
        }

        @Override public long size() throws ProviderException { return handle.size(); }

        @Override public int read(long position, ByteBuffer dst) throws ProviderException {
            check(path);
            readRequests.incrementAndGet();
            bytesRequested.addAndGet(dst.remaining());
            return handle.read(position, dst);
        }

        @Override public void stream(long position, long length, ByteBuffer buffer, PieceSink sink)
                throws ProviderException, IOException {
            check(path);
            readRequests.incrementAndGet();
            bytesRequested.addAndGet(length);
            int breakAfter = breakNextStreamAfterPieces.getAndSet(-1);
            if (breakAfter < 0) {
                handle.stream(position, length, buffer, sink);
                return;
            }
            int[] pieces = {0};
            handle.stream(position, length, buffer, (at, piece) -> {
                if (pieces[0]++ == breakAfter) {
                    throw new ProviderException.Unavailable(path, "connection reset (test)", null);
                }
                sink.accept(at, piece);
            });
        }

        @Override public void write(long position, ByteBuffer src) throws ProviderException { handle.write(position, src); }
        @Override public void truncate(long size) throws ProviderException { handle.truncate(size); }
        @Override public void sync(boolean metadata) throws ProviderException { handle.sync(metadata); }
        @Override public void close() throws ProviderException { handle.close(); }
    }
}
