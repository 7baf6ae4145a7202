/**
 * The on-disk data cache of a drive: sparse copies of remote files, filled by ranged downloads and by
 * local writes, that survive restarts and double as the write-back journal.
 *
 * <h2>Pieces</h2>
 * {@link io.cloudmount.engine.cache.DataCache} owns a directory and a map from drive path (the
 * <em>key</em>) to {@link io.cloudmount.engine.cache.CacheItem}. An item is one cached file: a sparse
 * data file, the {@link io.cloudmount.engine.cache.RangeSet} of byte ranges present in it, the logical
 * size, the {@link io.cloudmount.engine.cache.Fingerprint} of the remote version the bytes came from,
 * a dirty flag (local changes not yet uploaded) with the byte ranges changed since the item was last
 * clean ({@link io.cloudmount.engine.cache.CacheItem#dirtyRanges()}, so that an upload can send only
 * those and copy the rest from the base version on the server) and the local modification time
 * ({@link io.cloudmount.engine.cache.CacheItem#modified()}: set by writes, size changes, resets and
 * utimens, never by downloads; the file system reports it instead of the data file's own time).
 *
 * <h2>On disk</h2>
 * <pre>
 * &lt;dir&gt;/data/&lt;name&gt;        the bytes, at their file offsets; absent ranges are holes
 * &lt;dir&gt;/meta/&lt;name&gt;.meta   key, size, fingerprint, dirty, present ranges, last access,
 *                            modification time, dirty ranges; CRC-sealed
 * </pre>
 * {@code <name>} is the SHA-256 (hex) of the key the item was created under ({@code -1}, {@code -2}…
 * appended while taken). A rename keeps the files and rewrites the record with the new key: the
 * record's key is authoritative, the name only an identifier. Records are replaced atomically
 * (temporary file, then rename), except an item's first record, which has nothing to replace and is
 * written in place (torn by a crash, it is discarded like a missing one). On a full disk, where the
 * temporary file gets no block, a record is rewritten in place too, rather than left stale.
 *
 * <h2>Space</h2>
 * {@code usedBytes} is the sum of present bytes, maintained as ranges change (no scans). Room is
 * reserved before bytes are added: a write, a growing truncate or a fill evicts clean, unpinned items
 * in least-recently-used order (by an access counter; persisted access times order items after a
 * restart) until the new bytes fit under the limit and the disk keeps its minimum free space. Dirty
 * and pinned (open) items are never evicted. If that is not enough, a write or truncate fails with
 * {@link io.cloudmount.engine.cache.CacheFullException} (ENOSPC), while a fill is skipped and returns
 * {@code false}: the downloader's caller serves the read from the downloaded buffer, uncached.
 * A zero range added by a growing truncate counts as present: the whole file has to fit until it is
 * uploaded.
 *
 * <h2>Locks</h2>
 * Taken in this order, never the reverse:
 * <ol>
 * <li>the {@code DataCache} lock (item map, eviction order);
 * <li>an item's {@code io} read/write lock (shared: data I/O; exclusive: truncate, resize, reset,
 *     closing or deleting the files). Eviction only {@code tryLock}s it, so it never waits on I/O;
 * <li>an item's {@code modify} lock (writes, fills and record writes, one at a time per item);
 * <li>an item's state monitor ({@code ItemState}), held briefly and never across I/O.
 * </ol>
 * Items reserve space ({@code DataCache} lock) only while holding none of their own locks; usage
 * counters, access ticks and file-name bookkeeping are lock-free, so an item never needs the cache
 * lock while holding its own. Reads of one item run in parallel with each other and with a write or
 * fill; writes and fills of one item run one at a time (a fill must not overwrite bytes a concurrent
 * write just stored).
 *
 * <h2>Crash semantics</h2>
 * Metadata is written on {@code close}, {@code flush} ({@link io.cloudmount.engine.cache.CacheItem#persist}),
 * {@code fsync} ({@link io.cloudmount.engine.cache.CacheItem#sync}), truncate, reset, upload and rename
 * &mdash; not on every write. The rules that make a crash (kill -9) safe:
 * <ul>
 * <li>The first change of a clean item (write or truncate) records the item as dirty <em>before</em>
 *     any byte is written. So an item with local changes is always found dirty after a crash, and its
 *     upload is resumed ({@link io.cloudmount.engine.cache.DataCache#dirtyItems()} is the journal).
 *     A new file (created here, no base) is the exception while it has no record at all: a record
 *     could only describe it wrongly if written ahead, and without one its data file is deleted at
 *     start-up, so its create and {@code O_TRUNC} write none, and its first write records right after
 *     its bytes. A crash before its first write, flush or close loses the new file, which was never
 *     closed; one after its first write finds it dirty, with those bytes.
 * <li>On reload only ranges listed by the last record <em>and</em> inside the data file's length are
 *     trusted; the data file is cut to the recorded size. Bytes written after the last record are
 *     therefore kept where they overwrote ranges already recorded, and dropped (absent again, to be
 *     refetched from the base version) where they filled new ranges; a size grown by such writes falls
 *     back to the recorded size. This matches POSIX: data written but neither closed nor fsynced may be
 *     lost, in part.
 * <li>The modification time is recovered as last recorded, like the other fields. A crash loses the
 *     time set by writes after the last record (the item comes back with an older time, at least that
 *     of the write that made it dirty: the first change records its time with the dirty flag) and by a
 *     {@code setModified} not yet followed by a record. Truncate, reset and upload record at once.
 *     A record of an older version, without the {@code modified} line, loads with the base's time if
 *     the item is clean, else with the record file's own time (when it was last written).
 * <li>The dirty ranges never miss a byte that differs from the base after a reload. A write outside
 *     the dirty ranges the last record lists is recorded first, like a first change, by a record that
 *     lists no dirty ranges; the next regular record lists them exactly again
 *     ({@link io.cloudmount.engine.cache.DirtyRanges}: one extra record per flush cycle, not per write).
 *     An item without a base (a file the store never had) skips that extra record: it is uploaded
 *     whole, so its ranges may as well be "all", which is what its next record says.
 *     A dirty item reloaded from a record without the {@code dirty.ranges} line (that one, or a record
 *     of an older version) counts as changed all over, {@code [0, size)}: its next upload sends
 *     everything.
 * <li>Everything written before a {@code close} or {@code fsync} that returned is recovered.
 * <li>A removed item's record is deleted at once, so it is never resurrected; its data file (kept
 *     while open) has no record after a crash and is deleted on start-up, like any unclaimed file.
 * <li>A corrupt or partial record (bad header, missing field, CRC mismatch) is discarded with a WARN,
 *     as is a record whose data file is gone; left-over temporary files are deleted.
 * <li>A directory rename rewrites one record per item; a crash in the middle leaves some items under
 *     the old path (each record is itself consistent).
 * </ul>
 * Power loss is weaker: without {@code fsync} the operating system may lose data it had not written
 * back yet, even under a record that lists it; {@code sync()} forces data, then record, then directory.
 *
 * <p>One process at a time uses a cache directory (the app runs one engine per drive).
 */
package io.cloudmount.engine.cache;
