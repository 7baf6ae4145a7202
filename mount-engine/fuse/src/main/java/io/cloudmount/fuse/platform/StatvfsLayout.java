package io.cloudmount.fuse.platform;

/**
 * {@code struct statvfs}: eleven 8-byte fields at the same offsets on every target; only the total
 * size differs (88 on Windows, 112 on Linux).
 */
public record StatvfsLayout(int size) {
    public static final int BSIZE = 0;
    public static final int FRSIZE = 8;
    public static final int BLOCKS = 16;
    public static final int BFREE = 24;
    public static final int BAVAIL = 32;
    public static final int FILES = 40;
    public static final int FFREE = 48;
    public static final int FAVAIL = 56;
    public static final int FSID = 64;
    public static final int FLAG = 72;
    public static final int NAMEMAX = 80;
}
