package io.cloudmount.fuse.platform;

/**
 * Layout of {@code struct stat} (Linux) or {@code struct fuse_stat} (WinFsp).
 * Time slots are {@code timespec}s: seconds at +0, nanoseconds at +8.
 *
 * @param birthtime creation time, only on Windows; {@code null} elsewhere
 */
public record StatLayout(int size, Slot dev, Slot ino, Slot mode, Slot nlink, Slot uid, Slot gid, Slot rdev,
                         Slot fileSize, Slot blksize, Slot blocks, Slot atime, Slot mtime, Slot ctime, Slot birthtime) {
}
