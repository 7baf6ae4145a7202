package io.cloudmount.provider.local;

import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.ProviderException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A handle over a {@link FileChannel}: positional reads and writes go straight between the caller's
 * buffer and the kernel ({@code pread}/{@code pwrite} into a direct buffer; NIO adds its one copy only
 * for heap buffers). Positional calls do not move a shared file pointer, so threads may use one handle
 * concurrently.
 *
 * <p>Like every {@code FileChannel}, the channel closes itself if a thread is interrupted during I/O;
 * later calls then fail with an I/O error. Engine threads must not be interrupted mid-call.
 */
final class LocalHandle implements ObjectHandle {
    private final FileChannel channel;
    private final boolean writable;
    /** The path at open time, for error messages only. */
    private final String path;
    private final LocalFailures failures;

    LocalHandle(FileChannel channel, boolean writable, String path, LocalFailures failures) {
        this.channel = channel;
        this.writable = writable;
        this.path = path;
        this.failures = failures;
    }

    @Override
    public long size() throws ProviderException {
        try {
            return channel.size();
        } catch (IOException e) {
            throw failures.map(e, path, null);
        }
    }

    @Override
    public int read(long position, ByteBuffer dst) throws ProviderException {
        int total = 0;
        try {
            // One pread may return less than asked (signals, pipes of the file system); the SPI promises a full buffer.
            while (dst.hasRemaining()) {
                int n = channel.read(dst, position + total);
                if (n <= 0) {
                    break;
                }
                total += n;
            }
            return total;
        } catch (IOException e) {
            throw failures.map(e, path, null);
        }
    }

    @Override
    public void write(long position, ByteBuffer src) throws ProviderException {
        requireWritable();
        long written = 0;
        try {
            while (src.hasRemaining()) {
                written += channel.write(src, position + written);
            }
        } catch (IOException e) {
            throw failures.map(e, path, null);
        }
    }

    /** Shrinks with {@code ftruncate}; grows by writing one zero byte at the new end (FileChannel cannot extend). */
    @Override
    public void truncate(long size) throws ProviderException {
        requireWritable();
        try {
            long current = channel.size();
            if (size < current) {
                channel.truncate(size);
            } else if (size > current) {
                channel.write(ByteBuffer.allocate(1), size - 1);
            }
        } catch (IOException e) {
            throw failures.map(e, path, null);
        }
    }

    @Override
    public void sync(boolean metadata) throws ProviderException {
        try {
            channel.force(metadata);
        } catch (IOException e) {
            throw failures.map(e, path, null);
        }
    }

    @Override
    public void close() throws ProviderException {
        try {
            channel.close();
        } catch (IOException e) {
            throw failures.map(e, path, null);
        }
    }

    private void requireWritable() throws ProviderException {
        if (!writable) {
            throw new ProviderException.AccessDenied(path, "handle is open for reading only");
        }
    }
}
