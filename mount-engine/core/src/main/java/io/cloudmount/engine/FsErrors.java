package io.cloudmount.engine;

import io.cloudmount.provider.ProviderException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where an exception becomes an {@link FsError}. Expected failures (a missing file)
 * are not logged; a failure of the store is logged once, at WARN, with the operation and path;
 * anything unexpected becomes {@link FsError#EIO} and is logged with its stack trace.
 */
public final class FsErrors {
    private static final Logger LOG = LoggerFactory.getLogger(FsErrors.class);

    private FsErrors() {
    }

    public static FsError classify(Throwable t, String op, String path) {
        if (t instanceof FsException fs) {
            return fs.error();
        }
        if (t instanceof ProviderException pe) {
            FsError error = of(pe.kind());
            if (error == FsError.EIO || error == FsError.EAGAIN || error == FsError.EACCES
                    || error == FsError.ENAMETOOLONG) { // says which limit: the kernel's 255 bytes per name were kept
                LOG.warn("{} {} failed: {}", op, path, pe.getMessage());
            }
            return error;
        }
        if (t instanceof NoSuchFileException) {
            return FsError.ENOENT;
        }
        if (t instanceof FileAlreadyExistsException) {
            return FsError.EEXIST;
        }
        if (t instanceof DirectoryNotEmptyException) {
            return FsError.ENOTEMPTY;
        }
        if (t instanceof NotDirectoryException) {
            return FsError.ENOTDIR;
        }
        if (t instanceof AccessDeniedException) {
            return FsError.EACCES;
        }
        if (t instanceof InterruptedIOException || t instanceof InterruptedException) {
            return FsError.ECANCELED;
        }
        if (isNoSpace(t)) {
            return FsError.ENOSPC;
        }
        if (t instanceof OutOfMemoryError) {
            LOG.error("{} {}: out of memory", op, path);
            return FsError.ENOMEM;
        }
        LOG.error("{} {} failed unexpectedly", op, path, t);
        return FsError.EIO;
    }

    /** The errno a store failure means to a program using the mount. */
    public static FsError of(ProviderException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> FsError.ENOENT;
            case ALREADY_EXISTS -> FsError.EEXIST;
            case NOT_EMPTY -> FsError.ENOTEMPTY;
            case NOT_A_DIRECTORY -> FsError.ENOTDIR;
            case IS_A_DIRECTORY -> FsError.EISDIR;
            case ACCESS_DENIED -> FsError.EACCES;
            // EAGAIN tells well-behaved programs to retry; most show "resource temporarily unavailable".
            case UNAVAILABLE -> FsError.EIO;
            case INVALID_NAME -> FsError.EINVAL;
            case NAME_TOO_LONG -> FsError.ENAMETOOLONG;
            case NO_SPACE -> FsError.ENOSPC;
            case UNSUPPORTED -> FsError.ENOTSUP;
            case CONFLICT -> FsError.EBUSY;
            case IO -> FsError.EIO;
        };
    }

    /**
     * The disk, or the cache ({@link io.cloudmount.engine.cache.CacheFullException}), is full: Java names
     * ENOSPC only in the message.
     */
    public static boolean isNoSpace(Throwable t) {
        return t instanceof IOException && String.valueOf(t.getMessage()).contains("No space left");
    }
}
