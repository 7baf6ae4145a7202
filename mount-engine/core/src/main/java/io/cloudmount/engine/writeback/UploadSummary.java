package io.cloudmount.engine.writeback;

import java.time.Duration;
import java.time.Instant;

/**
 * Counts successful uploads until the queue has nothing left to do, then logs them as one INFO line
 * ("Uploaded 2000 files (7.8 MiB) in 4.2 s") instead of one line per file; a batch of one file still
 * names it. A queue that never goes idle reports at least once a minute. Failures and retries are
 * logged one by one ({@link UploadLog}), so errors stay loud. Guarded by the queue's lock, like
 * {@link QueueState}.
 */
final class UploadSummary {
    private static final Duration LONGEST_BATCH = Duration.ofMinutes(1);

    private int files;
    private long bytes;
    private String onlyPath;
    private Instant firstStarted;

    void uploaded(String path, long size, Instant started) {
        if (files == 0) {
            firstStarted = started;
            onlyPath = path;
        }
        files++;
        bytes += Math.max(size, 0);
    }

    /** Logs the batch if the queue is idle now, or the batch has run for a minute. */
    void maybeReport(boolean idle, Instant now) {
        String line = takeReport(idle, now);
        if (line != null) {
            UploadLog.batchUploaded(line);
        }
    }

    /** The batch's line, and a new batch begins; {@code null} while the batch goes on (or is empty). */
    String takeReport(boolean idle, Instant now) {
        if (files == 0 || !(idle || Duration.between(firstStarted, now).compareTo(LONGEST_BATCH) >= 0)) {
            return null;
        }
        Duration took = Duration.between(firstStarted, now);
        String line = files == 1
                ? "Uploaded " + onlyPath + " (" + UploadLog.bytes(bytes) + ") in " + UploadLog.seconds(took)
                : "Uploaded " + files + " files (" + UploadLog.bytes(bytes) + ") in " + UploadLog.seconds(took);
        files = 0;
        bytes = 0;
        onlyPath = null;
        firstStarted = null;
        return line;
    }
}
