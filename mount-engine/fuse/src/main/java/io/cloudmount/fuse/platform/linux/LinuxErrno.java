package io.cloudmount.fuse.platform.linux;

import static io.cloudmount.engine.FsError.*;

import io.cloudmount.engine.FsError;
import io.cloudmount.fuse.platform.ErrnoTable;
import java.util.Map;

/** glibc errno numbers (identical on x86_64 and aarch64). */
final class LinuxErrno {
    static final ErrnoTable TABLE = new ErrnoTable(Map.ofEntries(
            Map.entry(EPERM, 1), Map.entry(ENOENT, 2), Map.entry(EIO, 5), Map.entry(EBADF, 9),
            Map.entry(EAGAIN, 11), Map.entry(ENOMEM, 12), Map.entry(EACCES, 13), Map.entry(EBUSY, 16),
            Map.entry(EEXIST, 17), Map.entry(EXDEV, 18), Map.entry(ENOTDIR, 20), Map.entry(EISDIR, 21),
            Map.entry(EINVAL, 22), Map.entry(EMFILE, 24), Map.entry(EFBIG, 27), Map.entry(ENOSPC, 28),
            Map.entry(EROFS, 30), Map.entry(ERANGE, 34), Map.entry(ENAMETOOLONG, 36), Map.entry(ENOSYS, 38),
            Map.entry(ENOTEMPTY, 39), Map.entry(EILSEQ, 84), Map.entry(ENODATA, 61), Map.entry(ENOTSUP, 95),
            Map.entry(ETIMEDOUT, 110), Map.entry(ECANCELED, 125)));

    private LinuxErrno() {
    }

    static int of(FsError error) {
        return TABLE.of(error);
    }
}
