package io.cloudmount.engine.vfs;

import io.cloudmount.provider.ObjectHandle;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A file open directly on a store with random access (memory, local folder): every read and write
 * goes straight to the store's handle, with the caller's buffer (a view of native memory on the
 * FUSE path), so no bytes are copied on the way.
 */
final class DirectFileHandle extends NamedHandle {
    private final ObjectHandle object;

    DirectFileHandle(String path, ObjectHandle object, OpenFlags flags) {
        super(path, flags);
        this.object = object;
    }

    @Override
    public long size() throws IOException {
        return object.size();
    }

    @Override
    public int read(long offset, ByteBuffer dst) throws IOException {
        return object.read(offset, dst);
    }

    @Override
    int write(long offset, ByteBuffer src, boolean atEnd) throws IOException {
        requireWritable();
        int count = src.remaining();
        if (atEnd) {
            // O_APPEND: POSIX appends at the current end whatever offset the caller had. The kernel
            // holds the inode lock across a FUSE write, so size-then-write is not racy per file.
            synchronized (this) {
                object.write(object.size(), src);
            }
        } else {
            object.write(offset, src);
        }
        return count;
    }

    @Override
    public void truncate(long size) throws IOException {
        requireWritable();
        object.truncate(size);
    }

    @Override
    public void flush() {
        // Data is already in the store.
    }

    @Override
    public boolean needsFlush() {
        return false; // every write reached the store synchronously, so close(2) has nothing to report
    }

    @Override
    public void sync(boolean dataOnly) throws IOException {
        object.sync(!dataOnly);
    }

    @Override
    public void release() throws IOException {
        object.close();
    }
}
