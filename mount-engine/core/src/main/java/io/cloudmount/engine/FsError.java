package io.cloudmount.engine;

/**
 * Platform-neutral error codes, named after POSIX errno. Each frontend owns the table that turns
 * them into numbers: Linux and Windows (WinFsp, MSVC numbering) disagree on many values.
 */
public enum FsError {
    EPERM, ENOENT, EIO, EBADF, EAGAIN, ENOMEM, EACCES, EBUSY, EEXIST, EXDEV, ENOTDIR, EISDIR,
    EINVAL, EMFILE, EFBIG, ENOSPC, EROFS, ERANGE, ENAMETOOLONG, ENOSYS, ENOTEMPTY, EILSEQ,
    ENODATA, ENOTSUP, ETIMEDOUT, ECANCELED
}
