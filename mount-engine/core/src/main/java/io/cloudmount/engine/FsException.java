package io.cloudmount.engine;

import java.io.IOException;

/** A file-system operation failed with a known {@link FsError}. */
public final class FsException extends IOException {
    private final FsError error;

    public FsException(FsError error, String message) {
        super(message);
        this.error = error;
    }

    public FsException(FsError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public FsError error() {
        return error;
    }

    /**
     * Errors are control flow on hot paths (a lookup of a missing name is an ENOENT); their stack
     * traces are never printed, so skip the cost of filling them.
     */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
