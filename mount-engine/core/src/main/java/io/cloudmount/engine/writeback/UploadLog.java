package io.cloudmount.engine.writeback;

import io.cloudmount.provider.ProviderException;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The log lines of the queue (one per upload event) and their number formats. Paths only, no secrets. */
final class UploadLog {
    private static final Logger LOG = LoggerFactory.getLogger(WritebackQueue.class);
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private UploadLog() {
    }

    /** One upload done: a DEBUG line; the INFO line comes per batch ({@link UploadSummary}). */
    static void uploaded(String path, long bytes, Duration took) {
        LOG.debug("Uploaded {} ({}) in {}", path, bytes(bytes), seconds(took));
    }

    /** A batch of uploads ended ({@link UploadSummary}): one INFO line. */
    static void batchUploaded(String summary) {
        LOG.info(summary);
    }

    static void retrying(String path, int attempts, Duration wait, String reason) {
        LOG.warn("Upload of {} failed (attempt {}), retrying in {}: {}", path, attempts, seconds(wait), reason);
    }

    static void renamedWhileUploading(String path, String target) {
        LOG.warn("Upload of {} was running when it was renamed to {}; uploading again under the new name",
                path, target);
    }

    static void ignoredOutcome(String path) {
        LOG.debug("Upload of {} ended after it was cancelled or replaced; outcome ignored", path);
    }

    static void drainTimedOut(String path, Duration timeout, String operation) {
        LOG.warn("Uploads at {} still running after {}; continuing with {} anyway", path, seconds(timeout), operation);
    }

    static void closedWithPending(int pending) {
        LOG.info("Write-back queue closed with {} upload(s) pending", pending);
    }

    static void stoppedByClose(String path, String reason) {
        LOG.info("Upload of {} stopped by the unmount ({}); it stays in the cache and resumes at the next mount",
                path, reason);
    }

    static void supersededFailure(String path, String reason) {
        LOG.warn("Upload of {} failed, a newer version is queued: {}", path, reason);
    }

    static void failed(String path, int attempts, Throwable error) {
        if (error instanceof IOException) {
            LOG.error("Upload of {} failed after {} attempt(s), giving up: {}", path, attempts, describe(error));
        } else {
            LOG.error("Upload of {} failed after {} attempt(s), giving up", path, attempts, error);
        }
    }

    /** A one-line reason for the UI: provider messages are written for users already. */
    static String describe(Throwable error) {
        if (error instanceof ProviderException) {
            return error.getMessage();
        }
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return Math.max(bytes, 0) + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
