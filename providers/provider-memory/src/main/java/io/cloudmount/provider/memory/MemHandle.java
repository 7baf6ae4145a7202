package io.cloudmount.provider.memory;

import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.ProviderException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A handle bound to one {@link MemFile}, not to a path: it keeps reading (and writing) the same
 * content after the file was renamed, replaced or deleted, like a POSIX file descriptor.
 */
final class MemHandle implements ObjectHandle {
    private final MemFile file;
    private final boolean writable;
    /** The path at open time, for error messages only. */
    private final String path;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Takes over a reference the caller already added to {@code file}. */
    MemHandle(MemFile file, boolean writable, String path) {
        this.file = file;
        this.writable = writable;
        this.path = path;
    }

    @Override
    public long size() throws ProviderException {
        requireOpen();
        return file.size();
    }

    @Override
    public int read(long position, ByteBuffer dst) throws ProviderException {
        requireOpen();
        requireNotNegative(position);
        return file.read(position, dst);
    }

    @Override
    public void write(long position, ByteBuffer src) throws ProviderException {
        requireWritable();
        requireNotNegative(position);
        file.write(position, src, path);
    }

    @Override
    public void truncate(long size) throws ProviderException {
        requireWritable();
        requireNotNegative(size);
        file.truncate(size, path);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            file.unreference();
        }
    }

    private void requireOpen() throws ProviderException {
        if (closed.get()) {
            throw new ProviderException.Io(path, "handle is closed", null);
        }
    }

    private void requireWritable() throws ProviderException {
        requireOpen();
        if (!writable) {
            throw new ProviderException.AccessDenied(path, "handle is open for reading only");
        }
    }

    private static void requireNotNegative(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative offset or size: " + value);
        }
    }
}
