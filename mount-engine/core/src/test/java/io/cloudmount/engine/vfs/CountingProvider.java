package io.cloudmount.engine.vfs;

import io.cloudmount.provider.Capabilities;
import io.cloudmount.provider.Capability;
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
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store that counts the lookups the engine sends it (stats and listing pages), and can hold a
 * listing or a file's close until the test lets it go, to place a local change while the request is in
 * flight.
 */
final class CountingProvider implements StorageProvider {
    private final StorageProvider store;
    final AtomicInteger stats = new AtomicInteger();
    final AtomicInteger listings = new AtomicInteger();
    /** Pages of {@link #listNames}: names without what costs a request per entry. */
    final AtomicInteger nameListings = new AtomicInteger();
    /** Deletes and renames of files and directories. */
    final AtomicInteger changes = new AtomicInteger();
    /** When set, every stat fails as a store that cannot be reached for a moment. */
    volatile boolean statsUnavailable;
    /** When set, stats and listings of every kind fail: the store cannot be reached at all. */
    volatile boolean unavailable;
    /** Opens of a known version (as S3's If-Match): refused with Conflict once the object has another ETag. */
    final AtomicInteger versionedOpens = new AtomicInteger();
    /** Opens without a version: they read whatever the store has now. */
    final AtomicInteger plainOpens = new AtomicInteger();
    /** When set, the next listing waits for {@link #releaseListing} after the store answered it. */
    private volatile CountDownLatch holdNext;
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile CountDownLatch listingAnswered;
    private volatile CountDownLatch holdClose;

    private final Capabilities capabilities;

    CountingProvider(StorageProvider store) {
        this.store = store;
        this.capabilities = store.capabilities();
    }

    /** A store whose listings cost a request per entry, like S3 reading stored mtimes. */
    static CountingProvider withStatCheaperThanListing(StorageProvider store) {
        return new CountingProvider(store, flags -> flags.add(Capability.STAT_CHEAPER_THAN_LISTING));
    }

    /** A store without modes, like S3: the cache then writes new folders to it in the background. */
    static CountingProvider withoutPosixModes(StorageProvider store) {
        return new CountingProvider(store, flags -> flags.remove(Capability.POSIX_MODE));
    }

    private CountingProvider(StorageProvider store, java.util.function.Consumer<Set<Capability>> change) {
        this.store = store;
        Set<Capability> flags = EnumSet.noneOf(Capability.class);
        flags.addAll(store.capabilities().asSet());
        change.accept(flags);
        this.capabilities = Capabilities.of(flags.toArray(Capability[]::new));
    }

    int lookups() {
        return stats.get() + listings.get();
    }

    /** The next listing is fetched from the store and then waits; returns a latch counted down at that point. */
    CountDownLatch holdNextListing() {
        listingAnswered = new CountDownLatch(1);
        holdNext = release;
        return listingAnswered;
    }

    void releaseListing() {
        release.countDown();
    }

    @Override public ListPage list(String directory, String token) throws ProviderException {
        listings.incrementAndGet();
        refuseIfUnavailable(directory);
        ListPage page = store.list(directory, token);
        CountDownLatch held = holdNext;
        if (held != null) {
            holdNext = null;
            listingAnswered.countDown();
            try {
                if (!held.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the listing");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return page;
    }

    @Override public ListPage listNames(String directory, String token) throws ProviderException {
        nameListings.incrementAndGet();
        refuseIfUnavailable(directory);
        return store.listNames(directory, token);
    }

    @Override public ObjectInfo stat(String path) throws ProviderException {
        stats.incrementAndGet();
        if (statsUnavailable) {
            throw new ProviderException.Unavailable(path, "the test refuses stats", null);
        }
        refuseIfUnavailable(path);
        return store.stat(path);
    }

    private void refuseIfUnavailable(String path) throws ProviderException {
        if (unavailable) {
            throw new ProviderException.Unavailable(path, "the test's store is down", null);
        }
    }

    @Override public ObjectHandle openVersion(String path, long size, String etag) throws ProviderException {
        versionedOpens.incrementAndGet();
        if (etag != null && !etag.equals(store.stat(path).etag())) {
            throw new ProviderException.Conflict(path, "the object no longer has ETag " + etag);
        }
        return store.open(path, OpenMode.READ);
    }

    @Override public String describe() { return "counting " + store.describe(); }
    @Override public Capabilities capabilities() { return capabilities; }
    /** The next file opened here waits at its close until the returned latch is counted down. */
    CountDownLatch holdNextClose() {
        CountDownLatch latch = new CountDownLatch(1);
        holdClose = latch;
        return latch;
    }

    @Override public ObjectHandle open(String path, OpenMode mode) throws ProviderException {
        plainOpens.incrementAndGet();
        ObjectHandle opened = store.open(path, mode);
        CountDownLatch held = holdClose;
        if (held == null) {
            return opened;
        }
        holdClose = null;
        return new ObjectHandle() {
            @Override public long size() throws ProviderException { return opened.size(); }
            @Override public int read(long position, java.nio.ByteBuffer dst) throws ProviderException { return opened.read(position, dst); }
            @Override public void write(long position, java.nio.ByteBuffer src) throws ProviderException { opened.write(position, src); }
            @Override public void close() throws ProviderException {
                try {
                    if (!held.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never let the close finish");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                opened.close();
            }
        };
    }

    @Override public ObjectInfo createFile(String path, boolean exclusive) throws ProviderException { return store.createFile(path, exclusive); }
    @Override public ObjectInfo upload(String path, Path source, UploadOptions options) throws ProviderException { return store.upload(path, source, options); }
    @Override public void mkdir(String path) throws ProviderException { store.mkdir(path); }
    @Override public void deleteFile(String path) throws ProviderException { changes.incrementAndGet(); store.deleteFile(path); }
    @Override public void deleteDirectory(String path) throws ProviderException { changes.incrementAndGet(); store.deleteDirectory(path); }
    @Override public void rename(String s, String t, boolean r) throws ProviderException { changes.incrementAndGet(); store.rename(s, t, r); }
    @Override public void setModifiedTime(String path, Instant m) throws ProviderException { store.setModifiedTime(path, m); }
    @Override public SpaceInfo space() throws ProviderException { return store.space(); }
    @Override public void close() throws ProviderException { store.close(); }
}
