package io.cloudmount.fuse.nativeapi;

/**
 * Slots of {@code struct fuse_operations}: the same order for slots 0-39 in WinFsp's
 * {@code fuse3_operations} and in every libfuse 3.2-3.18. Offset = slot * 8.
 */
public enum OperationSlot {
    GETATTR(0), READLINK(1), MKNOD(2), MKDIR(3), UNLINK(4), RMDIR(5), SYMLINK(6), RENAME(7), LINK(8),
    CHMOD(9), CHOWN(10), TRUNCATE(11), OPEN(12), READ(13), WRITE(14), STATFS(15), FLUSH(16), RELEASE(17),
    FSYNC(18), SETXATTR(19), GETXATTR(20), LISTXATTR(21), REMOVEXATTR(22), OPENDIR(23), READDIR(24),
    RELEASEDIR(25), FSYNCDIR(26), INIT(27), DESTROY(28), ACCESS(29), CREATE(30), LOCK(31), UTIMENS(32),
    BMAP(33), IOCTL(34), POLL(35), WRITE_BUF(36), READ_BUF(37), FLOCK(38), FALLOCATE(39);

    /** Size of the table we pass: slots 0-39. WinFsp cuts anything larger to 320; libfuse accepts smaller. */
    public static final int TABLE_SIZE = 40 * 8;

    private final int index;

    OperationSlot(int index) {
        this.index = index;
    }

    public int offset() {
        return index * 8;
    }
}
