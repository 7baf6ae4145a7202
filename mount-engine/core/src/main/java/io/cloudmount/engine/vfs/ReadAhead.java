package io.cloudmount.engine.vfs;

/**
 * Per-handle read-ahead window: nothing for a first or random read (it fetches only its own chunk);
 * for a sequential reader twice what it has read in its current run, so that the window tracks how
 * much the reader has shown it wants, up to {@link #MAX}; it collapses on a seek. Growing with the
 * bytes read rather than the number of reads matters because the kernel splits a large read into
 * 128 KiB requests: a program that reads the first MiB of a file must not start 128 MiB of downloads.
 *
 * <p>It also remembers how far the run's read-ahead has already been handed to the fetcher
 * ({@link #prefetchedTo}), so that the next read of the run only looks at the window's new end
 * instead of walking the up to 128 chunks the earlier reads already claimed.
 */
final class ReadAhead {
    static final long MAX = 128L << 20;

    private long nextExpected = -1;
    private long window;
    /** Bytes read in the current run: the window grows with these, not with how far the reads jumped. */
    private long readInRun;
    /** End of the read-ahead already handed to the fetcher in this run (0: nothing yet). */
    private long prefetchedTo;

    /** Records a read of [offset, offset+length) and returns how far past its end to prefetch. */
    synchronized long onRead(long offset, int length) {
        // The kernel issues read-ahead requests from several threads, so "sequential" allows a little
        // disorder around the expected offset.
        long slack = Math.max(window, 4L * ChunkFetcher.CHUNK);
        if (nextExpected >= 0 && offset >= nextExpected - slack && offset <= nextExpected + slack) {
            nextExpected = Math.max(nextExpected, offset + length);
            readInRun += length;
            window = Math.min(MAX, Math.max(ChunkFetcher.CHUNK, 2 * readInRun));
        } else {
            nextExpected = offset + length;
            readInRun = length;
            window = 0;
            prefetchedTo = 0;
        }
        return window;
    }

    /** Where the read-ahead of this run still has to be looked at: chunks before it are present or being fetched. */
    synchronized long prefetchedTo() {
        return prefetchedTo;
    }

    /** The fetcher handled the read-ahead up to {@code end} (reads of one run may report out of order). */
    synchronized void prefetched(long end) {
        prefetchedTo = Math.max(prefetchedTo, end);
    }
}
