package io.cloudmount.engine.writeback;

import java.time.Instant;
import java.util.Objects;

/**
 * Snapshot of one pending or running upload, for the UI and the CLI.
 *
 * @param path       the path under its current name
 * @param state      where the upload stands
 * @param bytesSent  bytes sent by the running attempt (0 unless {@link State#UPLOADING})
 * @param bytesTotal the size hint given to {@link WritebackQueue#enqueue}; negative if unknown
 * @param attempts   attempts started for the current content (reset by success and by re-enqueuing
 *                   a failed upload)
 * @param lastError  why the last attempt failed, or {@code null}
 * @param notBefore  when the upload may start ({@link State#WAITING}, {@link State#RETRY_WAIT}),
 *                   else {@code null}
 */
public record UploadStatus(String path, State state, long bytesSent, long bytesTotal, int attempts,
                           String lastError, Instant notBefore) {

    public enum State {
        /** Waiting for the write-back delay to pass (or for a free slot, or for a pause to end). */
        WAITING,
        /** An attempt is running. */
        UPLOADING,
        /** The last attempt failed with a retryable error; waiting for the backoff to pass. */
        RETRY_WAIT,
        /** Gave up: a non-retryable error, or the attempts ran out. Kept until enqueued again or cancelled. */
        FAILED
    }

    public UploadStatus {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(state, "state");
    }
}
