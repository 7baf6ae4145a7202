package io.cloudmount.fuse.platform;

/**
 * {@code struct fuse_file_info}: {@code flags} at 0, a bitfield word at 4, {@code fh} at 16 on every
 * target; the bit positions inside the word depend on the library and its version (libfuse 3.15 and
 * 3.16 moved them). A mask of 0 means the bit does not exist there.
 */
public record FileInfoLayout(int directIo, int keepCache, int flush, int nonseekable, int cacheReaddir, int noflush) {
    public static final int FLAGS = 0;
    public static final int BITS = 4;
    public static final int FH = 16;
    public static final int SIZE = 40;
    /** {@code writepage}: bit 0 of the word at {@link #BITS} in every version (and in WinFsp's FUSE3). */
    public static final int WRITEPAGE = 0x1;
}
