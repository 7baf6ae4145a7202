package io.cloudmount.engine.writeback;

import io.cloudmount.provider.ObjectPaths;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * The delayed, bounded, retrying upload queue of write-back caching. See {@code package-info.java} for
 * the state machine and the lock design. This class owns the threads, the time and the waiting;
 * {@link QueueState} owns the bookkeeping, always under {@link #lock}.
 */
public final class WritebackQueue implements AutoCloseable {

    /** Receives queue events, in order, never concurrently, never while the queue's lock is held. */
    public interface Listener {
        /** The state or the progress of an upload changed (progress at most every 250 ms per upload). */
        default void changed(UploadStatus status) {
        }

        /** The path uploaded successfully and left the queue. */
        default void finished(String path) {
        }

        /** The path's upload failed for good and stays in the queue as {@link UploadStatus.State#FAILED}. */
        default void failed(String path, Exception error) {
        }

        /** The path left the queue without uploading: cancelled, or renamed (its new name follows). */
        default void removed(String path) {
        }
    }

    // Read only.
    private final UploadAction action;
    private final WritebackSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers;
    private final Map<String, String> mdc;
    private final Listeners listeners = new Listeners();

    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock.
    /** Signalled on every change that a blocked cancel, drain or awaitIdle may be waiting for. */
    private final Condition changed = lock.newCondition();
    private final QueueState state;
    private final StartTimer timer;
    private boolean closed;

    /**
     * @param scheduler runs the start timer and the timeouts of blocking calls; with the clock, the
     *                  only source of time
     * @param workers   runs uploads; must run tasks asynchronously, with at least
     *                  {@code settings.maxConcurrent()} threads (see {@link WritebackThreads})
     */
    public WritebackQueue(UploadAction action, WritebackSettings settings, Clock clock,
                          ScheduledExecutorService scheduler, ExecutorService workers) {
        this.action = Objects.requireNonNull(action, "action");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.mdc = MDC.getCopyOfContextMap();
        this.state = new QueueState(settings, listeners, () -> ThreadLocalRandom.current().nextDouble());
        this.timer = new StartTimer(scheduler);
    }

    /**
     * Schedules an upload of {@code path} {@link WritebackSettings#delay() delay} from now. A waiting
     * upload is pushed back (repeated saves coalesce); one in backoff keeps the later of the two times;
     * a running one runs again after its attempt; a failed one starts over with no attempts.
     *
     * @param sizeHint the local size, for progress; negative if unknown
     * @throws IllegalStateException after {@link #close()}
     */
    public void enqueue(String path, long sizeHint) {
        requireFile(path);
        change(now -> {
            if (closed) {
                throw new IllegalStateException("write-back queue is closed; not queueing " + path);
            }
            state.enqueue(path, sizeHint, now);
        });
    }

    /**
     * Forgets uploads of {@code path} and of anything below it (deleted before upload). A running
     * attempt is interrupted and its outcome ignored; this returns once every attempt running at or
     * below {@code path} has ended, or after {@link WritebackSettings#drainTimeout() drainTimeout}, so
     * the caller can delete the remote object without an upload landing after it.
     */
    public void cancel(String path) throws InterruptedException {
        requirePath(path);
        List<Attempt> ending = changeAndGet(now -> state.cancel(path));
        waitFor(() -> ending.stream().allMatch(attempt -> attempt.done), "cancel", path);
    }

    /**
     * Stops starting uploads at or below {@code pathOrDirectory} and waits until those running there
     * have ended (at most {@link WritebackSettings#drainTimeout() drainTimeout}). Use it before a
     * rename or delete; the pause holds until the matching {@link #resume}. Pauses nest. If
     * interrupted, the pause is released before the exception propagates.
     */
    public void pauseAndDrain(String pathOrDirectory) throws InterruptedException {
        requirePath(pathOrDirectory);
        locked(() -> {
            state.pause(pathOrDirectory);
            return null;
        });
        try {
            waitFor(() -> !state.isRunningAtOrBelow(pathOrDirectory), "pause", pathOrDirectory);
        } catch (InterruptedException e) {
            resume(pathOrDirectory);
            throw e;
        }
    }

    /**
     * Releases one pause taken by {@link #pauseAndDrain} on exactly this path.
     *
     * @throws IllegalStateException if no such pause is held
     */
    public void resume(String pathOrDirectory) {
        change(now -> {
            if (!state.resume(pathOrDirectory)) {
                throw new IllegalStateException("no pause held on " + pathOrDirectory);
            }
        });
    }

    /** True while a pause covers {@code path}, so its upload may not start. */
    public boolean isPaused(String path) {
        return locked(() -> state.isPaused(path));
    }

    /**
     * Moves queued uploads at or below {@code from} to the same place below {@code to}, keeping their
     * timing and attempts; an upload queued at a target is replaced. Nothing queued runs under the old
     * name afterwards. An attempt already running under the old name (the caller did not
     * {@link #pauseAndDrain drain}) cannot be recalled: it finishes there and the path uploads again
     * under the new name.
     */
    public void renamed(String from, String to) {
        requireFile(from);
        requireFile(to);
        if (from.equals(to)) {
            return;
        }
        if (ObjectPaths.isSameOrBelow(to, from) || ObjectPaths.isSameOrBelow(from, to)) {
            throw new IllegalArgumentException("cannot rename " + from + " to " + to);
        }
        change(now -> state.renamed(from, to, now));
    }

    /** Waiting, uploading, retrying and failed uploads, sorted by path. */
    public List<UploadStatus> pending() {
        return locked(state::pending);
    }

    /** True if {@code path} has local content not known to be uploaded, including a FAILED upload. */
    public boolean isPending(String path) {
        return locked(() -> state.contains(path));
    }

    /**
     * Waits until nothing is waiting, running or retrying. {@link UploadStatus.State#FAILED FAILED}
     * uploads count as idle (they wait for the user, not for time): check {@link #pending()} afterwards.
     * This does not skip delays; unmount calls {@link #flush} (or {@link #uploadAllNow()} first).
     *
     * @return true if idle; false if the timeout passed or the queue was closed first
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            return awaitLocked(state::idle, timeout, true);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Unmount: {@link #uploadAllNow()}, then {@link #awaitIdle} up to {@code timeout}. Uploads queued
     * while it waits skip their delay as well: the kernel may deliver a file's last release a moment
     * after the flush began, and that file must not wait a whole delay (or keep the flush from ending).
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        change(state::startFlush);
        try {
            return awaitIdle(timeout);
        } finally {
            change(now -> state.endFlush());
        }
    }

    /**
     * Skips the remaining delay and backoff of every queued upload (failed ones stay failed), still
     * within {@link WritebackSettings#maxConcurrent() maxConcurrent} and pauses. Later enqueues and
     * retries are delayed as usual.
     */
    public void uploadAllNow() {
        change(state::uploadAllNow);
    }

    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /**
     * Stops starting uploads and wakes {@link #awaitIdle} callers; does not wait for or interrupt
     * running attempts, and leaves the executors to their owner. Queued uploads are dropped: the
     * cache's journal has them. Idempotent.
     */
    @Override
    public void close() {
        int left = locked(() -> {
            if (closed) {
                return 0;
            }
            closed = true;
            timer.cancel();
            changed.signalAll();
            return state.size();
        });
        if (left > 0) {
            UploadLog.closedWithPending(left);
        }
    }

    // ---- changes: lock, mutate, start what became due, then deliver events unlocked ----

    private <T> T locked(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    private void change(Consumer<Instant> mutation) {
        changeAndGet(now -> {
            mutation.accept(now);
            return null;
        });
    }

    private <T> T changeAndGet(Function<Instant, T> mutation) {
        T result;
        List<Attempt> starts;
        lock.lock();
        try {
            Instant now = clock.instant();
            result = mutation.apply(now);
            changed.signalAll();
            starts = dispatchLocked(now);
        } finally {
            lock.unlock();
        }
        afterUnlock(starts);
        return result;
    }

    private List<Attempt> dispatchLocked(Instant now) {
        if (closed) {
            return List.of();
        }
        QueueState.Dispatch dispatch = state.dispatch(now);
        timer.arm(dispatch.next(), now, generation -> withMdc(() -> onTimer(generation)));
        return dispatch.starts();
    }

    private void onTimer(long generation) {
        change(now -> timer.fired(generation));
    }

    /** Hands started attempts to the workers and delivers events; the caller must not hold the lock. */
    private void afterUnlock(List<Attempt> starts) {
        for (Attempt attempt : starts) {
            try {
                workers.execute(withMdc(() -> runAttempt(attempt)));
            } catch (RejectedExecutionException e) {
                endAttempt(attempt, new IOException("upload workers rejected the upload", e));
            }
        }
        listeners.deliver();
    }

    // ---- attempts, on worker threads ----

    private void runAttempt(Attempt attempt) {
        if (!changeAndGet(now -> state.enter(attempt, Thread.currentThread()))) {
            return; // cancelled before it began
        }
        Throwable error = null;
        try {
            action.upload(attempt.path, sent -> onProgress(attempt, sent));
        } catch (Throwable t) {
            error = t;
        }
        endAttempt(attempt, error);
        if (error instanceof Error fatal) {
            throw fatal;
        }
    }

    private void endAttempt(Attempt attempt, Throwable error) {
        change(now -> {
            if (attempt.thread == Thread.currentThread() && attempt.interrupted) {
                Thread.interrupted(); // set by cancel(); must not leak into the pool's next task
            }
            if (error != null && closed) {
                state.stopped(attempt, error);
            } else {
                state.complete(attempt, error, now);
            }
        });
    }

    private void onProgress(Attempt attempt, long sent) {
        attempt.bytesSent(sent);
        if (!listeners.active() || clock.instant().isBefore(attempt.nextProgressEvent)) {
            return; // the common case takes no lock
        }
        locked(() -> {
            state.progressed(attempt, clock.instant());
            return null;
        });
        listeners.deliver();
    }

    // ---- waiting ----

    private void waitFor(BooleanSupplier done, String operation, String path) throws InterruptedException {
        lock.lock();
        try {
            if (!awaitLocked(done, settings.drainTimeout(), false)) {
                UploadLog.drainTimedOut(path, settings.drainTimeout(), operation);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits on {@link #changed} until {@code done}. The timeout is a task on the injected scheduler, so
     * it follows the same time as everything else (tests advance it); only a scheduler that refuses
     * the task makes this fall back to the JVM's clock.
     */
    private boolean awaitLocked(BooleanSupplier done, Duration timeout, boolean stopOnClose)
            throws InterruptedException {
        if (done.getAsBoolean()) {
            return true;
        }
        if (timeout.isZero() || timeout.isNegative()) {
            return false;
        }
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> alarm;
        try {
            alarm = scheduler.schedule(() -> locked(() -> {
                expired.set(true);
                changed.signalAll();
                return null;
            }), timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            alarm = null;
        }
        long fallbackNanos = timeout.toNanos();
        try {
            while (!done.getAsBoolean()) {
                if (expired.get() || (stopOnClose && closed)) {
                    return false;
                }
                if (alarm != null) {
                    changed.await();
                } else if ((fallbackNanos = changed.awaitNanos(fallbackNanos)) <= 0) {
                    return done.getAsBoolean();
                }
            }
            return true;
        } finally {
            if (alarm != null) {
                alarm.cancel(false);
            }
        }
    }

    // ---- helpers ----

    /** Runs {@code task} with the MDC (the drive id) of the thread that made this queue. */
    private Runnable withMdc(Runnable task) {
        if (mdc == null) {
            return task;
        }
        return () -> {
            Map<String, String> previous = MDC.getCopyOfContextMap();
            MDC.setContextMap(mdc);
            try {
                task.run();
            } finally {
                if (previous == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(previous);
                }
            }
        };
    }

    private static void requirePath(String path) {
        if (!ObjectPaths.isValid(path)) {
            throw new IllegalArgumentException("not a normalized absolute path: " + path);
        }
    }

    private static void requireFile(String path) {
        requirePath(path);
        if (ObjectPaths.isRoot(path)) {
            throw new IllegalArgumentException("the root cannot be uploaded or renamed");
        }
    }
}
