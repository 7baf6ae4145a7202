package io.cloudmount.engine.vfs;

/**
 * Per-handle read-ahead window: starts at nothing (a random or first read fetches only its own
 * chunk), doubles with every sequential read up to {@link #MAX}, and collapses on a seek. Guarded by
 * the owning handle.
 */
final class ReadAhead {
    static final long MAX = 64L << 20;

    private long nextExpected = -1;
    private long window;

    /** Records a read of [offset, offset+length) and returns how far past its end to prefetch. */
    synchronized long onRead(long offset, int length) {
        // The kernel issues read-ahead requests from several threads, so "sequential" allows a little
        // disorder around the expected offset.
        long slack = Math.max(window, 4L * ChunkFetcher.CHUNK);
        if (nextExpected >= 0 && offset >= nextExpected - slack && offset <= nextExpected + slack) {
            window = window == 0 ? ChunkFetcher.CHUNK : Math.min(MAX, window * 2);
        } else {
            window = 0;
            nextExpected = -1;
        }
        nextExpected = Math.max(nextExpected, offset + length);
        return window;
    }
}
