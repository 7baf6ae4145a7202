package io.cloudmount.provider.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongConsumer;

/**
 * Counts the bytes handed to the SDK across the parts of one upload, plus the parts copied on the
 * server ({@link #copied}), and reports the running total.
 * When the SDK retries a part it reopens that part's stream; the part's count is then taken back,
 * so the total may step back before it grows again: it reports bytes sent, not bytes attempted.
 */
final class UploadProgress {
    private final LongConsumer listener;
    private final AtomicLong total = new AtomicLong();
    private final AtomicLongArray perPart;

    UploadProgress(LongConsumer listener, int parts) {
        this.listener = listener;
        this.perPart = new AtomicLongArray(parts);
    }

    /** Wraps a freshly opened stream for {@code part} (0-based), undoing what an earlier attempt counted. */
    InputStream track(int part, InputStream in) {
        long before = perPart.getAndSet(part, 0);
        if (before != 0) {
            listener.accept(total.addAndGet(-before));
        }
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(part, 1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    count(part, n);
                }
                return n;
            }

            @Override
            public boolean markSupported() {
                return false;
            }
        };
    }

    /**
     * {@code part} (0-based) is done without its bytes passing through here (a server-side copy): it
     * counts {@code bytes}, replacing whatever an attempt to send it had counted.
     */
    void copied(int part, long bytes) {
        long before = perPart.getAndSet(part, bytes);
        listener.accept(total.addAndGet(bytes - before));
    }

    private void count(int part, int bytes) {
        perPart.addAndGet(part, bytes);
        listener.accept(total.addAndGet(bytes));
    }
}
