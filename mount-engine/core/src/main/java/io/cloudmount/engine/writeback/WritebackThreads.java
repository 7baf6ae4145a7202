package io.cloudmount.engine.writeback;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Executors for a {@link WritebackQueue}, with threads named {@code writeback-<n>}. The queue takes its
 * executors injected (tests drive time through their own scheduler), so the naming lives here. The
 * threads are daemons: unmount flushes the queue explicitly, and a pending upload must not keep a
 * quitting JVM alive (the cache's journal resumes it on the next start).
 */
public final class WritebackThreads {
    private static final AtomicInteger NEXT = new AtomicInteger(1);

    private WritebackThreads() {
    }

    public static ThreadFactory factory() {
        return runnable -> {
            Thread thread = new Thread(runnable, "writeback-" + NEXT.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Upload workers; give it at least {@link WritebackSettings#maxConcurrent()} threads. */
    public static ExecutorService newWorkers(int threads) {
        return Executors.newFixedThreadPool(threads, factory());
    }

    /** The timer that starts uploads when their delay or backoff has passed. */
    public static ScheduledExecutorService newScheduler() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, factory());
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }
}
