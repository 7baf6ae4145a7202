package io.cloudmount.engine.vfs;

import io.cloudmount.engine.cache.CacheItem;
import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.OpenMode;
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
 * Fills a cache item from the store in aligned chunks, in parallel, fetching each chunk once even
 * when several readers (or read-ahead) want it at the same time.
 *
 * <p>Design: the file is cut into {@link #CHUNK}-sized chunks. A read needs the chunks overlapping
 * it: those already present are skipped, those being fetched are waited for, the rest are started.
 * Read-ahead starts further chunks without waiting for them. Each chunk is one ranged request,
 * streamed into a buffer and written into the sparse cache file, so opening a 10 GB file to read its
 * first KB transfers one chunk, not the file.
 */
final class ChunkFetcher {
    static final int CHUNK = 1 << 20;
    private static final long WAIT_SECONDS = 300;
    private static final int FETCH_ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(ChunkFetcher.class);

    private final StorageProvider provider;
    private final Executor executor;
    /** In-flight chunk downloads, keyed by item key + chunk index. */
    private final Map<String, CompletableFuture<Void>> inflight = new ConcurrentHashMap<>();

    ChunkFetcher(StorageProvider provider, Executor executor) {
        this.provider = provider;
        this.executor = executor;
    }

    /**
     * Makes [start, end) present in the item (waiting), and starts fetching [end, aheadEnd) without
     * waiting. Nothing at or beyond {@code remoteSize} is fetched: it cannot exist in the store.
     */
    void ensure(CacheItem item, String remotePath, long remoteSize, long start, long end, long aheadEnd) throws IOException {
        List<CompletableFuture<Void>> needed = new ArrayList<>();
        long fetchEnd = Math.min(end, remoteSize);
        for (long chunk = start / CHUNK; chunk * CHUNK < fetchEnd; chunk++) {
            CompletableFuture<Void> f = startChunk(item, remotePath, remoteSize, chunk);
            if (f != null) {
                needed.add(f);
            }
        }
        long aheadLimit = Math.min(aheadEnd, remoteSize);
        for (long chunk = (fetchEnd + CHUNK - 1) / CHUNK; chunk * CHUNK < aheadLimit; chunk++) {
            startChunk(item, remotePath, remoteSize, chunk);
        }
        for (CompletableFuture<Void> f : needed) {
            await(f);
        }
    }

    private CompletableFuture<Void> startChunk(CacheItem item, String remotePath, long remoteSize, long chunk) {
        long from = chunk * CHUNK;
        long to = Math.min(from + CHUNK, remoteSize);
        if (from >= to || item.isPresent(from, to)) {
            return null;
        }
        String key = item.key() + "#" + chunk;
        CompletableFuture<Void> created = new CompletableFuture<>();
        CompletableFuture<Void> existing = inflight.putIfAbsent(key, created);
        if (existing != null) {
            return existing;
        }
        executor.execute(() -> {
            try {
                fetchWithRetries(item, remotePath, from, to);
                created.complete(null);
            } catch (Throwable t) {
                created.completeExceptionally(t);
            } finally {
                inflight.remove(key, created);
            }
        });
        return created;
    }

    /**
     * The SDK retries failed requests, but not a connection that breaks in the middle of a body; a
     * chunk is small, so fetch it again a few times before the reader sees an error.
     */
    private void fetchWithRetries(CacheItem item, String remotePath, long from, long to) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                fetch(item, remotePath, from, to);
                return;
            } catch (ProviderException e) {
                if (!e.isRetryable() || attempt >= FETCH_ATTEMPTS) {
                    throw e;
                }
                LOG.warn("Download of {} [{}-{}) failed ({}); retrying", remotePath, from, to, e.getMessage());
            }
        }
    }

    /** Downloads [from, to) of the remote object; only the missing parts of the chunk. */
    private void fetch(CacheItem item, String remotePath, long from, long to) throws IOException {
        // A download that started before the item was reset to a newer version must not land in it.
        long generation = item.generation();
        List<long[]> gaps = item.missing(from, to);
        if (gaps.isEmpty()) {
            return;
        }
        try (ObjectHandle handle = provider.open(remotePath, OpenMode.READ)) {
            for (long[] gap : gaps) {
                ByteBuffer buffer = ByteBuffer.allocate((int) (gap[1] - gap[0]));
                int n = handle.read(gap[0], buffer);
                buffer.flip();
                if (n > 0) {
                    item.fill(gap[0], buffer, generation); // false: the cache is full; the reader reads through
                }
                if (n < gap[1] - gap[0]) {
                    throw new IOException("the store returned " + n + " of " + (gap[1] - gap[0])
                            + " bytes at " + gap[0] + " of " + remotePath + ": it changed while being read");
                }
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
