package io.cloudmount.engine.writeback;

import static io.cloudmount.engine.writeback.QueueHarness.DELAY;
import static io.cloudmount.engine.writeback.QueueHarness.T0;
import static io.cloudmount.engine.writeback.UploadStatus.State.RETRY_WAIT;
import static io.cloudmount.engine.writeback.UploadStatus.State.UPLOADING;
import static io.cloudmount.engine.writeback.UploadStatus.State.WAITING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cancel, rename and pause: what the VFS calls around unlink and rename. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WritebackQueueNamespaceTest {
    private final QueueHarness h = new QueueHarness();

    @AfterEach
    void stop() {
        h.close();
    }

    private CompletableFuture<Void> inBackground(Blocking call) {
        return CompletableFuture.runAsync(() -> {
            try {
                call.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private interface Blocking {
        void run() throws InterruptedException;
    }

    @Test
    void cancelOfAWaitingUploadForgetsIt() throws InterruptedException {
        h.queue.enqueue("/a", 1);
        h.queue.cancel("/a");

        assertThat(h.queue.isPending("/a")).isFalse();
        h.advance(DELAY);
        assertThat(h.uploads.paths()).isEmpty();
        await().until(() -> h.events.events().contains("removed /a"));
    }

    @Test
    void cancelOfARunningUploadInterruptsItAndReturnsOnceItHasEnded() throws InterruptedException {
        h.queue.enqueue("/a", 1);
        h.advance(DELAY);
        ScriptedUploads.Call call = h.uploads.awaitCall("/a");

        h.queue.cancel("/a");

        assertThat(call.interrupted).isTrue();
        assertThat(call.returned()).isTrue();
        assertThat(h.queue.pending()).isEmpty();
        assertThat(h.queue.awaitIdle(Duration.ofSeconds(1))).isTrue();
        assertThat(h.events.events()).noneMatch(e -> e.startsWith("finished") || e.startsWith("failed"));
    }

    @Test
    void cancelWaitsForAStuckUploadOnlyUntilTheDrainTimeoutAndTheNameStaysBusy() throws InterruptedException {
        h.uploads.ignoreInterrupts();
        h.queue.enqueue("/a", 1);
        h.advance(DELAY);
        ScriptedUploads.Call stuck = h.uploads.awaitCall("/a");

        CompletableFuture<Void> cancel = inBackground(() -> h.queue.cancel("/a"));
        await().until(() -> {
            h.advance(Duration.ofMinutes(1)); // drain timeout: 10 min
            return cancel.isDone();
        });
        cancel.join();
        assertThat(stuck.returned()).isFalse();
        assertThat(h.queue.pending()).isEmpty();

        // The file is created again: its upload must not run beside the old one still in flight.
        h.queue.enqueue("/a", 2);
        h.advance(DELAY);
        assertThat(h.state("/a")).isEqualTo(WAITING);
        stuck.succeed();
        h.uploads.awaitCall("/a").succeed();
        h.awaitGone("/a");
        assertThat(h.uploads.samePathOverlaps()).isZero();
    }

    @Test
    void cancelOfADirectoryForgetsEverythingBelowIt() throws InterruptedException {
        h.queue.enqueue("/d/a", 1);
        h.queue.enqueue("/d/sub/b", 1);
        h.queue.enqueue("/d-other", 1);

        h.queue.cancel("/d");

        assertThat(h.pendingPaths()).containsExactly("/d-other");
    }

    @Test
    void renamedReKeysQueuedUploadsKeepingTheirTimingAndTheActionSeesTheNewNames() {
        h.uploads.completeAtOnce();
        h.queue.enqueue("/dir/a", 1);
        h.advance(Duration.ofSeconds(2));
        h.queue.enqueue("/dir/sub/b", 2);

        h.queue.renamed("/dir", "/moved");

        assertThat(h.queue.pending()).containsExactly(
                new UploadStatus("/moved/a", WAITING, 0, 1, 0, null, T0.plus(DELAY)),
                new UploadStatus("/moved/sub/b", WAITING, 0, 2, 0, null, T0.plusSeconds(2).plus(DELAY)));
        h.advance(DELAY);
        await().until(() -> h.queue.pending().isEmpty());
        assertThat(h.uploads.paths()).containsExactlyInAnyOrder("/moved/a", "/moved/sub/b");
    }

    @Test
    void renamedKeepsARetryAndItsAttempts() {
        h.uploads.completeAtOnce().thenFail(new IOException("reset"));
        h.queue.enqueue("/a", 1);
        h.advance(DELAY);
        h.awaitState("/a", RETRY_WAIT);

        h.queue.renamed("/a", "/b");

        assertThat(h.status("/b")).extracting(UploadStatus::state, UploadStatus::attempts).containsExactly(RETRY_WAIT, 1);
        h.advance(Duration.ofSeconds(1));
        h.awaitGone("/b");
        assertThat(h.uploads.paths()).containsExactly("/a", "/b");
    }

    @Test
    void renameOverAQueuedFileReplacesItsUpload() {
        h.uploads.completeAtOnce();
        h.queue.enqueue("/target", 1);
        h.queue.enqueue("/source", 2);

        h.queue.renamed("/source", "/target");

        assertThat(h.queue.pending()).extracting(UploadStatus::path, UploadStatus::bytesTotal)
                .containsExactly(tuple("/target", 2L));
        h.advance(DELAY);
        await().until(() -> h.queue.pending().isEmpty());
        assertThat(h.uploads.paths()).containsExactly("/target");
    }

    @Test
    void aFileRenamedWhileUploadingUploadsAgainUnderTheNewName() {
        h.queue.enqueue("/a", 1);
        h.advance(DELAY);
        ScriptedUploads.Call running = h.uploads.awaitCall("/a");

        h.queue.renamed("/a", "/b");
        assertThat(h.status("/b").state()).isEqualTo(UPLOADING);
        running.succeed();

        h.uploads.awaitCall("/b").succeed();
        h.awaitGone("/b");
        assertThat(h.uploads.paths()).containsExactly("/a", "/b");
    }

    @Test
    void pauseAndDrainWaitsForTheRunningUploadBelowAndStartsNoneThereUntilResumed() throws Exception {
        h.queue.enqueue("/d/running", 1);
        h.advance(DELAY);
        ScriptedUploads.Call running = h.uploads.awaitCall("/d/running");
        h.queue.enqueue("/d/next", 1);
        h.queue.enqueue("/elsewhere", 1);

        CompletableFuture<Void> drain = inBackground(() -> h.queue.pauseAndDrain("/d"));
        await().until(() -> h.queue.isPaused("/d/next"));
        h.advance(DELAY);
        h.uploads.awaitCall("/elsewhere").succeed();
        assertThat(h.state("/d/next")).isEqualTo(WAITING);
        assertThat(drain).isNotDone();

        running.succeed();
        drain.get(10, TimeUnit.SECONDS);
        assertThat(h.state("/d/next")).isEqualTo(WAITING);

        h.queue.resume("/d");
        h.uploads.awaitCall("/d/next").succeed();
        h.awaitGone("/d/next");
    }

    @Test
    void theRenameProtocolUploadsOnlyUnderTheNewName() throws InterruptedException {
        h.uploads.completeAtOnce();
        h.queue.enqueue("/d/a", 1);
        h.advance(DELAY);
        h.queue.enqueue("/d/a", 1); // saved again, due at 10 s

        h.queue.pauseAndDrain("/d");
        h.advance(DELAY);
        h.queue.renamed("/d", "/e");
        h.queue.resume("/d");

        await().until(() -> h.queue.pending().isEmpty());
        assertThat(h.uploads.paths()).containsExactly("/d/a", "/e/a");
    }

    @Test
    void resumeWithoutAPauseIsAnError() {
        assertThatThrownBy(() -> h.queue.resume("/d")).isInstanceOf(IllegalStateException.class);
    }
}
