package io.cloudmount.engine.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UploadSummaryTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private final UploadSummary summary = new UploadSummary();

    @Test
    void manyUploadsMakeOneLineWhenTheQueueGoesIdle() {
        for (int i = 0; i < 2000; i++) {
            summary.uploaded("/small/f" + i, 4096, T0);
            assertThat(summary.takeReport(false, T0.plusMillis(i))).isNull();
        }

        assertThat(summary.takeReport(true, T0.plusMillis(4200))).isEqualTo("Uploaded 2000 files (7.8 MiB) in 4.2 s");
        assertThat(summary.takeReport(true, T0.plusMillis(5000))).as("a new batch starts empty").isNull();
    }

    @Test
    void aBatchOfOneNamesTheFile() {
        summary.uploaded("/big.bin", 512L << 20, T0);

        assertThat(summary.takeReport(true, T0.plusSeconds(4))).isEqualTo("Uploaded /big.bin (512.0 MiB) in 4.0 s");
    }

    @Test
    void aQueueThatNeverGoesIdleStillReportsEveryMinute() {
        summary.uploaded("/a", 1, T0);
        summary.uploaded("/b", 1, T0.plusSeconds(30));

        assertThat(summary.takeReport(false, T0.plusSeconds(59))).isNull();
        assertThat(summary.takeReport(false, T0.plus(Duration.ofMinutes(1)))).isEqualTo("Uploaded 2 files (2 B) in 60.0 s");
    }
}
