package io.cloudmount.provider;

import java.time.Instant;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * Options of a whole-object {@link StorageProvider#upload} or a partial
 * {@link StorageProvider#uploadChanged}.
 *
 * @param modified modification time to store with the object
 * @param progress receives the number of bytes done so far (may be called from any thread): sent, and for
 *                 {@code uploadChanged} also copied on the server, so the last value is the object's size;
 *                 it may step back when a part is sent again after a failure
 */
public record UploadOptions(Instant modified, LongConsumer progress) {
    private static final LongConsumer NO_PROGRESS = bytes -> { };

    public UploadOptions {
        Objects.requireNonNull(modified, "modified");
        progress = progress == null ? NO_PROGRESS : progress;
    }

    public static UploadOptions modifiedAt(Instant modified) {
        return new UploadOptions(modified, NO_PROGRESS);
    }
}
