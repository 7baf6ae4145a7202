package io.cloudmount.engine.writeback;

import static io.cloudmount.engine.writeback.QueueHarness.DELAY;
import static io.cloudmount.engine.writeback.QueueHarness.T0;
import static io.cloudmount.engine.writeback.UploadStatus.State.UPLOADING;
import static io.cloudmount.engine.writeback.UploadStatus.State.WAITING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WritebackQueueSchedulingTest {
    private QueueHarness h = new QueueHarness();

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void uploadStartsOnlyOnceTheDelayHasPassed() {
        h.queue.enqueue("/a", 3);
        assertThat(h.status("/a")).isEqualTo(new UploadStatus("/a", WAITING, 0, 3, 0, null, T0.plus(DELAY)));

        h.advance(DELAY.minusMillis(1));
        assertThat(h.state("/a")).isEqualTo(WAITING);

        h.advance(Duration.ofMillis(1));
        h.uploads.awaitCall("/a").succeed();
        h.awaitGone("/a");
        assertThat(h.uploads.succeeded()).containsExactly("/a");
    }

    @Test
    void repeatedSavesPushTheStartBackAndCoalesceIntoOneUpload() {
        h.uploads.completeAtOnce();
        h.queue.enqueue("/a", 1);
        h.advance(Duration.ofSeconds(4));
        h.queue.enqueue("/a", 2);
        assertThat(h.status("/a").notBefore()).isEqualTo(T0.plusSeconds(9));

        h.advance(Duration.ofSeconds(4)); // t = 8 s: past the first deadline, before the second
        assertThat(h.state("/a")).isEqualTo(WAITING);
        assertThat(h.status("/a").bytesTotal()).isEqualTo(2);

        h.advance(Duration.ofSeconds(1));
        h.awaitGone("/a");
        assertThat(h.uploads.paths()).containsExactly("/a");
    }

    @Test
    void atMostMaxConcurrentUploadsRunAndTheRestWait() {
        h.close();
        h = new QueueHarness(QueueHarness.settings().withMaxConcurrent(2).withDelay(Duration.ZERO));
        for (int i = 1; i <= 5; i++) {
            h.queue.enqueue("/f" + i, i);
        }
        await().until(() -> h.uploads.running() == 2);
        assertThat(h.queue.pending()).extracting(UploadStatus::state)
                .containsExactly(UPLOADING, UPLOADING, WAITING, WAITING, WAITING);

        for (int released = 0; released < 5; released++) {
            h.uploads.awaitAnyCall().succeed();
        }
        await().until(() -> h.queue.pending().isEmpty());
        assertThat(h.uploads.maxRunning()).isEqualTo(2);
        assertThat(h.uploads.succeeded()).containsExactlyInAnyOrder("/f1", "/f2", "/f3", "/f4", "/f5");
    }

    @Test
    void enqueueDuringAnUploadRunsItAgainAfterwardsNeverAlongside() {
        h.queue.enqueue("/a", 1);
        h.advance(DELAY);
        ScriptedUploads.Call first = h.uploads.awaitCall("/a");

        h.queue.enqueue("/a", 2); // saved again at t = 5 s while uploading
        assertThat(h.status("/a")).extracting(UploadStatus::state, UploadStatus::bytesTotal)
                .containsExactly(UPLOADING, 1L);
        first.succeed();

        h.awaitState("/a", WAITING);
        assertThat(h.status("/a").notBefore()).isEqualTo(T0.plus(DELAY).plus(DELAY));
        assertThat(h.status("/a").bytesTotal()).isEqualTo(2);
        h.advance(DELAY);
        h.uploads.awaitCall("/a").succeed();
        h.awaitGone("/a");
        assertThat(h.uploads.succeeded()).containsExactly("/a", "/a");
        assertThat(h.uploads.samePathOverlaps()).isZero();
        assertThat(h.events.about("/a")).endsWith("finished /a").containsOnlyOnce("finished /a");
    }

    @Test
    void progressOfTheRunningAttemptIsVisibleInPending() {
        h.queue.enqueue("/big", 1000);
        h.advance(DELAY);
        ScriptedUploads.Call call = h.uploads.awaitCall("/big");

        call.progress.accept(400);
        assertThat(h.status("/big")).extracting(UploadStatus::state, UploadStatus::bytesSent,
                UploadStatus::bytesTotal, UploadStatus::attempts).containsExactly(UPLOADING, 400L, 1000L, 1);
        call.succeed();
    }

    @Test
    void progressEventsToListenersAreThrottled() {
        h.queue.enqueue("/big", 1000);
        h.advance(DELAY);
        ScriptedUploads.Call call = h.uploads.awaitCall("/big");

        call.progress.accept(100);
        call.progress.accept(200); // same instant: pending() shows it, listeners are spared
        assertThat(h.status("/big").bytesSent()).isEqualTo(200);
        h.advance(Duration.ofMillis(250));
        call.progress.accept(300);
        call.succeed();

        await().until(() -> h.events.events().contains("finished /big"));
        assertThat(h.events.statuses()).filteredOn(s -> s.state() == UPLOADING)
                .extracting(UploadStatus::bytesSent).containsExactly(0L, 100L, 300L);
    }

    @Test
    void listenersMayCallBackIntoTheQueue() {
        h.uploads.completeAtOnce();
        h.queue.addListener(new WritebackQueue.Listener() {
            @Override
            public void finished(String path) {
                if (path.equals("/a")) {
                    h.queue.enqueue("/after-a", h.queue.pending().size());
                }
            }
        });
        h.queue.enqueue("/a", 1);
        h.advance(DELAY);

        await().until(() -> h.queue.isPending("/after-a"));
        h.queue.uploadAllNow();
        h.awaitGone("/after-a");
        assertThat(h.uploads.paths()).containsExactly("/a", "/after-a");
    }

    @Test
    void uploadAllNowSkipsTheDelaysAndAwaitIdleWaitsForTheUploads() throws InterruptedException {
        h.uploads.completeAtOnce();
        h.queue.enqueue("/a", 1);
        h.queue.enqueue("/b", 1);
        h.queue.enqueue("/c", 1);

        h.queue.uploadAllNow();

        assertThat(h.queue.awaitIdle(Duration.ofMinutes(1))).isTrue();
        assertThat(h.queue.pending()).isEmpty();
        assertThat(h.uploads.succeeded()).containsExactlyInAnyOrder("/a", "/b", "/c");
        assertThat(h.clock.instant()).isEqualTo(T0);
    }

    @Test
    void uploadsQueuedWhileAFlushWaitsSkipTheirDelayToo() {
        h.queue.enqueue("/a", 1);
        CompletableFuture<Boolean> flushed = inBackground(() -> h.queue.flush(Duration.ofMinutes(1)));
        ScriptedUploads.Call first = h.uploads.awaitCall("/a");
        // Releases the kernel delivers after the flush began: another file, and the one being uploaded.
        h.queue.enqueue("/b", 1);
        h.queue.enqueue("/a", 2);
        first.succeed();
        h.uploads.awaitCall("/b").succeed();
        h.uploads.awaitCall("/a").succeed();

        assertThat(flushed).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(true);
        assertThat(h.uploads.succeeded()).containsExactlyInAnyOrder("/a", "/b", "/a");
        assertThat(h.clock.instant()).isEqualTo(T0);
        h.queue.enqueue("/c", 1);
        assertThat(h.status("/c").notBefore()).as("after the flush, delays apply again").isEqualTo(T0.plus(DELAY));
    }

    @Test
    void awaitIdleGivesUpWhenItsTimeoutPasses() {
        h.queue.enqueue("/a", 1);
        CompletableFuture<Boolean> idle = inBackground(() -> h.queue.awaitIdle(Duration.ofSeconds(2)));
        // The timeout runs on the queue's scheduler: step time until the waiter has armed and hit it.
        await().until(() -> {
            h.advance(Duration.ofMillis(500));
            return idle.isDone();
        });
        assertThat(idle.join()).isFalse();
        assertThat(h.queue.isPending("/a")).isTrue();
    }

    @Test
    void listenersSeeEachStateInOrder() {
        h.queue.enqueue("/a", 1);
        h.advance(DELAY);
        h.uploads.awaitCall("/a").succeed();
        h.awaitGone("/a");
        await().until(() -> h.events.events().contains("finished /a"));
        assertThat(h.events.events()).containsExactly("changed /a WAITING", "changed /a UPLOADING", "finished /a");
    }

    @Test
    void uploadsRunOnNamedWritebackThreads() {
        List<String> threads = new CopyOnWriteArrayList<>();
        WritebackQueue queue = new WritebackQueue((path, progress) -> threads.add(Thread.currentThread().getName()),
                QueueHarness.settings().withDelay(Duration.ZERO), h.clock, h.scheduler, h.workers);
        queue.enqueue("/a", 1);
        await().until(() -> !threads.isEmpty());
        assertThat(threads.get(0)).matches("writeback-\\d+");
        queue.close();
    }

    @Test
    void aClosedQueueStartsNothingMoreAndRefusesNewUploads() throws InterruptedException {
        h.queue.enqueue("/a", 1);
        h.queue.close();
        h.advance(Duration.ofMinutes(1));

        assertThat(h.uploads.paths()).isEmpty();
        assertThat(h.queue.pending()).extracting(UploadStatus::path).containsExactly("/a");
        assertThat(h.queue.awaitIdle(Duration.ofMinutes(1))).isFalse();
        assertThatThrownBy(() -> h.queue.enqueue("/b", 1)).isInstanceOf(IllegalStateException.class);
    }

    /** A blocking queue call that may be interrupted. */
    private interface Wait {
        boolean run() throws InterruptedException;
    }

    private static CompletableFuture<Boolean> inBackground(Wait wait) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return wait.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
