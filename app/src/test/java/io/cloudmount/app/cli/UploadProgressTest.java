package io.cloudmount.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.engine.writeback.UploadStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress line the mount logs and {@code cloudmount unmount} prints while it waits for uploads. */
class UploadProgressTest {
    @Test
    void uploadsThatKeepFailingSayWhyAndHowToStopWaiting() {
        String line = UploadProgress.summary(List.of(
                new UploadStatus("/report.txt", UploadStatus.State.RETRY_WAIT, 0, 5, 3,
                        "store unavailable for /report.txt: cannot connect to http://127.0.0.1:9000", Instant.now()),
                new UploadStatus("/b.txt", UploadStatus.State.WAITING, 0, 7, 0, null, Instant.now())));

        assertThat(line).startsWith("2 uploads pending: 0.0 of 0.0 MiB sent")
                .contains("retrying /report.txt: store unavailable for /report.txt: cannot connect to http://127.0.0.1:9000")
                .contains("cloudmount unmount --no-wait");
    }

    @Test
    void uploadsGoingWellAreJustCounted() {
        assertThat(UploadProgress.summary(List.of(
                new UploadStatus("/a", UploadStatus.State.UPLOADING, 1 << 20, 2 << 20, 1, null, null))))
                .isEqualTo("1 upload pending: 1.0 of 2.0 MiB sent");
    }
}
