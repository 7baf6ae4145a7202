package io.cloudmount.engine.writeback;

import io.cloudmount.engine.writeback.UploadStatus.State;
import io.cloudmount.provider.ObjectPaths;
import io.cloudmount.provider.ProviderException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.DoubleSupplier;

/**
 * The bookkeeping of a {@link WritebackQueue}: which paths wait, run, retry or failed, and the state
 * machine between them. No threads, no blocking, no clock: the queue calls every method with its lock
 * held and passes the time in. Events are {@link Listeners#post posted} here and delivered by the queue
 * after it releases the lock.
 */
final class QueueState {
    /** What {@link #dispatch} started, and when the next waiting upload falls due (null: none). */
    record Dispatch(List<Attempt> starts, Instant next) {
    }

    private static final Duration PROGRESS_EVENT_INTERVAL = Duration.ofMillis(250);

    private final WritebackSettings settings;
    private final Backoff backoff;
    private final DoubleSupplier jitter;
    private final Listeners listeners;

    private final TreeMap<String, Entry> entries = new TreeMap<>();
    /** The WAITING and RETRY_WAIT entries, earliest start first. */
    private final TreeSet<Entry> scheduled = new TreeSet<>(Entry.BY_START);
    /** Running attempts by the path the action was given, including detached ones still running. */
    private final Map<String, Attempt> running = new HashMap<>();
    private final PauseSet pauses = new PauseSet();
    private final UploadSummary summary = new UploadSummary();
    private long nextSeq;
    /** Running {@link WritebackQueue#flush} calls: while any runs, enqueued uploads are due at once. */
    private int flushes;

    QueueState(WritebackSettings settings, Listeners listeners, DoubleSupplier jitter) {
        this.settings = settings;
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        this.listeners = listeners;
        this.jitter = jitter;
    }

    void enqueue(String path, long sizeHint, Instant now) {
        Instant notBefore = flushes > 0 ? now : now.plus(settings.delay());
        Entry entry = entries.get(path);
        if (entry == null) {
            entry = new Entry(nextSeq++, path, sizeHint);
            entries.put(path, entry);
            schedule(entry, State.WAITING, notBefore);
            return;
        }
        if (entry.state == State.UPLOADING) {
            entry.uploadAgain(notBefore, sizeHint); // the running attempt keeps its own size
            return;
        }
        entry.sizeHint = sizeHint;
        switch (entry.state) {
            case WAITING -> schedule(entry, State.WAITING, notBefore);
            // Starting sooner than the backoff would only fail again against a store that is down.
            case RETRY_WAIT -> schedule(entry, State.RETRY_WAIT, later(notBefore, entry.notBefore));
            case FAILED -> {
                entry.attempts = 0;
                entry.lastError = null;
                schedule(entry, State.WAITING, notBefore);
            }
            default -> throw new IllegalStateException("unexpected state " + entry.state);
        }
    }

    /**
     * Forgets the entries at or below {@code path} and interrupts their running attempts.
     *
     * @return every attempt still running at or below {@code path}, which the caller waits for
     */
    List<Attempt> cancel(String path) {
        for (Entry entry : atOrBelow(path)) {
            Attempt attempt = remove(entry);
            if (attempt != null) {
                attempt.interrupted = true;
                if (attempt.thread != null) {
                    attempt.thread.interrupt();
                }
            }
        }
        List<Attempt> ending = new ArrayList<>();
        for (Attempt attempt : running.values()) {
            if (ObjectPaths.isSameOrBelow(attempt.path, path)) {
                ending.add(attempt);
            }
        }
        return ending;
    }

    void renamed(String from, String to, Instant now) {
        List<Entry> moving = atOrBelow(from);
        for (Entry entry : moving) {
            String oldPath = entry.path;
            entries.remove(oldPath);
            listeners.post(l -> l.removed(oldPath));
        }
        for (Entry entry : moving) {
            String target = ObjectPaths.rebase(entry.path, from, to);
            Entry replaced = entries.get(target);
            if (replaced != null) {
                remove(replaced); // its running attempt, if any, keeps the name busy until it returns
            }
            if (entry.attempt != null && !entry.again) {
                UploadLog.renamedWhileUploading(entry.path, target);
                entry.uploadAgain(now, entry.sizeHint);
            }
            entry.path = target; // the start order does not depend on the path
            entries.put(target, entry);
            postChanged(entry);
        }
    }

    void startFlush(Instant now) {
        flushes++;
        uploadAllNow(now);
    }

    void endFlush() {
        flushes--;
    }

    void uploadAllNow(Instant now) {
        for (Entry entry : entries.values()) {
            if (entry.isScheduled() && entry.notBefore.isAfter(now)) {
                schedule(entry, entry.state, now);
            } else if (entry.again) {
                entry.againNotBefore = now;
            }
        }
    }

    void pause(String pathOrDirectory) {
        pauses.add(pathOrDirectory);
    }

    boolean resume(String pathOrDirectory) {
        return pauses.remove(pathOrDirectory);
    }

    boolean isPaused(String path) {
        return pauses.covers(path);
    }

    boolean isRunningAtOrBelow(String pathOrDirectory) {
        for (String path : running.keySet()) {
            if (ObjectPaths.isSameOrBelow(path, pathOrDirectory)) {
                return true;
            }
        }
        return false;
    }

    /** Starts every due upload that is not paused, not already running under its name, and fits. */
    Dispatch dispatch(Instant now) {
        List<Attempt> starts = new ArrayList<>();
        for (Iterator<Entry> it = scheduled.iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (pauses.covers(entry.path) || running.containsKey(entry.path)) {
                continue; // resume() or the end of the running attempt dispatches again
            }
            if (entry.notBefore.isAfter(now)) {
                return new Dispatch(starts, entry.notBefore);
            }
            if (running.size() >= settings.maxConcurrent()) {
                break; // the end of a running attempt dispatches again
            }
            it.remove();
            starts.add(start(entry, now));
        }
        return new Dispatch(starts, null);
    }

    /** The worker is about to call the action; false if the attempt was cancelled before it began. */
    boolean enter(Attempt attempt, Thread worker) {
        if (attempt.detached) {
            end(attempt);
            return false;
        }
        attempt.thread = worker;
        return true;
    }

    /**
     * An attempt failed after the queue was closed: the unmount stopped it (with {@code --no-wait},
     * by interrupting it), so its error says nothing about the upload. The entry waits again instead
     * of failing; the journal has the file, and the next mount uploads it.
     */
    void stopped(Attempt attempt, Throwable error) {
        end(attempt);
        if (attempt.detached) {
            UploadLog.ignoredOutcome(attempt.path);
            return;
        }
        Entry entry = attempt.entry;
        entry.attempt = null;
        entry.state = State.WAITING;
        UploadLog.stoppedByClose(attempt.path, UploadLog.describe(error));
        postChanged(entry);
    }

    /** Records the outcome of an attempt ({@code error} null on success) and moves its entry on. */
    void complete(Attempt attempt, Throwable error, Instant now) {
        end(attempt);
        if (attempt.detached) {
            UploadLog.ignoredOutcome(attempt.path);
            return;
        }
        Entry entry = attempt.entry;
        String path = entry.path; // events name the entry's current path
        entry.attempt = null;
        if (error == null) {
            long bytes = attempt.bytesSent() > 0 ? attempt.bytesSent() : entry.sizeHint;
            UploadLog.uploaded(attempt.path, bytes, Duration.between(attempt.started, now));
            summary.uploaded(attempt.path, bytes, attempt.started);
            entry.attempts = 0;
            entry.lastError = null;
            if (entry.again) {
                runAgain(entry, State.WAITING, entry.againNotBefore);
            } else {
                entries.remove(path);
                listeners.post(l -> l.finished(path));
            }
            summary.maybeReport(idle(), now);
            return;
        }
        entry.lastError = UploadLog.describe(error);
        boolean exhausted = settings.maxAttempts() > 0 && entry.attempts >= settings.maxAttempts();
        if (isRetryable(error) && !exhausted) {
            Duration wait = backoff.delay(entry.attempts, jitter.getAsDouble());
            UploadLog.retrying(attempt.path, entry.attempts, wait, entry.lastError);
            Instant notBefore = now.plus(wait);
            if (entry.again) {
                runAgain(entry, State.RETRY_WAIT, later(notBefore, entry.againNotBefore));
            } else {
                schedule(entry, State.RETRY_WAIT, notBefore);
            }
        } else if (entry.again) {
            // The failure was about content that has since been replaced; the newer version gets its own chance.
            UploadLog.supersededFailure(attempt.path, entry.lastError);
            entry.attempts = 0;
            runAgain(entry, State.WAITING, entry.againNotBefore);
        } else {
            UploadLog.failed(attempt.path, entry.attempts, error);
            entry.state = State.FAILED;
            entry.notBefore = null;
            postChanged(entry);
            Exception reported = error instanceof Exception e ? e : new IOException(error);
            listeners.post(l -> l.failed(path, reported));
            summary.maybeReport(idle(), now); // the uploads that did succeed are not left unreported
        }
    }

    /** Posts a progress event for the attempt unless one went out less than 250 ms ago. */
    void progressed(Attempt attempt, Instant now) {
        if (attempt.detached || attempt.done || now.isBefore(attempt.nextProgressEvent)) {
            return;
        }
        attempt.nextProgressEvent = now.plus(PROGRESS_EVENT_INTERVAL);
        postChanged(attempt.entry);
    }

    List<UploadStatus> pending() {
        List<UploadStatus> statuses = new ArrayList<>(entries.size());
        for (Entry entry : entries.values()) {
            statuses.add(entry.status());
        }
        return statuses;
    }

    boolean contains(String path) {
        return entries.containsKey(path);
    }

    int size() {
        return entries.size();
    }

    /** Nothing running, waiting or retrying: every entry left (if any) is FAILED. */
    boolean idle() {
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

    static boolean isRetryable(Throwable error) {
        if (error instanceof ProviderException providerException) {
            return providerException.isRetryable();
        }
        return error instanceof IOException;
    }

    // ---- transitions ----

    private void schedule(Entry entry, State state, Instant notBefore) {
        if (entry.isScheduled()) {
            scheduled.remove(entry); // before notBefore changes: the set is ordered by it
        }
        entry.state = state;
        entry.notBefore = notBefore;
        scheduled.add(entry);
        postChanged(entry);
    }

    private void runAgain(Entry entry, State state, Instant notBefore) {
        entry.again = false;
        entry.sizeHint = entry.againSizeHint;
        schedule(entry, state, notBefore);
    }

    private Attempt start(Entry entry, Instant now) {
        entry.state = State.UPLOADING;
        entry.notBefore = null;
        entry.attempts++;
        Attempt attempt = new Attempt(entry, entry.path, now);
        entry.attempt = attempt;
        running.put(attempt.path, attempt);
        postChanged(entry);
        return attempt;
    }

    private void end(Attempt attempt) {
        attempt.thread = null;
        attempt.done = true;
        running.remove(attempt.path, attempt);
    }

    /** Drops the entry; returns its running attempt, now detached, if any. */
    private Attempt remove(Entry entry) {
        if (entry.isScheduled()) {
            scheduled.remove(entry);
        }
        String path = entry.path;
        entries.remove(path, entry);
        listeners.post(l -> l.removed(path));
        Attempt attempt = entry.attempt;
        if (attempt != null) {
            attempt.detached = true;
            entry.attempt = null;
        }
        return attempt;
    }

    private List<Entry> atOrBelow(String path) {
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

    private void postChanged(Entry entry) {
        if (listeners.active()) {
            UploadStatus status = entry.status();
            listeners.post(l -> l.changed(status));
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
