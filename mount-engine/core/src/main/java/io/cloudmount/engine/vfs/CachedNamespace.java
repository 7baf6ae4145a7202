package io.cloudmount.engine.vfs;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cloudmount.engine.FsError;
import io.cloudmount.engine.FsException;
import io.cloudmount.engine.cache.CacheItem;
import io.cloudmount.engine.cache.DataCache;
import io.cloudmount.engine.cache.Fingerprint;
import io.cloudmount.engine.writeback.UploadStatus;
import io.cloudmount.engine.writeback.WritebackQueue;
import io.cloudmount.engine.writeback.WritebackThreads;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ObjectPaths;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.StorageProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store seen through the write-back cache: a file written here exists at once (the upload
 * follows later), and survives a crash as a dirty cache item that the next mount uploads.
 *
 * <p>Names are the union of the store's listing (via {@link MetadataCache}) and the dirty cache
 * items, whose local size and time win. Every operation that moves or removes a path first drains
 * uploads at or below it ({@link WritebackQueue#pauseAndDrain}), so an upload can never recreate a
 * deleted file or land under a name that was renamed away. The local modification time of a
 * dirty file is kept (and persisted) by its cache item and stored with the upload.
 */
final class CachedNamespace implements Namespace {
    private static final Logger LOG = LoggerFactory.getLogger(CachedNamespace.class);
    /** How long closing waits for transfer threads to finish what they were writing into the cache. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final StorageProvider provider;
    private final CacheSettings settings;
    private final DataCache cache;
    private final MetadataCache meta;
    private final WritebackQueue queue;
    private final ChunkFetcher fetcher;
    private final ExecutorService downloads;
    /** Owned here: the queue leaves injected executors to their creator. */
    private final java.util.concurrent.ScheduledExecutorService uploadScheduler;
    private final ExecutorService uploadWorkers;
    /** Lists directories again when polling is on; its own thread, so a slow LIST delays no upload. */
    private final java.util.concurrent.ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "poll-listings");
        t.setDaemon(true);
        return t;
    });
    private final ConflictCopies conflicts;
    /** Directories made here whose store entry is still to be written (by the upload queue). */
    private final PendingDirectories newDirectories;
    /** Stores that keep modes get directories at once: the VFS sets a mkdir's mode right after it. */
    private final boolean defersDirectories;
    /** The local-only globs, compiled once: asked at every close. */
    private final java.util.function.Predicate<String> localOnly;
    private final Clock clock;
    /** This mount's hold on the cache folder, released last at close. */
    private final CacheFolderClaim claim;
    private volatile ChangeListener changes = ChangeListener.NONE;

    private CachedNamespace(StorageProvider provider, CacheSettings settings, DataCache cache,
                            PendingDirectories newDirectories, Clock clock, CacheFolderClaim claim) {
        this.provider = provider;
        this.claim = claim;
        this.newDirectories = newDirectories;
        this.defersDirectories = !provider.capabilities().has(io.cloudmount.provider.Capability.POSIX_MODE);
        this.settings = settings;
        this.cache = cache;
        this.clock = clock;
        this.meta = new MetadataCache(provider, settings.metadataTtl(), Ticker.systemTicker());
        this.downloads = Executors.newFixedThreadPool(settings.downloadThreads(), r -> {
            Thread t = new Thread(r, "download");
            t.setDaemon(true);
            return t;
        });
        this.fetcher = new ChunkFetcher(provider, downloads);
        this.conflicts = new ConflictCopies(clock);
        this.localOnly = settings.localOnlyMatcher();
        this.uploadScheduler = WritebackThreads.newScheduler();
        this.uploadWorkers = WritebackThreads.newWorkers(settings.writeback().maxConcurrent());
        this.queue = new WritebackQueue(this::upload, settings.writeback(), clock, uploadScheduler, uploadWorkers);
    }

    static CachedNamespace open(StorageProvider provider, CacheSettings settings, Clock clock) throws IOException {
        CacheFolderClaim claim = CacheFolderClaim.lock(settings.directory());
        DataCache cache = null;
        PendingDirectories newDirectories = null;
        try {
            cache = DataCache.open(settings.directory(), settings.maxBytes(), settings.minFreeBytes(), clock);
            newDirectories = PendingDirectories.open(settings.directory());
            adopt(claim, settings.directory(), provider.describe(), cache, newDirectories);
        } catch (IOException | RuntimeException e) {
            if (newDirectories != null) {
                newDirectories.close();
            }
            if (cache != null) {
                cache.close();
            }
            claim.close();
            throw e;
        }
        CachedNamespace names = new CachedNamespace(provider, settings, cache, newDirectories, clock, claim);
        names.resumeUploads();
        if (!settings.pollInterval().isZero()) {
            long every = settings.pollInterval().toMillis();
            names.poller.scheduleWithFixedDelay(names::pollListings, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        return names;
    }

    /**
     * Makes the cache folder this store's ({@link CacheFolderClaim}). Changes not yet uploaded to
     * another store keep the folder that store's: mounting this one would send them here. Cached
     * data of another store is only a copy, dropped.
     */
    private static void adopt(CacheFolderClaim claim, Path directory, String store, DataCache cache,
                              PendingDirectories newDirectories)
            throws IOException {
        Optional<String> recorded = claim.recordedStore();
        if (recorded.isPresent() && !CacheFolderClaim.sameStore(recorded.get(), store)) {
            int unsent = cache.dirtyItems().size() + newDirectories.paths().size();
            if (unsent > 0) {
                throw new IOException("the cache folder " + directory + " holds " + unsent
                        + " change(s) not yet uploaded to " + recorded.get() + "; mount that store with this cache"
                        + " folder to send them, or give " + store + " a cache folder of its own");
            }
            LOG.info("The cache folder {} held data of {}; dropping it for {}", directory, recorded.get(), store);
            for (CacheItem item : cache.itemsBelow(ObjectPaths.ROOT)) {
                cache.remove(item.key());
            }
        }
        if (!recorded.equals(Optional.of(store))) {
            claim.recordStore(store);
        }
    }

    /** Dirty items and directories left by the previous run (closed or killed) are the journal: upload them. */
    private void resumeUploads() {
        List<String> directories = newDirectories.paths();
        directories.forEach(path -> queue.enqueue(path, 0));
        if (!directories.isEmpty()) {
            LOG.info("Creating {} folder(s) in the store left pending by the previous run", directories.size());
        }
        List<CacheItem> dirty = cache.dirtyItems();
        for (CacheItem item : dirty) {
            if (!isLocalOnly(item.key())) {
                enqueueUpload(item.key(), item);
            }
        }
        if (!dirty.isEmpty()) {
            LOG.info("Resuming {} upload(s) left pending by the previous run", dirty.size());
        }
    }

    /** Lists recently listed directories again; tells the kernel (or Explorer) what changed. */
    private void pollListings() {
        for (String directory : meta.cachedDirectories()) {
            try {
                List<String> changed = meta.refresh(directory);
                if (!changed.isEmpty()) {
                    LOG.debug("{} changed in the store: {}", directory, changed);
                    changes.changed(directory);
                    changed.forEach(changes::changed);
                }
            } catch (ProviderException e) {
                LOG.debug("Polling {} failed: {}", directory, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("Polling {} failed", directory, e);
            }
        }
    }

    /** Tests: frees the cache folder as the end of a killed process does, and nothing else. */
    void releaseCacheFolderAsIfKilled() throws IOException {
        claim.close();
    }

    void setChangeListener(ChangeListener listener) {
        changes = listener == null ? ChangeListener.NONE : listener;
    }

    List<UploadStatus> pendingUploads() {
        return queue.pending();
    }

    boolean flushUploads(Duration timeout) throws InterruptedException {
        return queue.flush(timeout);
    }

    long cacheBytesUsed() {
        return cache.usedBytes();
    }

    // ---- names --------------------------------------------------------------------------------

    @Override
    public ObjectInfo stat(String path) throws IOException {
        Optional<CacheItem> local = cache.get(path).filter(CacheItem::isDirty);
        if (local.isPresent()) {
            return localInfo(local.get());
        }
        Instant made = newDirectories.madeAt(path);
        if (made != null) {
            return ObjectInfo.directory(ObjectPaths.name(path), made);
        }
        return meta.stat(path);
    }

    @Override
    public List<ObjectInfo> list(String directory) throws IOException {
        // Local files first: an upload writes its file into the metadata cache before it marks it clean, so
        // a file seen clean here is in the listing read next, and one seen dirty is listed from here.
        List<ObjectInfo> local = new ArrayList<>();
        for (CacheItem item : dirtyChildren(directory)) {
            local.add(localInfo(item));
        }
        Map<String, ObjectInfo> merged = new LinkedHashMap<>();
        for (ObjectInfo remote : storedEntries(directory)) {
            merged.put(remote.name(), remote);
        }
        for (ObjectInfo made : newDirectories.children(directory)) {
            merged.putIfAbsent(made.name(), made);
        }
        for (ObjectInfo info : local) {
            merged.put(info.name(), info);
        }
        return new ArrayList<>(merged.values());
    }

    /** The names {@link #list} would show, without what costs a request per entry (case matching needs only names). */
    @Override
    public List<String> names(String directory) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        try {
            names.addAll(meta.names(directory));
        } catch (ProviderException.NotFound e) {
            if (!newDirectories.contains(directory)) {
                throw e;
            }
        }
        newDirectories.children(directory).forEach(made -> names.add(made.name()));
        dirtyChildren(directory).forEach(item -> names.add(ObjectPaths.name(item.key())));
        return new ArrayList<>(names);
    }

    /** The files directly in {@code directory} with changes the store does not have yet. */
    private List<CacheItem> dirtyChildren(String directory) {
        List<CacheItem> dirty = new ArrayList<>();
        for (CacheItem item : cache.itemsBelow(directory)) {
            if (item.isDirty() && ObjectPaths.parent(item.key()).equals(directory)) {
                dirty.add(item);
            }
        }
        return dirty;
    }

    /** The store's listing; a directory made here and not yet in the store has none (yet). */
    private List<ObjectInfo> storedEntries(String directory) throws IOException {
        try {
            return meta.list(directory);
        } catch (ProviderException.NotFound e) {
            if (newDirectories.contains(directory)) {
                return List.of();
            }
            throw e;
        }
    }

    @Override
    public FileHandle open(String path, OpenFlags flags) throws IOException {
        Optional<CacheItem> existing = cache.get(path);
        if (existing.isPresent() && existing.get().isDirty()) {
            return handle(path, cache.acquire(path, existing.get().base(), existing.get().size()), flags);
        }
        ObjectInfo remote;
        if (existing.isPresent() && existing.get().presentBytes() > 0) {
            // Revalidate on open when we hold cached data: another client may have replaced the object.
            try {
                remote = meta.statFresh(path).orElseThrow(() -> new ProviderException.NotFound(path));
            } catch (ProviderException e) {
                if (!e.isRetryable()) {
                    throw e;
                }
                LOG.debug("{} cannot be revalidated ({}); serving the cached copy", path, e.getMessage());
                CacheItem cached = existing.get();
                return handle(path, cache.acquire(path, cached.base(), cached.size()), flags);
            }
        } else {
            remote = meta.stat(path);
        }
        if (remote.isDirectory()) {
            throw new FsException(FsError.EISDIR, "is a directory: " + path);
        }
        Fingerprint version = fingerprint(remote);
        CacheItem item = cache.acquire(path, version, remote.size());
        long seen = item.dirtyVersion(); // before the check: a write landing after it must not be reset away
        if (item.base() != null && !item.isDirty() && !item.base().sameVersion(version)
                && item.resetUnlessChanged(version, seen)) {
            LOG.info("{} changed in the store; dropped the cached copy", path);
            changes.changed(path);
        }
        return handle(path, item, flags);
    }

    @Override
    public FileHandle create(String path, OpenFlags flags) throws IOException {
        ObjectInfo existing = statOrNull(path);
        if (existing != null && flags.exclusive()) {
            throw new ProviderException.AlreadyExists(path);
        }
        if (existing != null && existing.isDirectory()) {
            throw new FsException(FsError.EISDIR, "is a directory: " + path);
        }
        if (existing == null) {
            provider.checkNewPath(path); // else the upload alone finds out, after close() said all was well
        }
        CacheItem item = cache.acquire(path, existing == null ? null : fingerprint(existing), 0);
        item.truncate(0);
        // truncate recorded the item as dirty already (the journal entry a crash needs), or, for a new file,
        // its first write or close will (CacheItem#isUnjournaled). The store did not change, so the metadata
        // cache stays valid: the dirty item answers for this path until its upload.
        return handle(path, item, new OpenFlags(flags.read(), true, flags.append(), false, false));
    }

    @Override
    public void mkdir(String path) throws IOException {
        if (newDirectories.contains(path) || cache.get(path).filter(CacheItem::isDirty).isPresent()
                || remoteOrNull(path) != null) {
            throw new ProviderException.AlreadyExists(path);
        }
        provider.checkNewPath(path);
        String parentPath = ObjectPaths.parent(path);
        boolean parentIsNew = newDirectories.contains(parentPath);
        ObjectInfo parent = parentIsNew ? null : remoteOrNull(parentPath);
        Instant now = clock.instant();
        if (defersDirectories && (parentIsNew || (parent != null && parent.isDirectory()))) {
            // Like a file's upload: journaled now, written to the store by the queue (and not at all if it
            // is removed before then). A tree of new folders costs no round trip per folder.
            newDirectories.add(path, now);
            queue.enqueue(path, 0);
        } else if (parent != null && parent.isDirectory()) {
            provider.mkdirKnownAbsent(path, now); // both lookups came from the cache: the store need not repeat them
        } else {
            provider.mkdir(path);
        }
        meta.putEmptyDirectory(path, ObjectInfo.directory(ObjectPaths.name(path), now));
    }

    @Override
    public void rmdir(String path) throws IOException {
        requireNothingUnsentBelow(path);
        if (newDirectories.contains(path) && removeUnsentDirectory(path)) {
            return;
        }
        try {
            provider.deleteDirectory(path);
        } finally {
            meta.invalidateTree(path);
        }
        meta.put(path, Optional.empty());
    }

    /**
     * Files not uploaded yet and folders made here are entries of their directory that the store does
     * not know of: a directory holding them is not empty, whatever the store says.
     */
    private void requireNothingUnsentBelow(String directory) throws ProviderException {
        if (!newDirectories.below(directory).isEmpty()) {
            throw new ProviderException.NotEmpty(directory);
        }
        for (CacheItem item : cache.itemsBelow(directory)) {
            if (item.isDirty()) {
                throw new ProviderException.NotEmpty(directory);
            }
        }
    }

    /**
     * rmdir of a directory made here: if its entry never reached the store, only the journal forgets it.
     * False if the entry got there meanwhile (the caller deletes it from the store).
     */
    private boolean removeUnsentDirectory(String path) throws IOException {
        if (!storedEntries(path).isEmpty()) {
            throw new ProviderException.NotEmpty(path); // files made inside it were uploaded already
        }
        cancelUpload(path);
        if (!newDirectories.contains(path)) {
            return false;
        }
        if (newDirectories.maySendHaveStarted(path)) {
            // A cancelled attempt may have written the entry before it stopped: remove it if it is there.
            try {
                provider.deleteDirectory(path);
            } catch (ProviderException.NotFound e) {
                LOG.trace("{} never reached the store", path);
            }
        }
        newDirectories.remove(path);
        meta.invalidateTree(path);
        meta.put(path, Optional.empty());
        return true;
    }

    /**
     * Renames a directory made here whose entry is not in the store yet, with nothing of it in the store
     * either, to a free name: only the journal, the cache and the queue change (Explorer's "New folder",
     * then typing its name, costs no request). False if that does not apply; nothing changed then.
     */
    private boolean renameUnsentDirectory(String from, String to) throws IOException {
        if (!newDirectories.contains(from) || newDirectories.contains(to) || remoteOrNull(to) != null
                || cache.get(to).isPresent()) {
            return false;
        }
        for (ObjectInfo entry : storedEntries(from)) {
            if (!newDirectories.contains(ObjectPaths.child(from, entry.name()))) {
                return false; // something below it is in the store (e.g. an uploaded file made its marker)
            }
        }
        List<String> moved = new ArrayList<>();
        moved.add(from);
        moved.addAll(newDirectories.below(from));
        // New names first, old ones last: a crash in between leaves an extra folder, never a lost one.
        // The files move in between (one record each): those a crash leaves behind keep their folder.
        for (String directory : moved) {
            newDirectories.add(ObjectPaths.rebase(directory, from, to), newDirectories.madeAt(directory));
        }
        cache.rename(from, to);
        queue.renamed(from, to);
        for (String directory : moved) {
            newDirectories.remove(directory);
        }
        meta.forgetTree(from); // the caller's meta.put(from, empty) takes it out of its parent's listing
        meta.putEmptyDirectory(to, ObjectInfo.directory(ObjectPaths.name(to), newDirectories.madeAt(to)));
        return true;
    }

    /**
     * Writes the store entries of the directories made here at or below {@code path} now (parents first):
     * a rename or a change of time must find them in the store.
     */
    private void createPendingDirectories(String path) throws IOException {
        List<String> made = new ArrayList<>();
        if (newDirectories.contains(path)) {
            made.add(path);
        }
        made.addAll(newDirectories.below(path));
        for (String directory : made) {
            createDirectoryInStore(directory);
        }
    }

    /**
     * The queue's "upload" of a directory made here: its entry, after those of pending parents. Nothing
     * for a directory that is not (or no longer) pending.
     */
    private void createDirectoryInStore(String path) throws IOException {
        List<String> chain = new ArrayList<>();
        for (String p = path; !ObjectPaths.isRoot(p) && newDirectories.contains(p); p = ObjectPaths.parent(p)) {
            chain.add(0, p);
        }
        for (String directory : chain) {
            Instant made = newDirectories.madeAt(directory);
            if (made == null) {
                continue; // another upload wrote it meanwhile (a sibling's chain shares parents)
            }
            newDirectories.sending(directory);
            try {
                // With the time the drive has shown since the mkdir, not the time of this (later) request:
                // the folder's time must not change when the store is asked again.
                provider.mkdirKnownAbsent(directory, made);
            } catch (ProviderException.AlreadyExists e) {
                LOG.trace("{} is in the store already", directory);
            }
            // The metadata cache may have listed the parent again meanwhile (without it): from now on it
            // answers for the directory, so it must know it is in the store.
            meta.put(directory, Optional.of(ObjectInfo.directory(ObjectPaths.name(directory), made)));
            newDirectories.remove(directory);
        }
    }

    @Override
    public void unlink(String path) throws IOException {
        drain(path);
        boolean done = false;
        try {
            cancelUpload(path);
            Optional<CacheItem> local = cache.get(path);
            boolean onlyLocal = local.map(i -> i.isDirty() && i.base() == null).orElse(false);
            boolean neverSent = onlyLocal && !local.get().uploadMayHaveStarted();
            ObjectInfo stored = onlyLocal && !neverSent ? null : remoteOrNull(path);
            cache.remove(path);
            if (stored != null && stored.isFile()) {
                provider.deleteKnownFile(path, meta.hasSiblings(path));
            } else if (neverSent && stored == null) {
                LOG.trace("{} was never uploaded: nothing to delete in the store", path);
            } else {
                try {
                    provider.deleteFile(path);
                } catch (ProviderException.NotFound e) {
                    if (!onlyLocal) {
                        throw e;
                    }
                }
            }
            done = true;
        } finally {
            queue.resume(path);
            if (done) {
                meta.put(path, Optional.empty());
            } else {
                meta.invalidate(path);
            }
        }
    }

    @Override
    public void rename(String from, String to, boolean replace) throws IOException {
        if (from.equals(to)) {
            return; // below, the target is replaced first: that would be the file itself
        }
        provider.checkNewPath(to);
        drain(from);
        drain(to);
        ObjectInfo movedInStore = null;
        boolean done = false;
        try {
            if (replace) {
                // rename(2) replaces only an empty directory, and the store checks only what it has: files
                // still waiting for their upload would be dropped with the directory they are in.
                requireNothingUnsentBelow(to);
            }
            if (renameUnsentDirectory(from, to)) {
                done = true;
                return;
            }
            createPendingDirectories(from);
            createPendingDirectories(to);
            if (replace) {
                // Its cached copy is replaced by cache.rename below, once the store has the new file: a
                // rename that fails, or is killed during the store's copy, must not have dropped the
                // replaced file's unsent changes (the next mount showed the store's older version).
                cancelUpload(to);
            }
            // A file only we have needs no store rename: its upload (under the new name) overwrites any
            // stored file there; a stored directory in the way was refused by the VFS already.
            ObjectInfo stored = remoteOrNull(from);
            if (stored != null) {
                createDirectoryInStore(ObjectPaths.parent(to)); // if new: the store moves only into a folder it has
                try {
                    if (stored.isFile() && replace && isKnownFileTarget(to)) {
                        boolean keepsEntries = ObjectPaths.parent(from).equals(ObjectPaths.parent(to)) || meta.hasSiblings(from);
                        provider.renameKnownFile(from, to, keepsEntries);
                    } else {
                        provider.rename(from, to, replace);
                    }
                    movedInStore = stored;
                } catch (ProviderException.NotFound e) {
                    if (!cache.get(from).map(CacheItem::isDirty).orElse(false)) {
                        throw e;
                    }
                    // gone from the store meanwhile; the local changes move on their own
                }
            }
            cache.rename(from, to);
            queue.renamed(from, to);
            for (CacheItem moved : movedItems(to)) {
                if (moved.isDirty() && !isLocalOnly(moved.key()) && !queue.isPending(moved.key())
                        && !moved.hasWriters()) { // a file still written is queued by its close
                    enqueueUpload(moved.key(), moved); // e.g. an editor's temp file saved under the real name
                }
            }
            done = true;
        } finally {
            if (!done && replace) {
                requeueUnsent(to); // its upload was cancelled for a rename that did not happen
            }
            queue.resume(to);
            queue.resume(from);
            if (done && (movedInStore == null || movedInStore.isFile())) {
                meta.put(from, Optional.empty());
                if (movedInStore != null) {
                    meta.put(to, Optional.of(movedInStore));
                }
            } else {
                meta.invalidateTree(from);
                meta.invalidateTree(to);
            }
        }
    }

    private void requeueUnsent(String path) {
        cache.get(path).filter(item -> item.isDirty() && !item.hasWriters() && !isLocalOnly(path))
                .ifPresent(item -> enqueueUpload(path, item));
    }

    @Override
    public void setModifiedTime(String path, Instant modified) throws IOException {
        Optional<CacheItem> local = cache.get(path).filter(CacheItem::isDirty);
        if (local.isPresent() && local.get().setModified(modified)) {
            CacheItem item = local.get();
            item.persist();
            // Stored with the upload. Queued again, as a close would: an upload running now sent the old
            // time, and leaves the item dirty. A file still open for writing is queued by its close.
            if (!isLocalOnly(path) && !item.hasWriters()) {
                enqueueUpload(path, item);
            }
            return;
        }
        if (newDirectories.contains(path)) {
            drain(path);
            try {
                createPendingDirectories(path);
            } finally {
                queue.resume(path);
            }
        }
        provider.setModifiedTime(path, modified);
        meta.invalidate(path);
    }

    // ---- data -----------------------------------------------------------------------------------

    void ensurePresent(CacheItem item, long start, long end, long aheadEnd) throws IOException {
        ensurePresent(item, start, end, 0, aheadEnd);
    }

    /**
     * {@link #ensurePresent(CacheItem, long, long, long)} for a sequential reader whose read-ahead
     * before {@code aheadFrom} was handled by earlier calls; returns how far the read-ahead is handled now.
     */
    long ensurePresent(CacheItem item, long start, long end, long aheadFrom, long aheadEnd) throws IOException {
        if (item.isPresent(start, end) && Math.max(end, aheadFrom) >= aheadEnd) {
            return aheadFrom;
        }
        Fingerprint base = item.base();
        if (base == null) { // the file was created here: nothing to fetch
            return aheadEnd;
        }
        return fetcher.ensure(item, item.key(), base, start, end, aheadFrom, aheadEnd);
    }

    /**
     * Reads from the store into {@code dst}, bypassing the cache: when the cache is full of unsent or
     * open data, clean data still has to be readable. A file with local changes cannot be read this
     * way (its bytes exist only here), so that fails with "no space".
     */
    int readThrough(CacheItem item, long offset, java.nio.ByteBuffer dst) throws IOException {
        if (item.isDirty() || item.base() == null) {
            throw new io.cloudmount.engine.cache.CacheFullException(dst.remaining(), "the cache has no room to read " + item.key());
        }
        // The version the file was opened with, as the cached bytes are: never another client's newer one.
        Fingerprint base = item.base();
        try (io.cloudmount.provider.ObjectHandle handle = provider.openVersion(item.key(), base.size(), base.etag())) {
            return handle.read(offset, dst);
        }
    }

    /**
     * A descriptor was closed (FUSE flush), but the file may still be open through another one: a
     * shell redirection or {@code dd} opens, duplicates and closes a descriptor before writing. Only
     * the record is written (the journal); the upload is queued at {@link #closed}, so a file being
     * written is not uploaded half-written.
     */
    void flushed(CacheItem item) throws IOException {
        if (item.isDirty()) {
            item.persist();
        }
    }

    /**
     * A handle of the file was closed: record the local state durably (the journal), then queue the
     * upload, unless another handle still has the file open for writing. That one's close queues it:
     * a viewer or virus scanner closing the file while a long copy still writes it must not start the
     * upload of a half-written file.
     *
     * <p>The file is queued under the item's key, not the name the handle was opened with: the kernel
     * sends a release asynchronously, and it can land in the middle of a rename of the file (after the
     * rename skipped queuing it because a writer was still counted, before the handle learned the new
     * name). A removed item (unlinked, or replaced by a rename, while open) is not queued at all: its
     * name may now belong to another file, perhaps still being written.
     */
    void closed(CacheItem item) throws IOException {
        if (!item.isDirty() || item.isRemoved()) {
            return;
        }
        String path = item.key();
        if (item.hasWriters()) {
            item.persist();
            return;
        }
        if (item.unchangedSinceQueued() && queue.isPending(path)) {
            // Only read (or opened for writing and not written) since its upload was queued: queuing it
            // again would push the upload back by another delay, and a viewer reopening the file would
            // keep it from ever starting.
            return;
        }
        try {
            item.persist();
        } catch (IOException e) {
            // The journal cannot be written (most often: the cache's disk is full). The bytes are in the
            // cache file all the same, and uploading them is what saves them: without the upload they
            // stayed in the cache, unsent, until a restart found only the older record.
            LOG.warn("Cannot record {} in the upload journal in {} ({}); uploading it anyway. Until it is"
                    + " uploaded a crash loses its latest changes: free space on that disk", path,
                    settings.directory(), e.getMessage());
            if (!isLocalOnly(path)) {
                enqueueUpload(path, item);
            }
            throw e;
        }
        if (!isLocalOnly(path)) {
            enqueueUpload(path, item);
        }
    }

    private void enqueueUpload(String path, CacheItem item) {
        long version = item.dirtyVersion(); // read first: a write landing meanwhile queues it again at its close
        queue.enqueue(path, item.size());
        item.queuedForUpload(version);
    }

    private void upload(String path, java.util.function.LongConsumer progress) throws IOException {
        if (newDirectories.contains(path)) {
            createDirectoryInStore(path);
            return;
        }
        Optional<CacheItem> found = cache.get(path);
        if (found.isEmpty() || !found.get().isDirty()) {
            return; // deleted, or already uploaded by an earlier attempt
        }
        createDirectoryInStore(ObjectPaths.parent(path)); // if new: the store may want the folder before a file in it
        CacheItem item = cache.acquire(path, found.get().base(), found.get().size());
        item.uploadStarting();
        try {
            // The version and the changed ranges are taken together, between writes: a write after this
            // point makes the item stay dirty at markUploaded, and it is uploaded again.
            CacheItem.UploadSnapshot snapshot = item.snapshotForUpload();
            long version = snapshot.version();
            List<long[]> changed = snapshot.changed();
            ObjectInfo remote = item.base() == null ? null : statOrNullFresh(path);
            boolean conflict = item.base() != null && remote != null && !item.base().sameVersion(fingerprint(remote));
            boolean partial = !conflict && remote != null && remote.etag() != null
                    && provider.capabilities().has(io.cloudmount.provider.Capability.PARTIAL_UPLOAD);
            // A partial upload reads only the parts around the changes; the store copies the rest. So an
            // edit of a file larger than the cache, never read whole, can still be sent.
            requirePresent(path, item, partial
                    ? provider.rangesReadByUploadChanged(item.size(), remote.size(), changed)
                    : List.of(new long[] {0, item.size()}));
            Instant modified = item.modified();
            if (conflict && OwnUploads.holdsItsBytes(provider, item, remote) && item.key().equals(path)) {
                // An earlier attempt sent these bytes and was not recorded (killed before, or its
                // confirmation failed): the store's version is ours, not another client's.
                LOG.info("{} is in the store already (an earlier upload not recorded as done)", path);
                meta.put(path, Optional.of(remote));
                item.markUploaded(fingerprint(remote), version);
                item.persist();
                return;
            }
            if (conflict) {
                String copy = conflicts.nameFor(path);
                provider.upload(copy, item.dataFile(), new io.cloudmount.provider.UploadOptions(modified, progress));
                LOG.warn("{} was changed in the store while it had unsent local changes: kept both; your version is {}",
                        path, copy);
                meta.invalidate(copy);
                changes.changed(copy);
                if (!item.resetUnlessChanged(fingerprint(remote), version)) {
                    // Written while the copy was read: it lacks those writes. The next attempt sends another
                    // copy with them; the file is only reset to the store's version once a copy has it all.
                    throw new ProviderException.Unavailable(path, "changed while its conflict copy was uploaded;"
                            + " sending another copy", null);
                }
                meta.invalidate(path);
                changes.changed(path);
                return;
            }
            io.cloudmount.provider.UploadOptions options = new io.cloudmount.provider.UploadOptions(modified, progress);
            ObjectInfo uploaded;
            if (partial) {
                // Only the changed parts travel; the store copies the rest from the version we started from.
                try {
                    uploaded = provider.uploadChanged(path, item.dataFileAtFullSize(), changed, remote.etag(), options);
                } catch (ProviderException.Conflict raced) {
                    throw new ProviderException.Unavailable(path, "changed in the store during the upload; retrying", raced);
                }
            } else {
                uploaded = uploadWhole(path, item, options);
            }
            if (!item.key().equals(path)) {
                // Renamed while this upload ran (the rename stopped waiting for it): the bytes went to the
                // old name. The item stays dirty and the queue uploads it again under its new name.
                removeLeftUnder(path);
                return;
            }
            // Against what was sent, not the file's size now: a write during the upload changed that, and
            // the object in the store is still ours (the item stays dirty and goes up again from this base).
            ObjectInfo stored = confirm(path, uploaded.size());
            meta.put(path, Optional.of(stored)); // before the item turns clean: its name must never drop out of listings
            item.markUploaded(fingerprint(uploaded), version);
            item.persist();
        } finally {
            closeEvenIfInterrupted(item);
        }
    }

    /**
     * A whole upload. If the store has no folder for the file any more, that folder is made again and
     * the upload sent once more: a kill -9 in the middle of a folder rename leaves some pending files
     * under the old name, which neither the store nor the journal of new folders has now (another
     * client removing the folder does the same). Failing, the upload would keep them pending, unlisted,
     * for ever; so their changes reach the store in the folder they were made in.
     */
    private ObjectInfo uploadWhole(String path, CacheItem item, io.cloudmount.provider.UploadOptions options)
            throws IOException {
        try {
            return provider.upload(path, item.dataFile(), options);
        } catch (ProviderException.NotFound e) {
            String missing = e.path();
            if (missing == null || ObjectPaths.isRoot(missing) || !path.startsWith(missing + "/")) {
                throw e;
            }
            makeFoldersInStore(ObjectPaths.parent(path));
            return provider.upload(path, item.dataFile(), options);
        }
    }

    /** Makes {@code directory} and whatever of its parents the store lacks, parents first. */
    private void makeFoldersInStore(String directory) throws IOException {
        List<String> missing = new ArrayList<>();
        for (String p = directory; !ObjectPaths.isRoot(p); p = ObjectPaths.parent(p)) {
            try {
                if (provider.stat(p).isDirectory()) {
                    break;
                }
                throw new ProviderException.NotADirectory(p);
            } catch (ProviderException.NotFound e) {
                missing.add(0, p);
            }
        }
        for (String folder : missing) {
            LOG.warn("{} is no longer in the store but holds files not yet uploaded: making it again", folder);
            try {
                provider.mkdir(folder);
            } catch (ProviderException.AlreadyExists e) {
                LOG.trace("{} is in the store already", folder);
            }
            meta.put(folder, Optional.of(ObjectInfo.directory(ObjectPaths.name(folder), clock.instant())));
        }
    }

    /**
     * Fetches what an upload reads from the cache file and checks it is all there: a cache full of dirty
     * or open files skips what it has no room for, and the file would arrive with holes or cut short.
     */
    private void requirePresent(String path, CacheItem item, List<long[]> ranges) throws IOException {
        for (long[] range : ranges) {
            ensurePresent(item, range[0], range[1], range[1]);
            if (!item.isPresent(range[0], range[1])) {
                throw new ProviderException.Unavailable(path, "the cache has no room for the parts of the file its"
                        + " upload sends; it waits until other files are uploaded or closed", null);
            }
        }
    }

    /**
     * {@code unmount --no-wait} interrupts running uploads. The item's record is still written on the
     * way out: with the interrupt flag set, the file channel would refuse the write.
     */
    private static void closeEvenIfInterrupted(CacheItem item) {
        boolean interrupted = Thread.interrupted();
        try {
            item.close();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Deletes what an upload left at a name the file no longer has, unless the drive has something new there. */
    private void removeLeftUnder(String oldName) throws IOException {
        if (cache.get(oldName).isPresent() || newDirectories.contains(oldName) || queue.isPending(oldName)) {
            return;
        }
        try {
            provider.deleteFile(oldName);
        } catch (ProviderException.NotFound alreadyGone) {
            // nothing to remove
        }
        meta.put(oldName, Optional.empty());
    }

    /**
     * Trusts an upload only once the store shows the object with the size we sent: a server that
     * answers "done" and loses the object (seen with an S3-compatible server out of memory while
     * assembling a multipart upload) must leave the file pending here, not clean and gone.
     */
    private ObjectInfo confirm(String path, long size) throws IOException {
        ObjectInfo stored;
        try {
            stored = provider.stat(path);
        } catch (ProviderException.NotFound e) {
            throw new ProviderException.Unavailable(path, "the store reported the upload done but does not have it", e);
        }
        if (stored.size() != size) {
            throw new ProviderException.Unavailable(path, "the store has " + stored.size() + " bytes after an upload of "
                    + size, null);
        }
        return stored;
    }

    @Override
    public void close() {
        queue.close();
        List<ExecutorService> workers = List.of(uploadScheduler, poller, uploadWorkers, downloads);
        workers.forEach(ExecutorService::shutdownNow);
        // An interrupted upload or download still writes its item's record on the way out: the cache
        // closes after them, not under them.
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        try {
            for (ExecutorService pool : workers) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !pool.awaitTermination(left, java.util.concurrent.TimeUnit.NANOSECONDS)) {
                    LOG.warn("Transfer threads did not stop within {} s; closing the cache anyway", CLOSE_WAIT.toSeconds());
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        newDirectories.close();
        cache.close();
        try {
            claim.close();
        } catch (IOException e) {
            LOG.warn("Cannot release the cache folder {}: {}", settings.directory(), e.toString());
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void drain(String path) throws IOException {
        try {
            queue.pauseAndDrain(path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for uploads below " + path);
        }
    }

    private void cancelUpload(String path) throws IOException {
        try {
            queue.cancel(path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while cancelling the upload of " + path);
        }
    }

    private FileHandle handle(String path, CacheItem item, OpenFlags flags) {
        return new CachedFileHandle(this, path, item, flags);
    }

    private static ObjectInfo localInfo(CacheItem item) {
        return ObjectInfo.file(ObjectPaths.name(item.key()), item.size(), item.modified(), null);
    }

    private List<CacheItem> movedItems(String to) {
        List<CacheItem> items = new ArrayList<>(cache.itemsBelow(to));
        cache.get(to).ifPresent(items::add);
        return items;
    }

    /** The cache shows {@code path}'s parent as a directory and no directory at {@code path}. */
    private boolean isKnownFileTarget(String path) throws IOException {
        ObjectInfo parent = remoteOrNull(ObjectPaths.parent(path));
        ObjectInfo there = remoteOrNull(path);
        return parent != null && parent.isDirectory() && (there == null || there.isFile());
    }

    /**
     * What the store has at {@code path}. For a path without local changes the metadata cache knows:
     * this drive's uploads, deletes and renames write their results into it. A file with local changes
     * is asked for afresh: an upload the store took but that failed afterwards (its confirmation) may
     * have left an object the cache has not seen, and a rename or delete must not leave it behind; a
     * file created here whose upload never started cannot have left one ({@link #mayHaveUnseenUpload}).
     */
    private ObjectInfo remoteOrNull(String path) throws IOException {
        if (cache.get(path).map(CachedNamespace::mayHaveUnseenUpload).orElse(false)) {
            return statOrNullFresh(path);
        }
        try {
            return meta.stat(path);
        } catch (ProviderException.NotFound e) {
            return null;
        }
    }

    /**
     * Whether the store may hold an object of this dirty item that the metadata cache has not seen: not
     * for a file created here whose upload never started (the rename or delete of a file saved moments
     * ago then costs no request).
     */
    private static boolean mayHaveUnseenUpload(CacheItem item) {
        return item.isDirty() && (item.base() != null || item.uploadMayHaveStarted());
    }

    private ObjectInfo statOrNull(String path) throws IOException {
        try {
            return stat(path);
        } catch (ProviderException.NotFound e) {
            return null;
        }
    }

    private ObjectInfo statOrNullFresh(String path) throws IOException {
        return meta.statFresh(path).orElse(null);
    }

    private boolean isLocalOnly(String path) {
        return localOnly.test(ObjectPaths.name(path));
    }

    private static Fingerprint fingerprint(ObjectInfo info) {
        return new Fingerprint(info.etag(), info.size(), info.modified());
    }
}
