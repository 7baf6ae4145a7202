package io.cloudmount.engine.vfs;

import io.cloudmount.engine.cache.CacheItem;
import io.cloudmount.engine.cache.Fingerprint;
import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.StorageProvider;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a cache item from the store in aligned chunks, fetching each chunk once even when several
 * readers (or read-ahead) want it at the same time.
 *
 * <p>Design: the file is cut into {@link #CHUNK}-sized chunks, the unit of waiting. A read needs the
 * chunks overlapping it: those already present are skipped, those being fetched are waited for, the
 * rest are claimed. Claimed chunks that follow each other become one <em>span</em>, fetched with one
 * streamed request ({@link ObjectHandle#stream}) and written into the sparse cache file a chunk at a
 * time, so a reader waiting for the first chunk of a span is woken as soon as that chunk landed, and
 * no more than one chunk per span is ever in the heap.
 *
 * <p>Span size follows the reader: {@link #spanChunks} is half of what the call asks for, read plus
 * read-ahead, between one chunk and {@link #MAX_SPAN}. A first or random read therefore fetches only
 * its own chunk (opening a 10 GB file to read its first KB transfers one chunk), a sequential reader
 * keeps two requests running while its window grows, and four 32 MiB ones once its window reached
 * {@link ReadAhead#MAX}: few requests (each costs a round trip and server work), yet parallel
 * (one stream rarely fills a link to S3). Read-ahead that would make a span shorter than that size
 * is left for a later call, whose window reaches further: otherwise every read would start one tiny
 * request at the end of its window.
 *
 * <p>A span that breaks off (a reset connection) keeps the chunks it delivered and is continued from
 * the first missing one; it fails only after {@link #FETCH_ATTEMPTS} attempts in a row without a
 * single new chunk.
 */
final class ChunkFetcher {
    static final int CHUNK = 1 << 20;
    /** Largest single request. */
    static final long MAX_SPAN = 32L << 20;
    /** Requests a call's wanted range is split into (until spans reach {@link #MAX_SPAN}). */
    private static final int STREAMS = 2;
    private static final long WAIT_SECONDS = 300;
    private static final int FETCH_ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(ChunkFetcher.class);

    private final StorageProvider provider;
    private final Executor executor;
    /** Chunks being fetched; a span removes each of its chunks once it is in the cache (or failed). */
    private final Map<ChunkKey, CompletableFuture<Void>> inflight = new ConcurrentHashMap<>();

    /** Identity of the item, not its path: a file deleted and created again is another item. */
    private record ChunkKey(CacheItem item, long chunk) {
    }

    ChunkFetcher(StorageProvider provider, Executor executor) {
        this.provider = provider;
        this.executor = executor;
    }

    /**
     * Makes [start, end) present in the item (waiting), and starts fetching [end, aheadEnd) without
     * waiting. Nothing at or beyond the remote size is fetched: it cannot exist in the store.
     *
     * <p>{@code aheadFrom} (0: none) is for a sequential reader whose read-ahead before it was already
     * handled by earlier calls: those chunks are present or being fetched, so only the new end of the
     * window is looked at. (If one of them failed, the reader finds it missing when it gets there: the
     * needed range is always checked, and a needed chunk this call has to fetch itself makes it look at
     * the whole window again.)
     *
     * @param remote the version in the store the item's data comes from
     * @return the end of the read-ahead handled now: a later call of the same reader passes it as
     *         {@code aheadFrom}
     */
    long ensure(CacheItem item, String remotePath, Fingerprint remote, long start, long end, long aheadFrom,
                long aheadEnd) throws IOException {
        long size = remote.size();
        long fetchEnd = Math.min(end, size);
        long aheadLimit = Math.max(fetchEnd, Math.min(aheadEnd, size));
        if (start >= aheadLimit) {
            return Math.max(aheadFrom, aheadEnd);
        }
        long neededEnd = (fetchEnd + CHUNK - 1) / CHUNK;
        long aheadChunkEnd = (aheadLimit + CHUNK - 1) / CHUNK;
        long handledEnd = Math.min(aheadFrom / CHUNK, aheadChunkEnd); // [neededEnd, handledEnd) were handled before
        long span = spanChunks(aheadLimit - start);
        if (aheadChunkEnd - Math.max(neededEnd, handledEnd) < span && aheadLimit < size && item.isPresent(start, fetchEnd)) {
            return aheadFrom; // nothing needed, and too little new read-ahead for a request: a later call takes it
        }
        List<CompletableFuture<Void>> needed = new ArrayList<>();
        List<CompletableFuture<Void>> claimed = new ArrayList<>();
        long runStart = -1;
        for (long chunk = start / CHUNK; chunk < aheadChunkEnd; chunk++) {
            if (chunk == neededEnd && handledEnd > chunk && claimed.isEmpty()) {
                chunk = handledEnd - 1; // the loop's chunk++ goes on at handledEnd
                continue;
            }
            var key = new ChunkKey(item, chunk);
            CompletableFuture<Void> other = inflight.get(key);
            CompletableFuture<Void> mine = null;
            if (other == null && !item.isPresent(chunk * CHUNK, Math.min((chunk + 1) * CHUNK, size))) {
                mine = new CompletableFuture<>();
                other = inflight.putIfAbsent(key, mine);
                if (other != null) {
                    mine = null;
                }
            }
            if (mine == null) { // present, or another call fetches it
                if (runStart >= 0) {
                    startSpan(item, remotePath, remote, runStart, chunk, claimed);
                    runStart = -1;
                }
                if (chunk < neededEnd && other != null) {
                    needed.add(other);
                }
                continue;
            }
            claimed.add(mine);
            if (chunk < neededEnd) {
                needed.add(mine);
            }
            if (runStart < 0) {
                runStart = chunk;
            }
            if (chunk + 1 - runStart == span) {
                startSpan(item, remotePath, remote, runStart, chunk + 1, claimed);
                runStart = -1;
            }
        }
        long handled = aheadChunkEnd * CHUNK;
        if (runStart >= 0) {
            boolean wanted = runStart < neededEnd;
            boolean reachesEnd = aheadLimit == size;
            if (wanted || reachesEnd) {
                startSpan(item, remotePath, remote, runStart, aheadChunkEnd, claimed);
            } else {
                release(item, runStart, aheadChunkEnd, claimed); // too short: a later call takes it further
                handled = runStart * CHUNK;
            }
        }
        for (CompletableFuture<Void> f : needed) {
            await(f);
        }
        return Math.max(aheadFrom, handled);
    }

    /** Chunks per request for a call that wants {@code bytes} (read plus read-ahead). */
    static long spanChunks(long bytes) {
        long chunks = bytes / STREAMS / CHUNK;
        return Math.max(1, Math.min(MAX_SPAN / CHUNK, chunks));
    }

    /** Gives back claimed chunks {@code [from, to)} without fetching them (they are the last claimed). */
    private void release(CacheItem item, long from, long to, List<CompletableFuture<Void>> claimed) {
        for (long chunk = to - 1; chunk >= from; chunk--) {
            CompletableFuture<Void> mine = claimed.remove(claimed.size() - 1);
            inflight.remove(new ChunkKey(item, chunk), mine);
            mine.complete(null); // nobody waits for it: only this call knew it
        }
    }

    /** Starts one request for chunks {@code [from, to)}, the last ones claimed. */
    private void startSpan(CacheItem item, String remotePath, Fingerprint remote, long from, long to,
                           List<CompletableFuture<Void>> claimed) {
        List<CompletableFuture<Void>> chunks = new ArrayList<>(claimed.subList(claimed.size() - (int) (to - from), claimed.size()));
        var span = new Span(item, remotePath, remote, from, chunks);
        try {
            executor.execute(span::run);
        } catch (RuntimeException e) { // a closed executor: the drive is unmounting
            span.fail(0, new IOException("downloads are shut down", e));
        }
    }

    /** One request's worth of consecutive chunks, all claimed by it. */
    private final class Span {
        private final CacheItem item;
        private final String remotePath;
        private final Fingerprint remote;
        private final long firstChunk;
        private final List<CompletableFuture<Void>> chunks;
        /** Chunks handed over so far (present, or dropped by a full cache). */
        private int done;

        Span(CacheItem item, String remotePath, Fingerprint remote, long firstChunk,
             List<CompletableFuture<Void>> chunks) {
            this.item = item;
            this.remotePath = remotePath;
            this.remote = remote;
            this.firstChunk = firstChunk;
            this.chunks = chunks;
        }

        void run() {
            // A download that started before the item was reset to a newer version must not land in it.
            long generation = item.generation();
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            int failures = 0;
            while (done < chunks.size()) {
                long from = (firstChunk + done) * CHUNK;
                long to = Math.min((firstChunk + chunks.size()) * CHUNK, remote.size());
                int before = done;
                try (ObjectHandle handle = provider.openVersion(remotePath, remote.size(), remote.etag())) {
                    handle.stream(from, to - from, buffer, (position, piece) -> landed(position, piece, generation));
                } catch (ProviderException e) {
                    failures = done > before ? 1 : failures + 1;
                    if (!e.isRetryable() || failures >= FETCH_ATTEMPTS) {
                        fail(done, e);
                        return;
                    }
                    LOG.warn("Download of {} [{}-{}) failed ({}); retrying", remotePath, from, to, e.getMessage());
                } catch (IOException | RuntimeException e) {
                    fail(done, e);
                    return;
                }
            }
        }

        /** A whole chunk arrived: into the cache, and its waiters go on. */
        private void landed(long position, ByteBuffer piece, long generation) throws IOException {
            item.fill(position, piece, generation); // false: the cache is full; the reader reads through
            complete(done++, null);
        }

        void fail(int from, Throwable failure) {
            for (int i = from; i < chunks.size(); i++) {
                complete(i, failure);
            }
        }

        private void complete(int index, Throwable failure) {
            CompletableFuture<Void> future = chunks.get(index);
            inflight.remove(new ChunkKey(item, firstChunk + index), future);
            if (failure == null) {
                future.complete(null);
            } else {
                future.completeExceptionally(failure);
            }
        }
    }

    private static void await(CompletableFuture<Void> f) throws IOException {
        try {
            f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while downloading");
        } catch (TimeoutException e) {
            throw new IOException("download did not finish within " + WAIT_SECONDS + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("download failed: " + cause, cause);
        }
    }
}
