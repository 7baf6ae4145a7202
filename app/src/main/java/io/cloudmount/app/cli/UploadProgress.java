package io.cloudmount.app.cli;

import io.cloudmount.engine.vfs.Vfs;
import io.cloudmount.engine.writeback.UploadStatus;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Pending uploads in the CLI's log: a line every few seconds while there are any. */
final class UploadProgress {
    private static final Logger LOG = LoggerFactory.getLogger(UploadProgress.class);
    private final Vfs vfs;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "upload-progress");
        t.setDaemon(true);
        return t;
    });
    private String last = "";

    UploadProgress(Vfs vfs) {
        this.vfs = vfs;
    }

    void logPeriodically() {
        timer.scheduleWithFixedDelay(this::logOnce, 5, 5, TimeUnit.SECONDS);
    }

    void stop() {
        timer.shutdownNow();
    }

    private void logOnce() {
        String line = summary(vfs.pendingUploads());
        if (!line.isEmpty() && !line.equals(last)) {
            LOG.info("{}", line);
        }
        last = line;
    }

    /**
     * e.g. "3 uploads pending: 12.0 of 40.5 MiB sent (failed: /a.bin: access denied)", with the last error
     * of one upload being retried, if any.
     */
    static String summary(List<UploadStatus> pending) {
        if (pending.isEmpty()) {
            return "";
        }
        long sent = 0;
        long total = 0;
        StringBuilder failed = new StringBuilder();
        UploadStatus retrying = null;
        for (UploadStatus s : pending) {
            sent += s.bytesSent();
            total += Math.max(s.bytesTotal(), s.bytesSent());
            if (s.state() == UploadStatus.State.FAILED) {
                failed.append(failed.length() == 0 ? "" : "; ").append(s.path()).append(": ").append(s.lastError());
            } else if (retrying == null && s.lastError() != null) {
                retrying = s;
            }
        }
        // Why uploads do not finish (the server is down, say), and what the user can do about it: without
        // this, an unmount printed "1 upload pending: 0.0 of 0.0 MiB sent" and waited, saying nothing else.
        String retry = retrying == null ? "" : " (retrying " + retrying.path() + ": " + retrying.lastError()
                + "; cloudmount unmount --no-wait leaves the uploads for the next mount)";
        return String.format(Locale.ROOT, "%d upload%s pending: %.1f of %.1f MiB sent%s%s", pending.size(),
                pending.size() == 1 ? "" : "s", sent / 1048576.0, total / 1048576.0,
                failed.length() == 0 ? "" : " (failed: " + failed + ")", retry);
    }
}
