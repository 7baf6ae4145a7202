package io.cloudmount.engine.vfs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How far ahead a handle fetches: as much as its reader has shown it wants, and no more. */
class ReadAheadTest {
    private static final int KERNEL_READ = 128 << 10;

    @Test
    void aSequentialReaderGetsTwiceWhatItHasReadUpToTheMaximum() {
        ReadAhead ahead = new ReadAhead();
        long window = 0;
        for (long at = 0; at < (1 << 20); at += KERNEL_READ) {
            window = ahead.onRead(at, KERNEL_READ);
        }
        assertThat(window).isEqualTo(2L << 20);
        for (long at = 1 << 20; at < (200L << 20); at += KERNEL_READ) {
            window = ahead.onRead(at, KERNEL_READ);
        }
        assertThat(window).isEqualTo(ReadAhead.MAX);
    }

    @Test
    void forwardJumpsWithinTheToleranceDoNotCountAsBytesRead() {
        ReadAhead ahead = new ReadAhead();
        long window = 0;
        // 640 KiB read in five reads, each a jump ahead that the out-of-order tolerance still accepts.
        for (long at : new long[] {0, 4L << 20, 12_400_000, 37_500_000, 112_500_000}) {
            window = ahead.onRead(at, KERNEL_READ);
        }
        assertThat(window).as("at most twice the 640 KiB read").isLessThanOrEqualTo(2L * 5 * KERNEL_READ);
    }

    @Test
    void aSeekFarAwayStartsOverWithNoReadAhead() {
        ReadAhead ahead = new ReadAhead();
        for (long at = 0; at < (8L << 20); at += KERNEL_READ) {
            ahead.onRead(at, KERNEL_READ);
        }
        assertThat(ahead.onRead(1L << 30, KERNEL_READ)).isZero();
    }
}
