package io.cloudmount.fuse.platform;

/** {@code O_*} bits as the native library passes them in {@code fuse_file_info.flags}. Access mode 0/1/2 is universal. */
public record OpenFlagBits(int append, int create, int truncate, int exclusive) {
    public static final int ACCESS_MODE_MASK = 3;
}
