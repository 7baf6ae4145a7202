package io.cloudmount.engine.writeback;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one timer of a queue, armed for the earliest waiting upload (like rclone's writeback timer, one
 * timer rather than one per file). Guarded by the queue's lock. A task that fires after it was
 * replaced is harmless: dispatching is idempotent; the generation only keeps it from clearing its
 * successor.
 */
final class StartTimer {
    private static final Logger LOG = LoggerFactory.getLogger(WritebackQueue.class);
    /** Never sooner than this, so a scheduler whose clock runs a little ahead cannot spin. */
    private static final long MIN_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> future;
    private Instant at;
    private long generation;

    StartTimer(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Makes the timer fire at {@code next}, or never if it is null.
     *
     * @param task makes the task to run, given the generation to pass to {@link #fired}
     */
    void arm(Instant next, Instant now, LongFunction<Runnable> task) {
        if (next == null) {
            cancel();
            return;
        }
        if (future != null && next.equals(at)) {
            return;
        }
        cancel();
        long armed = ++generation;
        long delayNanos = Math.max(Duration.between(now, next).toNanos(), MIN_DELAY_NANOS);
        try {
            future = scheduler.schedule(task.apply(armed), delayNanos, TimeUnit.NANOSECONDS);
            at = next;
        } catch (RejectedExecutionException e) {
            LOG.warn("Write-back scheduler rejected the start timer; waiting uploads start on the next queue event");
        }
    }

    /** The task of {@code firedGeneration} runs: forget it unless it was replaced meanwhile. */
    void fired(long firedGeneration) {
        if (firedGeneration == generation) {
            future = null;
            at = null;
        }
    }

    void cancel() {
        if (future != null) {
            future.cancel(false);
            future = null;
            at = null;
        }
    }
}
