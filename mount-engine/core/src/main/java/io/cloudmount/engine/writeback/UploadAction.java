package io.cloudmount.engine.writeback;

import java.io.IOException;
import java.util.function.LongConsumer;

/**
 * Performs one upload of the current local content of a path. The queue calls it on a worker thread,
 * never twice at once for the same path.
 *
 * <p>Failures decide what happens next: a {@link io.cloudmount.provider.ProviderException} whose
 * {@link io.cloudmount.provider.ProviderException#isRetryable() isRetryable()} is true, or any other
 * {@link IOException}, is retried with backoff; a non-retryable {@code ProviderException} (or an
 * unchecked exception, which is a bug) makes the upload {@link UploadStatus.State#FAILED FAILED}.
 *
 * <p>The attempt may be interrupted when its path is cancelled; an interrupted upload should stop
 * soon and throw (for example {@link java.io.InterruptedIOException}). The action must not call the
 * queue's blocking methods ({@code cancel}, {@code pauseAndDrain}, {@code awaitIdle}).
 */
@FunctionalInterface
public interface UploadAction {
    /**
     * @param path     the path to upload, under its name at the time the attempt starts
     * @param progress receives the number of bytes sent so far; may be called from any thread
     * @throws IOException a {@link io.cloudmount.provider.ProviderException} (retryable or not) or
     *                     another I/O error (retryable)
     */
    void upload(String path, LongConsumer progress) throws IOException;
}
