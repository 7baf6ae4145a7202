package io.cloudmount.fuse.platform.windows;

import static io.cloudmount.engine.FsError.*;

import io.cloudmount.fuse.platform.ErrnoTable;
import java.util.Map;

/**
 * MSVC/UCRT {@code errno.h} numbers, the numbering WinFsp's FUSE layer decodes for a plain Windows
 * caller (environment {@code 'W'}). Many differ from glibc: 41 is ENOTEMPTY here, while 39 (Linux's
 * ENOTEMPTY) means "lock not granted". WinFsp turns each number into an NTSTATUS with its own table
 * ({@code src/dll/fuse/errno.i}); a number missing there becomes STATUS_ACCESS_DENIED. That is the
 * case for EAGAIN (11) and ENOTSUP (129): both are still the correct UCRT numbers, so they stay, and
 * Windows programs see "access denied" for them.
 */
final class WindowsErrno {
    static final ErrnoTable TABLE = new ErrnoTable(Map.ofEntries(
            Map.entry(EPERM, 1), Map.entry(ENOENT, 2), Map.entry(EIO, 5), Map.entry(EBADF, 9),
            Map.entry(EAGAIN, 11), Map.entry(ENOMEM, 12), Map.entry(EACCES, 13), Map.entry(EBUSY, 16),
            Map.entry(EEXIST, 17), Map.entry(EXDEV, 18), Map.entry(ENOTDIR, 20), Map.entry(EISDIR, 21),
            Map.entry(EINVAL, 22), Map.entry(EMFILE, 24), Map.entry(EFBIG, 27), Map.entry(ENOSPC, 28),
            Map.entry(EROFS, 30), Map.entry(ERANGE, 34), Map.entry(ENAMETOOLONG, 38), Map.entry(ENOSYS, 40),
            Map.entry(ENOTEMPTY, 41), Map.entry(EILSEQ, 42), Map.entry(ECANCELED, 105),
            // UCRT's ENODATA (120) reaches Windows as STATUS_END_OF_FILE; cgofuse uses it as ENOATTR too.
            Map.entry(ENODATA, 120),
            // UCRT has ENOTSUP 129 and EOPNOTSUPP 130 (Linux: both 95); FsError.ENOTSUP is the former.
            Map.entry(ENOTSUP, 129),
            Map.entry(ETIMEDOUT, 138)));

    private WindowsErrno() {
    }
}
