package io.cloudmount.app.cli;

import io.cloudmount.engine.vfs.Vfs;
import io.cloudmount.engine.writeback.UploadStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before unmounting: start every pending upload now and wait for them, showing progress in the log
 * and in the registry's status file (which {@code cloudmount unmount} prints). A second SIGINT/SIGTERM
 * or {@code cloudmount unmount --no-wait} stops waiting: the uploads stay journaled in the cache and
 * the next mount of the same source resumes them.
 */
final class UploadDrain {
    private static final Logger LOG = LoggerFactory.getLogger(UploadDrain.class);
    private static final Duration RELEASE_GRACE = Duration.ofSeconds(2);
    /** Starts the last status line when uploads failed: {@code cloudmount unmount} then says so and exits 1. */
    static final String FAILED_MARK = "! ";
    private final Vfs vfs;
    private final MountRegistry registry;
    private final Path mountPoint;
    private final StopSignals stop;

    UploadDrain(Vfs vfs, MountRegistry registry, Path mountPoint, StopSignals stop) {
        this.vfs = vfs;
        this.registry = registry;
        this.mountPoint = mountPoint;
        this.stop = stop;
    }

    void await() throws InterruptedException {
        // A file closed just before the signal is queued for upload by its release, which the kernel
        // sends a moment after close(2) returned: let those arrive before deciding what is pending.
        if (vfs.uploadsInBackground() && !vfs.awaitWritersClosed(RELEASE_GRACE)) {
            LOG.info("Files are still open for writing on the drive; their changes stay in the cache and are"
                    + " uploaded once they are closed or at the next mount");
        }
        if (!waitingIsOver()) {
            finishUploads();
        }
        report(); // also when nothing was left to wait for: uploads may have failed before the signal
    }

    private void finishUploads() {
        LOG.info("Finishing {} pending upload(s) before unmounting (interrupt again to leave them for the next mount)",
                active().size());
        Thread waiter = Thread.currentThread();
        stop.onSecond(waiter::interrupt);
        try {
            while (!waitingIsOver()) {
                String line = UploadProgress.summary(vfs.pendingUploads());
                writeStatus(line);
                LOG.info("{}", line);
                vfs.flushUploads(Duration.ofSeconds(2));
            }
        } catch (InterruptedException e) {
            LOG.info("Not waiting any longer");
        } finally {
            Thread.interrupted(); // a late second signal must not disturb the unmount
            stop.onSecond(() -> { });
        }
    }

    /** The last status line, which {@code cloudmount unmount} prints: failed uploads, or those left pending. */
    private void report() {
        List<UploadStatus> failed = vfs.pendingUploads().stream()
                .filter(s -> s.state() == UploadStatus.State.FAILED).toList();
        List<UploadStatus> left = active();
        if (!failed.isEmpty()) {
            UploadStatus first = failed.get(0);
            String line = failed.size() + " upload(s) failed and are not in the store (" + first.path() + ": "
                    + first.lastError() + "); they stay in the cache folder and are tried again at the next mount"
                    + (left.isEmpty() ? "" : ", with " + left.size() + " more left pending");
            LOG.warn("{}", line);
            writeStatus(FAILED_MARK + line);
        } else if (!left.isEmpty()) {
            LOG.warn("{} upload(s) left pending; they resume at the next mount of this drive", left.size());
            writeStatus(left.size() + " upload(s) left pending; they resume at the next mount of this drive");
        }
    }

    private boolean waitingIsOver() {
        return active().isEmpty() || stop.repeated() || Files.exists(registry.noWaitFile(mountPoint));
    }

    /** Failed uploads wait for the user, not for time: they do not hold up the unmount. */
    private List<UploadStatus> active() {
        return vfs.pendingUploads().stream().filter(s -> s.state() != UploadStatus.State.FAILED).toList();
    }

    private void writeStatus(String line) {
        try {
            Files.writeString(registry.statusFile(mountPoint), line + "\n");
        } catch (IOException ignored) {
            // progress display only
        }
    }
}
