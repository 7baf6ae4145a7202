package io.cloudmount.engine.writeback;

import static io.cloudmount.engine.writeback.QueueHarness.DELAY;
import static io.cloudmount.engine.writeback.UploadStatus.State.FAILED;
import static io.cloudmount.engine.writeback.UploadStatus.State.RETRY_WAIT;
import static io.cloudmount.engine.writeback.UploadStatus.State.WAITING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudmount.provider.ProviderException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WritebackQueueRetryTest {
    private QueueHarness h = new QueueHarness();

    @AfterEach
    void stop() {
        h.close();
    }

    private static ProviderException unavailable() {
        return new ProviderException.Unavailable("/a", "503 Slow Down", null);
    }

    private void awaitAttempt(String path, UploadStatus.State state, int attempts) {
        await().until(() -> h.queue.pending().stream()
                .anyMatch(s -> s.path().equals(path) && s.state() == state && s.attempts() == attempts));
    }

    @Test
    void retryableFailuresBackOffExponentiallyThenSucceed() {
        h.uploads.completeAtOnce().thenFail(unavailable(), unavailable());
        h.queue.enqueue("/a", 1);
        h.advance(DELAY);
        Instant firstFailure = h.clock.instant();

        awaitAttempt("/a", RETRY_WAIT, 1);
        UploadStatus afterFirst = h.status("/a");
        assertThat(afterFirst.lastError()).contains("store unavailable for /a: 503 Slow Down");
        assertThat(afterFirst.notBefore()).isBetween(firstFailure.plusMillis(500), firstFailure.plusSeconds(1));

        h.advance(Duration.ofSeconds(1)); // the first backoff is at most 1 s
        awaitAttempt("/a", RETRY_WAIT, 2);
        assertThat(h.status("/a").notBefore()) // the second is 1 to 2 s after the second failure
                .isBetween(afterFirst.notBefore().plusSeconds(1), h.clock.instant().plusSeconds(2));

        h.advance(Duration.ofSeconds(2));
        h.awaitGone("/a");
        assertThat(h.uploads.paths()).containsExactly("/a", "/a", "/a");
        await().until(() -> h.events.events().contains("finished /a"));
        assertThat(h.events.about("/a")).filteredOn(e -> e.endsWith("RETRY_WAIT")).hasSize(2);
    }

    @Test
    void anIoErrorOtherThanAProviderErrorIsRetried() {
        h.uploads.completeAtOnce().thenFail(new IOException("Connection reset"));
        h.queue.enqueue("/a", 1);
        h.advance(DELAY);

        awaitAttempt("/a", RETRY_WAIT, 1);
        assertThat(h.status("/a").lastError()).isEqualTo("IOException: Connection reset");
    }

    @Test
    void nonRetryableFailureIsFailedWithItsErrorAndStaysListed() throws InterruptedException {
        h.uploads.completeAtOnce().thenFail(new ProviderException.AccessDenied("/a", "bucket policy"));
        h.queue.enqueue("/a", 1);
        h.advance(DELAY);

        h.awaitState("/a", FAILED);
        assertThat(h.status("/a")).extracting(UploadStatus::attempts, UploadStatus::lastError, UploadStatus::notBefore)
                .containsExactly(1, "access denied: /a (bucket policy)", null);
        await().until(() -> h.events.events().contains("failed /a: access denied: /a (bucket policy)"));
        assertThat(h.queue.isPending("/a")).isTrue();
        assertThat(h.queue.awaitIdle(Duration.ofSeconds(1))).as("FAILED counts as idle").isTrue();

        h.advance(Duration.ofHours(1));
        assertThat(h.uploads.paths()).containsExactly("/a");
    }

    @Test
    void enqueueingAFailedUploadStartsItOver() {
        h.uploads.completeAtOnce().thenFail(new ProviderException.NoSpace("/a", null));
        h.queue.enqueue("/a", 1);
        h.advance(DELAY);
        h.awaitState("/a", FAILED);

        h.queue.enqueue("/a", 1);
        assertThat(h.status("/a")).extracting(UploadStatus::state, UploadStatus::attempts, UploadStatus::lastError)
                .containsExactly(WAITING, 0, null);
        h.advance(DELAY);
        h.awaitGone("/a");
        assertThat(h.uploads.succeeded()).containsExactly("/a");
    }

    @Test
    void retryableFailuresBecomeFinalWhenTheAttemptsRunOut() {
        h.close();
        h = new QueueHarness(QueueHarness.settings().withMaxAttempts(2));
        h.uploads.completeAtOnce().thenFail(unavailable(), unavailable(), unavailable());
        h.queue.enqueue("/a", 1);
        h.advance(DELAY);
        awaitAttempt("/a", RETRY_WAIT, 1);

        h.advance(Duration.ofSeconds(1));
        awaitAttempt("/a", FAILED, 2);
        h.advance(Duration.ofHours(1));
        assertThat(h.uploads.paths()).hasSize(2);
    }

    @Test
    void anUploadStoppedByTheUnmountWaitsForTheNextMountInsteadOfFailing() {
        h.queue.enqueue("/a", 1);
        h.advance(DELAY);
        ScriptedUploads.Call call = h.uploads.awaitCall("/a");

        h.queue.close(); // unmount --no-wait: close, then interrupt the running uploads
        call.fail(new ProviderException.Io("/a", "interrupted", new java.io.InterruptedIOException()));

        awaitAttempt("/a", WAITING, 1);
        assertThat(h.events.events()).noneMatch(e -> e.startsWith("failed"));
    }

    @Test
    void anUploadThatFailsBeforeTheQueueClosesStillFails() {
        h.queue.enqueue("/a", 1);
        h.advance(DELAY);
        h.uploads.awaitCall("/a").fail(new ProviderException.Io("/a", "disk read error", null));

        awaitAttempt("/a", FAILED, 1);
        assertThat(h.events.events()).anyMatch(e -> e.startsWith("failed /a"));
    }

    @Test
    void anUncheckedExceptionFromTheActionFailsTheUpload() {
        WritebackQueue queue = new WritebackQueue((path, progress) -> {
            throw new IllegalStateException("bug");
        }, QueueHarness.settings().withDelay(Duration.ZERO), h.clock, h.scheduler, h.workers);
        queue.enqueue("/a", 1);

        await().until(() -> queue.pending().get(0).state() == FAILED);
        assertThat(queue.pending().get(0).lastError()).isEqualTo("IllegalStateException: bug");
        queue.close();
    }

    @Test
    void aFailureOfContentThatWasSavedAgainMeanwhileRetriesTheNewVersion() {
        h.queue.enqueue("/a", 1);
        h.advance(DELAY);
        ScriptedUploads.Call first = h.uploads.awaitCall("/a");
        h.queue.enqueue("/a", 2);

        first.fail(new ProviderException.InvalidName("/a", "old content rejected"));
        awaitAttempt("/a", WAITING, 0);
        assertThat(h.events.events()).noneMatch(e -> e.startsWith("failed"));

        h.advance(DELAY);
        h.uploads.awaitCall("/a").succeed();
        h.awaitGone("/a");
    }
}
