package io.cloudmount.provider;

import java.io.IOException;

/**
 * A failure of a store, of a known {@link Kind}. Subclasses exist for typed {@code catch} clauses;
 * the engine maps {@link #kind()} to an errno in one place.
 * Messages name the path and what failed; they never carry credentials or presigned URLs.
 */
public abstract sealed class ProviderException extends IOException {

    /** What went wrong, in the terms the engine maps to errno. */
    public enum Kind {
        NOT_FOUND, ALREADY_EXISTS, NOT_EMPTY, NOT_A_DIRECTORY, IS_A_DIRECTORY, ACCESS_DENIED,
        /** Temporarily unreachable or throttled; the same call may succeed later. */
        UNAVAILABLE,
        INVALID_NAME,
        /** A path longer than the store can hold (an S3 key has at most 1024 bytes). */
        NAME_TOO_LONG,
        NO_SPACE, UNSUPPORTED,
        /** The object changed under us (ETag or precondition mismatch). */
        CONFLICT,
        /** Anything else: a corrupt reply, an unexpected local I/O error. */
        IO
    }

    private final Kind kind;
    private final String path;

    protected ProviderException(Kind kind, String path, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.path = path;
    }

    public Kind kind() {
        return kind;
    }

    /** The path the failing call was about. */
    public String path() {
        return path;
    }

    /** True where retrying the same call later may succeed. */
    public boolean isRetryable() {
        return kind == Kind.UNAVAILABLE;
    }

    public static final class NotFound extends ProviderException {
        public NotFound(String path) {
            super(Kind.NOT_FOUND, path, "no such file or directory: " + path, null);
        }

        /**
         * "Not found" answers every lookup of a new name (each file create starts with one): control flow
         * on a hot path, never printed with a trace, so it skips filling one.
         */
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }

        /** With a detail for when what is missing is not the path itself (e.g. a whole bucket). */
        public NotFound(String path, String detail) {
            super(Kind.NOT_FOUND, path, "no such file or directory: " + path + " (" + detail + ")", null);
        }
    }

    public static final class AlreadyExists extends ProviderException {
        public AlreadyExists(String path) {
            super(Kind.ALREADY_EXISTS, path, "already exists: " + path, null);
        }

        /** Control flow like {@link NotFound}: no stack trace. */
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    public static final class NotEmpty extends ProviderException {
        public NotEmpty(String path) {
            super(Kind.NOT_EMPTY, path, "directory not empty: " + path, null);
        }
    }

    public static final class NotADirectory extends ProviderException {
        public NotADirectory(String path) {
            super(Kind.NOT_A_DIRECTORY, path, "not a directory: " + path, null);
        }
    }

    public static final class IsADirectory extends ProviderException {
        public IsADirectory(String path) {
            super(Kind.IS_A_DIRECTORY, path, "is a directory: " + path, null);
        }
    }

    public static final class AccessDenied extends ProviderException {
        public AccessDenied(String path, String detail) {
            this(path, detail, null);
        }

        public AccessDenied(String path, String detail, Throwable cause) {
            super(Kind.ACCESS_DENIED, path, "access denied: " + path + (detail == null ? "" : " (" + detail + ")"), cause);
        }
    }

    public static final class Unavailable extends ProviderException {
        public Unavailable(String path, String detail, Throwable cause) {
            super(Kind.UNAVAILABLE, path, "store unavailable for " + path + ": " + detail, cause);
        }
    }

    public static final class InvalidName extends ProviderException {
        public InvalidName(String path, String detail) {
            super(Kind.INVALID_NAME, path, "invalid name " + path + ": " + detail, null);
        }
    }

    public static final class NameTooLong extends ProviderException {
        public NameTooLong(String path, String detail) {
            super(Kind.NAME_TOO_LONG, path, "name too long: " + path + " (" + detail + ")", null);
        }
    }

    public static final class NoSpace extends ProviderException {
        public NoSpace(String path, String detail) {
            super(Kind.NO_SPACE, path, "no space left for " + path + (detail == null ? "" : " (" + detail + ")"), null);
        }
    }

    public static final class Unsupported extends ProviderException {
        public Unsupported(String path, String what) {
            super(Kind.UNSUPPORTED, path, what + " is not supported by this store (" + path + ")", null);
        }
    }

    public static final class Conflict extends ProviderException {
        public Conflict(String path, String detail) {
            super(Kind.CONFLICT, path, "changed concurrently: " + path + " (" + detail + ")", null);
        }
    }

    public static final class Io extends ProviderException {
        public Io(String path, String detail, Throwable cause) {
            super(Kind.IO, path, "I/O error on " + path + ": " + detail, cause);
        }
    }
}
