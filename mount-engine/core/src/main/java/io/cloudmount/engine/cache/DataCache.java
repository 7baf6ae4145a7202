package io.cloudmount.engine.cache;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.NavigableMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk data cache of one drive: a {@link CacheItem} per cached file, keyed by drive path, under
 * one directory that survives restarts (see the package documentation for layout, locking and crash
 * semantics).
 *
 * <p>Size: {@link #usedBytes()} is the sum of the present bytes of all items, kept up to date as
 * ranges change. Before bytes are added ({@link CacheItem#write}, {@link CacheItem#fill},
 * {@link CacheItem#truncate}) room is {@link #reserve reserved}: clean, unpinned items are evicted in
 * least-recently-used order until the new bytes fit under {@code maxBytes} and the disk keeps
 * {@code minFreeBytes} free. Dirty data is never evicted. When nothing more can go, a write fails with
 * {@link CacheFullException} and a fill is skipped. Concurrent reservations are not summed, so the
 * limit may be passed by the bytes in flight at one moment (a few blocks).
 */
public final class DataCache implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(DataCache.class);

    private final CacheFiles files;
    private final long maxBytes;
    private final long minFreeBytes;
    private final Clock clock;
    private final LongSupplier usableSpace;
    /** {@link #JOURNAL_ROOM} on a real disk; 0 where a test gives the usable space. */
    private final long journalRoom;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong ticks = new AtomicLong();
    /** When the last "cache full" warning was logged: one a minute tells the user without flooding the log. */
    private final AtomicLong lastFullWarning = new AtomicLong(Long.MIN_VALUE / 2);
    private static final long FULL_WARNING_INTERVAL_MS = 60_000;
    /**
     * Free disk space the cache's data never takes, whatever {@code minFreeBytes} says (0 included): the
     * item records (the upload journal) and the other journals in the cache folder need blocks of their
     * own, and a disk filled by others must still make the cache evict its clean data. Without it a disk
     * filled to the last block failed every record write and every write through the drive, even once
     * everything was uploaded.
     */
    static final long JOURNAL_ROOM = 4L << 20;

    private final Object lock = new Object();
    // Guarded by lock.
    /**
     * Sorted by key, so the items at and below a path are one range ({@link #below}): a rename, a listing
     * and an rmdir cost the items they concern, not a scan of the whole cache per call.
     */
    private final NavigableMap<String, CacheItem> items = new TreeMap<>();
    /** Snapshot of evictable items, least recently used first; entries touched since are stale. */
    private final ArrayDeque<Candidate> evictionOrder = new ArrayDeque<>();
    private boolean closed;

    private record Candidate(CacheItem item, long tick) {
    }

    private DataCache(CacheFiles files, long maxBytes, long minFreeBytes, Clock clock, LongSupplier usableSpace,
            long journalRoom) {
        this.files = files;
        this.journalRoom = journalRoom;
        this.maxBytes = maxBytes;
        this.minFreeBytes = minFreeBytes;
        this.clock = clock;
        this.usableSpace = usableSpace;
    }

    /**
     * Opens (creating if needed) the cache in {@code directory} and reloads the items a previous run
     * persisted; the free space is that of the directory's file store.
     */
    public static DataCache open(Path directory, long maxBytes, long minFreeBytes, Clock clock) throws IOException {
        Files.createDirectories(directory);
        FileStore store = Files.getFileStore(directory);
        return open(directory, maxBytes, minFreeBytes, clock, () -> usableSpace(store), JOURNAL_ROOM);
    }

    /**
     * As {@link #open(Path, long, long, Clock)}, with the disk's usable space in bytes from
     * {@code usableSpace} (tests simulate a nearly full disk; no {@link #JOURNAL_ROOM} is kept there).
     */
    public static DataCache open(Path directory, long maxBytes, long minFreeBytes, Clock clock,
            LongSupplier usableSpace) throws IOException {
        return open(directory, maxBytes, minFreeBytes, clock, usableSpace, 0);
    }

    private static DataCache open(Path directory, long maxBytes, long minFreeBytes, Clock clock,
            LongSupplier usableSpace, long journalRoom) throws IOException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("cache maxBytes must be positive, was " + maxBytes);
        }
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("cache minFreeBytes must not be negative, was " + minFreeBytes);
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(usableSpace, "usableSpace");
        DataCache cache = new DataCache(new CacheFiles(directory), maxBytes, minFreeBytes, clock, usableSpace,
                journalRoom);
        cache.load();
        cache.evictIfNeeded();
        long free = usableSpace.getAsLong();
        if (free < cache.keptFree()) {
            LOG.warn("The disk of the cache folder {} has {} MiB free, less than the {} MiB the drive keeps free"
                    + " (--min-free-space): writes will fail with 'No space left on device' until space is freed"
                    + " or the option lowered", directory, free >> 20, cache.keptFree() >> 20);
        }
        return cache;
    }

    // ---- items ---------------------------------------------------------------------------------

    /**
     * The item of {@code key}, created empty and clean with {@code base} and {@code size} if there is
     * none (an existing item is returned as it is: the caller compares its {@link CacheItem#base()}).
     * A new item's {@link CacheItem#modified() modification time} is {@code base}'s, or the clock's now
     * without a base (a file created locally). The item is not pinned; see {@link #acquire}.
     */
    public CacheItem getOrCreate(String key, Fingerprint base, long size) throws IOException {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the data cache in " + files.root() + " is closed");
            }
            CacheItem item = items.get(key);
            if (item != null) {
                item.touch();
                return item;
            }
            CacheFiles.Created created = files.create(key);
            Instant modified = base != null ? base.modified() : clock.instant();
            item = new CacheItem(this, created, files.dataFile(created.name()), new ItemState(used::addAndGet, key, size, base,
                    false, new RangeSet(), DirtyRanges.none(), clock.millis(), nextTick(), modified));
            items.put(key, item);
            return item;
        }
    }

    /** {@link #getOrCreate} and {@link CacheItem#open()} in one step, so eviction cannot slip between. */
    public CacheItem acquire(String key, Fingerprint base, long size) throws IOException {
        synchronized (lock) {
            CacheItem item = getOrCreate(key, base, size);
            item.open();
            return item;
        }
    }

    public Optional<CacheItem> get(String key) {
        synchronized (lock) {
            return Optional.ofNullable(items.get(key));
        }
    }

    /**
     * Moves {@code from} and every key below {@code from + "/"} (a directory rename) to {@code to}.
     * Items already cached at the targets are replaced (removed). Each moved item's record is rewritten.
     */
    public void rename(String from, String to) {
        if (from.equals(to)) {
            return;
        }
        synchronized (lock) {
            List<CacheItem> moving = subtree(from);
            for (CacheItem replaced : subtree(to)) {
                if (!moving.contains(replaced)) {
                    items.remove(replaced.key());
                    replaced.detach();
                }
            }
            for (CacheItem item : moving) {
                items.remove(item.key());
            }
            for (CacheItem item : moving) {
                String newKey = to + item.key().substring(from.length());
                item.rekey(newKey);
                items.put(newKey, item);
            }
            if (!moving.isEmpty()) {
                LOG.debug("Renamed {} cached file(s) from {} to {}", moving.size(), from, to);
            }
        }
    }

    /**
     * Removes the item of {@code key}. Its record goes at once; its data file when its last handle
     * closes, so open handles keep reading (an unlinked file stays readable).
     */
    public void remove(String key) {
        synchronized (lock) {
            CacheItem item = items.remove(key);
            if (item != null) {
                item.detach();
            }
        }
    }

    /** The write-back journal: every item with changes not yet uploaded, including those from earlier runs. */
    public List<CacheItem> dirtyItems() {
        synchronized (lock) {
            List<CacheItem> dirty = new ArrayList<>();
            for (CacheItem item : items.values()) {
                if (item.isDirty()) {
                    dirty.add(item);
                }
            }
            return dirty;
        }
    }

    /** Items whose key is strictly below {@code directory}. */
    public List<CacheItem> itemsBelow(String directory) {
        synchronized (lock) {
            return new ArrayList<>(below(directory).values());
        }
    }

    public int itemCount() {
        synchronized (lock) {
            return items.size();
        }
    }

    // ---- space ---------------------------------------------------------------------------------

    /** Bytes present in all items. */
    public long usedBytes() {
        return used.get();
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Bytes present in dirty items (for status displays). */
    public long dirtyBytes() {
        synchronized (lock) {
            return items.values().stream().filter(CacheItem::isDirty).mapToLong(CacheItem::presentBytes).sum();
        }
    }

    /**
     * Makes room for {@code bytes} more: evicts clean, unpinned items, least recently used first, until
     * they fit under the limit and the disk keeps its minimum free space.
     *
     * @throws CacheFullException if that is impossible; the message says how much is dirty and pinned
     */
    public void reserve(long bytes) throws CacheFullException {
        reserve(bytes, null);
    }

    /** Evicts until the cache is within its limits again, as far as clean data allows. */
    public void evictIfNeeded() {
        if (!makeRoom(0, null)) {
            LOG.debug("Data cache over its limits with nothing left to evict: {}", describe(0));
        }
    }

    void reserve(long bytes, CacheItem requester) throws CacheFullException {
        if (!makeRoom(bytes, requester)) {
            String why = describe(bytes);
            long now = clock.millis();
            long last = lastFullWarning.get();
            if (now - last >= FULL_WARNING_INTERVAL_MS && lastFullWarning.compareAndSet(last, now)) {
                LOG.warn("The cache in {} is full ({}): writes fail with 'No space left on device' until uploads"
                        + " finish or space is freed", files.root(), why);
            }
            throw new CacheFullException(bytes, why);
        }
    }

    boolean tryReserve(long bytes, CacheItem requester) {
        return makeRoom(bytes, requester);
    }

    private boolean makeRoom(long bytes, CacheItem requester) {
        if (fits(bytes)) {
            return true;
        }
        synchronized (lock) {
            boolean rebuilt = false;
            while (!fits(bytes)) {
                Candidate next = evictionOrder.pollFirst();
                if (next == null) {
                    if (rebuilt) {
                        return false;
                    }
                    rebuildEvictionOrder();
                    rebuilt = true;
                    continue;
                }
                CacheItem item = next.item();
                if (item == requester || item.accessTick() != next.tick()) {
                    continue; // used since the snapshot: no longer the least recent
                }
                String key = item.key();
                long freed = item.tryEvict();
                if (freed >= 0) {
                    items.remove(key, item);
                    LOG.debug("Evicted {} from the data cache ({} bytes)", key, freed);
                }
            }
            return true;
        }
    }

    private boolean fits(long bytes) {
        if (used.get() + bytes > maxBytes) {
            return false;
        }
        long keep = keptFree();
        return keep == 0 || usableSpace.getAsLong() - bytes >= keep;
    }

    /** Free disk space the cache's data leaves: the user's minimum, and always room for the journal. */
    private long keptFree() {
        return Math.max(minFreeBytes, journalRoom);
    }

    private void rebuildEvictionOrder() {
        evictionOrder.clear();
        List<Candidate> candidates = new ArrayList<>();
        for (CacheItem item : items.values()) {
            if (item.isEvictable()) {
                candidates.add(new Candidate(item, item.accessTick()));
            }
        }
        candidates.sort(Comparator.comparingLong(Candidate::tick));
        evictionOrder.addAll(candidates);
    }

    private String describe(long bytes) {
        long dirty = 0;
        long pinned = 0;
        synchronized (lock) {
            for (CacheItem item : items.values()) {
                if (item.isDirty()) {
                    dirty += item.presentBytes();
                } else if (item.openCount() > 0) {
                    pinned += item.presentBytes();
                }
            }
        }
        String disk = keptFree() == 0 ? ""
                : "; " + usableSpace.getAsLong() + " bytes free on disk, keeping " + keptFree() + " free";
        return "limit " + maxBytes + " bytes, " + used.get() + " in use, of which " + dirty
                + " not yet uploaded and " + pinned + " held by open files" + disk;
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    /** Records every item's state and closes the data files. The cache cannot be used afterwards. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            items.values().forEach(CacheItem::shutdown);
            LOG.debug("Closed the data cache in {}", files.root());
        }
    }

    private void load() throws IOException {
        List<CacheFiles.Found> found = new ArrayList<>(files.scan());
        found.sort(Comparator.comparingLong(f -> f.record().accessed()));
        Map<String, CacheFiles.Found> byKey = new HashMap<>();
        for (CacheFiles.Found candidate : found) { // oldest access first
            CacheFiles.Found other = byKey.putIfAbsent(candidate.record().key(), candidate);
            if (other != null) {
                // Two records for one key (only after a crash in the middle of a rename): keep the
                // dirty one, else the more recently used one.
                boolean keepOther = other.record().dirty() && !candidate.record().dirty();
                CacheFiles.Found dropped = keepOther ? candidate : other;
                LOG.warn("Two cache records for {}; dropping the {}{} one", dropped.record().key(),
                        keepOther ? "clean" : "older", dropped.record().dirty() ? " dirty" : "");
                files.delete(dropped.name());
                byKey.put(candidate.record().key(), keepOther ? other : candidate);
            }
        }
        List<CacheFiles.Found> kept = new ArrayList<>(byKey.values());
        kept.sort(Comparator.comparingLong(f -> f.record().accessed()));
        int dirty = 0;
        for (CacheFiles.Found f : kept) {
            ItemRecord record = f.record();
            RangeSet ranges = RangeSet.decode(record.ranges());
            // Trust only what the record lists and the data file really holds; bytes past the size
            // (writes after the last record) are cut, so the file never holds bytes beyond the size.
            ranges.truncate(Math.min(f.dataLength(), record.size()));
            if (f.dataLength() > record.size()) {
                cut(files.dataFile(f.name()), record.size());
            }
            used.addAndGet(ranges.coveredBytes());
            ItemState state = new ItemState(used::addAndGet, record.key(), record.size(), record.base(),
                    record.dirty(), ranges, DirtyRanges.loaded(record.dirty(), record.dirtyRanges(), record.size()),
                    record.accessed(), nextTick(), modified(f));
            items.put(record.key(), new CacheItem(this, f.name(), files.dataFile(f.name()), state));
            dirty += record.dirty() ? 1 : 0;
        }
        if (!items.isEmpty()) {
            LOG.info("Data cache {}: {} file(s), {} bytes, {} with changes to upload", files.root(), items.size(),
                    used.get(), dirty);
        }
    }

    /**
     * The recorded modification time; for a record of an older version, which has none, an estimate:
     * the base's time if the item is clean (its bytes are that version's), else the time the record
     * was last written (at or after the last change it recorded), failing that the base's time or now.
     */
    private Instant modified(CacheFiles.Found found) {
        ItemRecord record = found.record();
        if (record.modified() != null) {
            return record.modified();
        }
        Fingerprint base = record.base();
        if ((base == null || record.dirty()) && found.recordTime() != null) {
            return found.recordTime();
        }
        return base != null ? base.modified() : clock.instant();
    }

    private static void cut(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    // ---- for items -----------------------------------------------------------------------------

    CacheFiles files() {
        return files;
    }

    Clock clock() {
        return clock;
    }

    long nextTick() {
        return ticks.incrementAndGet();
    }

    private List<CacheItem> subtree(String key) {
        List<CacheItem> found = new ArrayList<>();
        CacheItem at = items.get(key);
        if (at != null) {
            found.add(at);
        }
        found.addAll(below(key).values());
        return found;
    }

    /**
     * The items strictly below {@code directory}: the keys that start with its child prefix, which in
     * {@link String#compareTo} order are those from that prefix up to (excluding) the prefix with its
     * last character, the separator, incremented.
     */
    private SortedMap<String, CacheItem> below(String directory) {
        String prefix = childPrefix(directory);
        String after = prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1);
        return items.subMap(prefix, after);
    }

    private static String childPrefix(String directory) {
        return directory.endsWith("/") ? directory : directory + "/";
    }

    /** Unknown free space (the query failed) does not block writes: the limit still applies. */
    private static long usableSpace(FileStore store) {
        try {
            return store.getUsableSpace();
        } catch (IOException e) {
            LOG.debug("Cannot read the free space of {}: {}", store, e.toString());
            return Long.MAX_VALUE;
        }
    }
}
