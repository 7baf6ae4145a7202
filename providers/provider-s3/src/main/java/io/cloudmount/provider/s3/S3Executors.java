package io.cloudmount.provider.s3;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The provider's two bounded thread pools.
 *
 * <p>{@code transfers} runs the parts of multipart uploads and copies; {@code lookups} runs small
 * requests fanned out by one call (HEADs for a listing, per-key copies of a directory move). A
 * lookup task may wait for transfer tasks (a big file inside a moved directory), never the other
 * way round, so the two pools cannot deadlock each other. Threads are daemons and die when idle.
 */
final class S3Executors implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3Executors.class);
    private static final long IDLE_SECONDS = 30;

    private final ThreadPoolExecutor transfers;
    private final ThreadPoolExecutor lookups;

    S3Executors(String bucket, int maxConcurrency) {
        this.transfers = pool("s3-" + bucket + "-transfer-", maxConcurrency);
        this.lookups = pool("s3-" + bucket + "-lookup-", 2 * maxConcurrency);
    }

    ExecutorService transfers() {
        return transfers;
    }

    ExecutorService lookups() {
        return lookups;
    }

    private static ThreadPoolExecutor pool(String namePrefix, int threads) {
        var counter = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, namePrefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        var pool = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Stops taking work; work in flight is interrupted after a grace period (its callers get an error). */
    @Override
    public void close() {
        lookups.shutdown();
        transfers.shutdown();
        try {
            if (!lookups.awaitTermination(5, TimeUnit.SECONDS) | !transfers.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("S3 transfers still running at close; interrupting them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lookups.shutdownNow();
            transfers.shutdownNow();
        }
    }
}
