package io.cloudmount.engine.writeback;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A queue over a {@link ManualClock}/{@link ManualScheduler} (time moves only by {@link #advance}),
 * real {@code writeback-<n>} worker threads, a {@link ScriptedUploads} action and a
 * {@link RecordingListener}.
 */
final class QueueHarness implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    static final Duration DELAY = Duration.ofSeconds(5);

    final ManualClock clock = new ManualClock(T0);
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final ExecutorService workers = WritebackThreads.newWorkers(8);
    final ScriptedUploads uploads = new ScriptedUploads();
    final RecordingListener events = new RecordingListener();
    final WritebackSettings settings;
    final WritebackQueue queue;

    /** 5 s delay, 4 concurrent, retry forever, backoff 1 s to 1 min, drain timeout 10 min. */
    static WritebackSettings settings() {
        return new WritebackSettings(DELAY, 4, 0, Duration.ofSeconds(1), Duration.ofMinutes(1),
                Duration.ofMinutes(10));
    }

    QueueHarness() {
        this(settings());
    }

    QueueHarness(WritebackSettings settings) {
        this.settings = settings;
        this.queue = new WritebackQueue(uploads, settings, clock, scheduler, workers);
        queue.addListener(events);
    }

    void advance(Duration duration) {
        scheduler.advance(duration);
    }

    /** The status of {@code path}, which must be pending. */
    UploadStatus status(String path) {
        return queue.pending().stream().filter(s -> s.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(path + " is not pending: " + queue.pending()));
    }

    UploadStatus.State state(String path) {
        return status(path).state();
    }

    List<String> pendingPaths() {
        return queue.pending().stream().map(UploadStatus::path).toList();
    }

    void awaitState(String path, UploadStatus.State state) {
        await().atMost(ScriptedUploads.PATIENCE).until(
                () -> queue.pending().stream().anyMatch(s -> s.path().equals(path) && s.state() == state));
    }

    void awaitGone(String path) {
        await().atMost(ScriptedUploads.PATIENCE).until(() -> !queue.isPending(path));
    }

    @Override
    public void close() {
        queue.close();
        uploads.releaseAll();
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new AssertionError("upload workers did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping the workers", e);
        }
    }
}
