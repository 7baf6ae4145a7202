package io.cloudmount.engine.writeback;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * A fake {@link UploadAction} the test drives. By default every call blocks until the test resolves
 * its {@link Call}; {@link #completeAtOnce()} makes calls return (or throw scripted failures) at once.
 * It counts overlapping calls, in total and per path.
 */
final class ScriptedUploads implements UploadAction {
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Deque<IOException> scriptedFailures = new ArrayDeque<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private final Map<String, AtomicInteger> runningByPath = new ConcurrentHashMap<>();
    private final AtomicInteger samePathOverlaps = new AtomicInteger();
    private volatile boolean atOnce;
    private volatile boolean ignoreInterrupts;

    /** Calls return without waiting for the test, each after taking the next scripted failure, if any. */
    ScriptedUploads completeAtOnce() {
        atOnce = true;
        return this;
    }

    /** The next calls throw these, in order (only with {@link #completeAtOnce()}). */
    synchronized ScriptedUploads thenFail(IOException... failures) {
        scriptedFailures.addAll(List.of(failures));
        return this;
    }

    /** Blocked calls keep waiting when interrupted, like an upload stuck in a socket. */
    void ignoreInterrupts() {
        ignoreInterrupts = true;
    }

    @Override
    public void upload(String path, LongConsumer progress) throws IOException {
        Call call = new Call(path, progress);
        calls.add(call);
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        if (runningByPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet() > 1) {
            samePathOverlaps.incrementAndGet();
        }
        try {
            if (atOnce) {
                IOException failure;
                synchronized (this) {
                    failure = scriptedFailures.poll();
                }
                call.outcome.complete(failure);
            }
            call.awaitOutcome(ignoreInterrupts);
            call.succeeded = true;
        } finally {
            runningByPath.get(path).decrementAndGet();
            running.decrementAndGet();
            call.returned = true;
        }
    }

    /** Waits for an unresolved call of {@code path}. */
    Call awaitCall(String path) {
        return await().atMost(PATIENCE).until(() -> open().filter(c -> c.path.equals(path)).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    /** Waits for any unresolved call. */
    Call awaitAnyCall() {
        return await().atMost(PATIENCE).until(() -> open().findFirst(), Optional::isPresent).orElseThrow();
    }

    private java.util.stream.Stream<Call> open() {
        return calls.stream().filter(c -> !c.outcome.isDone());
    }

    /** Paths in the order the calls started. */
    List<String> paths() {
        return calls.stream().map(c -> c.path).toList();
    }

    /** Calls that returned normally. */
    List<String> succeeded() {
        return calls.stream().filter(c -> c.succeeded).map(c -> c.path).toList();
    }

    int running() {
        return running.get();
    }

    int maxRunning() {
        return maxRunning.get();
    }

    int samePathOverlaps() {
        return samePathOverlaps.get();
    }

    /** Resolves every open call, so no worker stays blocked after a test. */
    void releaseAll() {
        calls.forEach(Call::succeed);
    }

    static final class Call {
        final String path;
        final LongConsumer progress;
        private final CompletableFuture<IOException> outcome = new CompletableFuture<>();
        volatile boolean interrupted;
        volatile boolean returned;
        volatile boolean succeeded;

        Call(String path, LongConsumer progress) {
            this.path = path;
            this.progress = progress;
        }

        void succeed() {
            outcome.complete(null);
        }

        void fail(IOException failure) {
            outcome.complete(failure);
        }

        boolean returned() {
            return returned;
        }

        void awaitOutcome(boolean ignoreInterrupts) throws IOException {
            IOException failure;
            while (true) {
                try {
                    failure = outcome.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    if (!ignoreInterrupts) {
                        throw new InterruptedIOException("upload of " + path + " interrupted");
                    }
                } catch (ExecutionException e) {
                    throw new AssertionError(e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
