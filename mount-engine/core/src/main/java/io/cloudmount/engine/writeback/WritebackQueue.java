package io.cloudmount.engine.writeback;

import io.cloudmount.engine.writeback.UploadStatus.State;
import io.cloudmount.provider.ObjectPaths;
import io.cloudmount.provider.ProviderException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The delayed, bounded, retrying upload queue of write-back caching. See {@code package-info.java}
 * for the state machine and the lock design; methods ending in {@code Locked} expect the caller to
 * hold {@link #lock}.
 *
 * <p>This file is the one place that mutates queue state, which is why it is longer than our usual
 * files; per-path state ({@link Entry}, {@link Attempt}), event delivery ({@link Listeners}), backoff
 * and log lines live beside it.
 */
public final class WritebackQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WritebackQueue.class);
    private static final Duration PROGRESS_EVENT_INTERVAL = Duration.ofMillis(250);
    /** A timer never fires sooner than this, so a scheduler that runs a little early cannot spin. */
    private static final long MIN_TIMER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Receives queue events, in order, never concurrently, never while the queue's lock is held. */
    public interface Listener {
        /** The state or the progress of an upload changed (progress at most every 250 ms per upload). */
        default void changed(UploadStatus status) {
        }

        /** The path uploaded successfully and left the queue. */
        default void finished(String path) {
        }

        /** The path's upload failed for good and stays in the queue as {@link State#FAILED}. */
        default void failed(String path, Exception error) {
        }

        /** The path left the queue without uploading: cancelled, or renamed (its new name follows). */
        default void removed(String path) {
        }
    }

    // Read only.
    private final UploadAction action;
    private final WritebackSettings settings;
    private final Backoff backoff;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers;
    private final Map<String, String> mdc;
    private final Listeners listeners = new Listeners();

    // Guarded by lock.
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled on every change that a blocked cancel, drain or awaitIdle may be waiting for. */
    private final Condition changed = lock.newCondition();
    private final TreeMap<String, Entry> entries = new TreeMap<>();
    private final TreeSet<Entry> scheduled = new TreeSet<>(Entry.BY_START);
    /** Running attempts by the path the action was given, including detached ones still running. */
    private final Map<String, Attempt> running = new HashMap<>();
    private final PauseSet pauses = new PauseSet();
    private long nextSeq;
    private ScheduledFuture<?> timer;
    private Instant timerAt;
    private long timerGeneration;
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
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        this.mdc = MDC.getCopyOfContextMap();
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
        List<Attempt> starts;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("write-back queue is closed; not queueing " + path);
            }
            Instant notBefore = clock.instant().plus(settings.delay());
            Entry entry = entries.get(path);
            if (entry == null) {
                entry = new Entry(nextSeq++, path, sizeHint);
                entries.put(path, entry);
                scheduleLocked(entry, State.WAITING, notBefore);
            } else {
                requeueLocked(entry, notBefore, sizeHint);
            }
            starts = dispatchLocked();
        } finally {
            lock.unlock();
        }
        afterUnlock(starts);
    }

    /**
     * Forgets uploads of {@code path} and of anything below it (the file was deleted). A running
     * attempt is interrupted and its outcome ignored; this waits until it has ended, at most
     * {@link WritebackSettings#drainTimeout() drainTimeout}, so the caller can delete the remote
     * object without the upload landing after it.
     */
    public void cancel(String path) throws InterruptedException {
        requirePath(path);
        List<Attempt> ending = new ArrayList<>();
        List<Attempt> starts;
        lock.lock();
        try {
            for (Entry entry : atOrBelowLocked(path)) {
                Attempt attempt = removeLocked(entry);
                if (attempt != null) {
                    attempt.interrupted = true;
                    if (attempt.thread != null) {
                        attempt.thread.interrupt();
                    }
                }
            }
            for (Attempt attempt : running.values()) {
                if (ObjectPaths.isSameOrBelow(attempt.path, path)) {
                    ending.add(attempt);
                }
            }
            starts = dispatchLocked();
        } finally {
            lock.unlock();
        }
        afterUnlock(starts);
        waitFor(() -> ending.stream().allMatch(attempt -> attempt.done), "cancel", path);
    }

    /**
     * Stops starting uploads at or below {@code pathOrDirectory} and waits until those running there
     * have ended (at most {@link WritebackSettings#drainTimeout() drainTimeout}). Use it before
     * renaming or deleting; the pause holds until the matching {@link #resume}. Pauses nest. If
     * interrupted, the pause is released before the exception propagates.
     */
    public void pauseAndDrain(String pathOrDirectory) throws InterruptedException {
        requirePath(pathOrDirectory);
        lock.lock();
        try {
            pauses.add(pathOrDirectory);
        } finally {
            lock.unlock();
        }
        try {
            waitFor(() -> running.keySet().stream().noneMatch(p -> ObjectPaths.isSameOrBelow(p, pathOrDirectory)),
                    "pause", pathOrDirectory);
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
        List<Attempt> starts;
        lock.lock();
        try {
            if (!pauses.remove(pathOrDirectory)) {
                throw new IllegalStateException("no pause held on " + pathOrDirectory);
            }
            changed.signalAll();
            starts = dispatchLocked();
        } finally {
            lock.unlock();
        }
        afterUnlock(starts);
    }

    /** True while a pause covers {@code path}, so its upload may not start. */
    public boolean isPaused(String path) {
        lock.lock();
        try {
            return pauses.covers(path);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves queued uploads at or below {@code from} to the same place below {@code to}, keeping their
     * timing and attempts; an upload queued at a target is replaced. Nothing queued runs under the old
     * name afterwards. An attempt running under the old name (the caller did not
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
        List<Attempt> starts;
        lock.lock();
        try {
            Instant now = clock.instant();
            List<Entry> moving = atOrBelowLocked(from);
            for (Entry entry : moving) {
                String oldPath = entry.path;
                entries.remove(oldPath);
                listeners.post(l -> l.removed(oldPath));
            }
            for (Entry entry : moving) {
                String target = ObjectPaths.rebase(entry.path, from, to);
                Entry replaced = entries.get(target);
                if (replaced != null) {
                    removeLocked(replaced);
                }
                if (entry.attempt != null && !entry.again) {
                    LOG.warn("Upload of {} was running when it was renamed to {}; uploading again under the new name",
                            entry.path, target);
                    entry.uploadAgain(now, entry.sizeHint);
                }
                entry.path = target;
                entries.put(target, entry);
                postChangedLocked(entry);
            }
            starts = dispatchLocked();
        } finally {
            lock.unlock();
        }
        afterUnlock(starts);
    }

    /** Waiting, uploading, retrying and failed uploads, sorted by path. */
    public List<UploadStatus> pending() {
        lock.lock();
        try {
            List<UploadStatus> statuses = new ArrayList<>(entries.size());
            for (Entry entry : entries.values()) {
                statuses.add(entry.status());
            }
            return statuses;
        } finally {
            lock.unlock();
        }
    }

    /** True if {@code path} has local content not known to be uploaded, including a FAILED upload. */
    public boolean isPending(String path) {
        lock.lock();
        try {
            return entries.containsKey(path);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until nothing is waiting, running or retrying. {@link State#FAILED FAILED} uploads count as
     * idle (they wait for the user, not for time): check {@link #pending()} afterwards. This does not
     * skip delays; unmount calls {@link #flush} (or {@link #uploadAllNow()} first).
     *
     * @return true if idle; false if the timeout passed or the queue was closed first
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            return awaitLocked(this::idleLocked, timeout, true);
        } finally {
            lock.unlock();
        }
    }

    /** Unmount: start everything now ({@link #uploadAllNow()}), then {@link #awaitIdle} up to {@code timeout}. */
    public boolean flush(Duration timeout) throws InterruptedException {
        uploadAllNow();
        return awaitIdle(timeout);
    }

    /**
     * Skips the remaining delay and backoff of every queued upload (failed ones stay failed), still
     * within {@link WritebackSettings#maxConcurrent() maxConcurrent} and pauses. Later enqueues and
     * retries are delayed as usual.
     */
    public void uploadAllNow() {
        List<Attempt> starts;
        lock.lock();
        try {
            Instant now = clock.instant();
            for (Entry entry : entries.values()) {
                if (entry.isScheduled() && entry.notBefore.isAfter(now)) {
                    scheduleLocked(entry, entry.state, now);
                } else if (entry.again) {
                    entry.againNotBefore = now;
                }
            }
            starts = dispatchLocked();
        } finally {
            lock.unlock();
        }
        afterUnlock(starts);
    }

    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /**
     * Stops starting uploads and wakes {@link #awaitIdle} callers; does not wait for or interrupt
     * running attempts, and leaves the executors to their owner. Queued uploads are simply dropped:
     * the cache's journal has them. Idempotent.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            cancelTimerLocked();
            changed.signalAll();
            if (!entries.isEmpty()) {
                LOG.info("Write-back queue closed with {} upload(s) pending", entries.size());
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- state transitions (caller holds lock) ----

    private void requeueLocked(Entry entry, Instant notBefore, long sizeHint) {
        switch (entry.state) {
            case WAITING -> {
                entry.sizeHint = sizeHint;
                scheduleLocked(entry, State.WAITING, notBefore);
            }
            case RETRY_WAIT -> {
                // Starting sooner than the backoff would only fail again against a store that is down.
                entry.sizeHint = sizeHint;
                scheduleLocked(entry, State.RETRY_WAIT, later(notBefore, entry.notBefore));
            }
            case FAILED -> {
                entry.sizeHint = sizeHint;
                entry.attempts = 0;
                entry.lastError = null;
                scheduleLocked(entry, State.WAITING, notBefore);
            }
            case UPLOADING -> entry.uploadAgain(notBefore, sizeHint);
        }
    }

    private void scheduleLocked(Entry entry, State state, Instant notBefore) {
        if (entry.isScheduled()) {
            scheduled.remove(entry);
        }
        entry.state = state;
        entry.notBefore = notBefore;
        scheduled.add(entry);
        postChangedLocked(entry);
    }

    /** Drops the entry; returns its running attempt, now detached, if any. */
    private Attempt removeLocked(Entry entry) {
        if (entry.isScheduled()) {
            scheduled.remove(entry);
        }
        String path = entry.path;
        entries.remove(path, entry);
        listeners.post(l -> l.removed(path));
        changed.signalAll();
        Attempt attempt = entry.attempt;
        if (attempt != null) {
            attempt.detached = true;
            entry.attempt = null;
        }
        return attempt;
    }

    /** Starts every due upload that is not paused, not already running under its path, and fits. */
    private List<Attempt> dispatchLocked() {
        if (closed) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Attempt> starts = new ArrayList<>();
        Instant next = null;
        for (Iterator<Entry> it = scheduled.iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (pauses.covers(entry.path) || running.containsKey(entry.path)) {
                continue; // resume() or the running attempt's end dispatches again
            }
            if (entry.notBefore.isAfter(now)) {
                next = entry.notBefore;
                break;
            }
            if (running.size() >= settings.maxConcurrent()) {
                break; // the next attempt to end dispatches again
            }
            it.remove();
            starts.add(startLocked(entry, now));
        }
        armTimerLocked(next, now);
        return starts;
    }

    private Attempt startLocked(Entry entry, Instant now) {
        entry.state = State.UPLOADING;
        entry.notBefore = null;
        entry.attempts++;
        Attempt attempt = new Attempt(entry, entry.path, now);
        entry.attempt = attempt;
        running.put(attempt.path, attempt);
        postChangedLocked(entry);
        return attempt;
    }

    private void completeLocked(Attempt attempt, Throwable error) {
        Instant now = clock.instant();
        if (attempt.detached) {
            LOG.debug("Upload of {} ended after it was cancelled or replaced; outcome ignored", attempt.path);
            return;
        }
        Entry entry = attempt.entry;
        String path = entry.path; // events name the path under its current name
        entry.attempt = null;
        if (error == null) {
            long bytes = attempt.bytesSent() > 0 ? attempt.bytesSent() : entry.sizeHint;
            UploadLog.uploaded(attempt.path, bytes, Duration.between(attempt.started, now));
            entry.attempts = 0;
            entry.lastError = null;
            if (entry.again) {
                runAgainLocked(entry, State.WAITING, entry.againNotBefore);
            } else {
                entries.remove(path);
                listeners.post(l -> l.finished(path));
            }
            return;
        }
        entry.lastError = UploadLog.describe(error);
        boolean exhausted = settings.maxAttempts() > 0 && entry.attempts >= settings.maxAttempts();
        if (isRetryable(error) && !exhausted) {
            Duration wait = backoff.delay(entry.attempts, ThreadLocalRandom.current().nextDouble());
            UploadLog.retrying(attempt.path, entry.attempts, wait, entry.lastError);
            Instant notBefore = now.plus(wait);
            if (entry.again) {
                runAgainLocked(entry, State.RETRY_WAIT, later(notBefore, entry.againNotBefore));
            } else {
                scheduleLocked(entry, State.RETRY_WAIT, notBefore);
            }
        } else if (entry.again) {
            // The failure was about content that has since been replaced; the newer version gets its own chance.
            UploadLog.supersededFailure(attempt.path, entry.lastError);
            entry.attempts = 0;
            runAgainLocked(entry, State.WAITING, entry.againNotBefore);
        } else {
            UploadLog.failed(attempt.path, entry.attempts, error);
            entry.state = State.FAILED;
            entry.notBefore = null;
            postChangedLocked(entry);
            Exception reported = error instanceof Exception e ? e : new IOException(error);
            listeners.post(l -> l.failed(path, reported));
        }
    }

    private void runAgainLocked(Entry entry, State state, Instant notBefore) {
        entry.again = false;
        entry.sizeHint = entry.againSizeHint;
        scheduleLocked(entry, state, notBefore);
    }

    private boolean idleLocked() {
        if (!running.isEmpty()) {
            return false;
        }
        for (Entry entry : entries.values()) {
            if (entry.state != State.FAILED) {
                return false;
            }
        }
        return true;
    }

    private List<Entry> atOrBelowLocked(String path) {
        if (ObjectPaths.isRoot(path)) {
            return new ArrayList<>(entries.values());
        }
        List<Entry> found = new ArrayList<>();
        Entry exact = entries.get(path);
        if (exact != null) {
            found.add(exact);
        }
        // Every key that starts with path + "/" sorts between that prefix and path + "0" ('/' + 1).
        found.addAll(entries.subMap(path + "/", true, path + "0", false).values());
        return found;
    }

    private void postChangedLocked(Entry entry) {
        if (listeners.active()) {
            UploadStatus status = entry.status();
            listeners.post(l -> l.changed(status));
        }
    }

    // ---- timer ----

    private void armTimerLocked(Instant next, Instant now) {
        if (next == null) {
            cancelTimerLocked();
            return;
        }
        if (timer != null && next.equals(timerAt)) {
            return;
        }
        cancelTimerLocked();
        long generation = ++timerGeneration;
        long delayNanos = Math.max(Duration.between(now, next).toNanos(), MIN_TIMER_NANOS);
        try {
            timer = scheduler.schedule(withMdc(() -> onTimer(generation)), delayNanos, TimeUnit.NANOSECONDS);
            timerAt = next;
        } catch (RejectedExecutionException e) {
            LOG.warn("Write-back scheduler rejected the start timer; queued uploads wait for the next queue event");
        }
    }

    private void cancelTimerLocked() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
            timerAt = null;
        }
    }

    private void onTimer(long generation) {
        List<Attempt> starts;
        lock.lock();
        try {
            if (generation == timerGeneration) {
                timer = null;
                timerAt = null;
            }
            starts = dispatchLocked();
        } finally {
            lock.unlock();
        }
        afterUnlock(starts);
    }

    // ---- attempts (no lock held on entry) ----

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

    private void runAttempt(Attempt attempt) {
        lock.lock();
        try {
            if (attempt.detached) {
                attempt.done = true;
                running.remove(attempt.path, attempt);
                changed.signalAll();
                return;
            }
            attempt.thread = Thread.currentThread();
        } finally {
            lock.unlock();
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
        List<Attempt> starts;
        lock.lock();
        try {
            if (attempt.thread != null) {
                attempt.thread = null;
                if (attempt.interrupted) {
                    Thread.interrupted(); // ours, from cancel(); must not leak into the pool's next task
                }
            }
            running.remove(attempt.path, attempt);
            attempt.done = true;
            completeLocked(attempt, error);
            changed.signalAll();
            starts = dispatchLocked();
        } finally {
            lock.unlock();
        }
        afterUnlock(starts);
    }

    private void onProgress(Attempt attempt, long sent) {
        attempt.bytesSent(sent);
        if (!listeners.active()) {
            return;
        }
        Instant now = clock.instant();
        if (now.isBefore(attempt.nextProgressEvent)) {
            return;
        }
        lock.lock();
        try {
            if (attempt.detached || attempt.done || now.isBefore(attempt.nextProgressEvent)) {
                return;
            }
            attempt.nextProgressEvent = now.plus(PROGRESS_EVENT_INTERVAL);
            postChangedLocked(attempt.entry);
        } finally {
            lock.unlock();
        }
        listeners.deliver();
    }

    // ---- waiting ----

    private void waitFor(BooleanSupplier done, String operation, String path) throws InterruptedException {
        lock.lock();
        try {
            if (!awaitLocked(done, settings.drainTimeout(), false)) {
                LOG.warn("Uploads at {} still running after {}; continuing with {} anyway",
                        path, UploadLog.seconds(settings.drainTimeout()), operation);
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
            alarm = scheduler.schedule(() -> {
                lock.lock();
                try {
                    expired.set(true);
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
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

    static boolean isRetryable(Throwable error) {
        if (error instanceof ProviderException providerException) {
            return providerException.isRetryable();
        }
        return error instanceof IOException;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
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
