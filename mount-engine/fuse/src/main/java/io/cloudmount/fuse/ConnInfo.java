package io.cloudmount.fuse;

import com.sun.jna.Pointer;
import io.cloudmount.fuse.platform.NativePlatform;

/**
 * {@code struct fuse_conn_info} (same layout in WinFsp and libfuse): we read {@code capable} and
 * set {@code want}, {@code max_write} and {@code max_readahead}; nothing else is touched.
 */
final class ConnInfo {
    static final int MAX_WRITE = 8;
    static final int MAX_READAHEAD = 16;
    static final int CAPABLE = 20;
    static final int WANT = 24;
    /** 1 MiB requests: large enough that per-call overhead disappears in sequential I/O. */
    static final int IO_SIZE = 1 << 20;

    private ConnInfo() {
    }

    static void negotiate(Pointer conn, NativePlatform platform, MountOptions options) {
        int capable = conn.getInt(CAPABLE);
        int want = conn.getInt(WANT) | (platform.wantedCapabilities(options) & capable);
        conn.setInt(WANT, want);
        conn.setInt(MAX_WRITE, IO_SIZE);
        // The kernel offers its read-ahead window here and only accepts lower values: keep its offer.
    }
}
