package io.cloudmount.engine.vfs;

import io.cloudmount.provider.Capabilities;
import io.cloudmount.provider.ListPage;
import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.OpenMode;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.SpaceInfo;
import io.cloudmount.provider.StorageProvider;
import io.cloudmount.provider.UploadOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** A store that can be taken offline (every call fails as unreachable) and counts uploads and reads. */
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

    SwitchableProvider(StorageProvider store) {
        this.store = store;
    }

    private void check(String path) throws ProviderException {
        if (offline) {
            throw new ProviderException.Unavailable(path, "offline (test)", null);
        }
    }

    @Override public String describe() { return "switchable " + store.describe(); }
    @Override public Capabilities capabilities() { return store.capabilities(); }
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
        return store.open(path, mode);
    }
    @Override public ObjectInfo createFile(String path, boolean exclusive) throws ProviderException { check(path); return store.createFile(path, exclusive); }
    @Override public ObjectInfo upload(String path, Path source, UploadOptions options) throws ProviderException {
        check(path);
        uploads.incrementAndGet();
        if (loseUploads) {
            return ObjectInfo.file(io.cloudmount.provider.ObjectPaths.name(path), source.toFile().length(),
                    options.modified(), "\"lost\"");
        }
        return store.upload(path, source, options);
    }
    @Override public void mkdir(String path) throws ProviderException { check(path); store.mkdir(path); }
    @Override public void deleteFile(String path) throws ProviderException { check(path); store.deleteFile(path); }
    @Override public void deleteDirectory(String path) throws ProviderException { check(path); store.deleteDirectory(path); }
    @Override public void rename(String s, String t, boolean r) throws ProviderException { check(s); store.rename(s, t, r); }
    @Override public void setModifiedTime(String path, Instant m) throws ProviderException { check(path); store.setModifiedTime(path, m); }
    @Override public SpaceInfo space() throws ProviderException { check("/"); return store.space(); }
    @Override public void close() throws ProviderException { store.close(); }
}
