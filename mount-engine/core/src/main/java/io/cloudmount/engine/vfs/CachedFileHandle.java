package io.cloudmount.engine.vfs;

import io.cloudmount.engine.cache.CacheItem;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A file open through the write-back cache: reads are served from the cache file after the missing
 * chunks are downloaded (with read-ahead for sequential readers); writes go to the cache file only,
 * and the upload is queued when the last handle open for writing is closed (release, not flush).
 */
final class CachedFileHandle extends NamedHandle {
    private final CachedNamespace names;
    private final CacheItem item;
    private final ReadAhead readAhead = new ReadAhead();
    private boolean released;

    CachedFileHandle(CachedNamespace names, String path, CacheItem item, OpenFlags flags) {
        super(path, flags);
        this.names = names;
        this.item = item;
        if (flags.write()) {
            item.writerOpened();
        }
    }

    @Override
    public long size() {
        return item.size();
    }

    @Override
    public int read(long offset, ByteBuffer dst) throws IOException {
        long size = item.size();
        if (offset >= size || !dst.hasRemaining()) {
            return 0;
        }
        int length = (int) Math.min(dst.remaining(), size - offset);
        long ahead = readAhead.onRead(offset, length);
        readAhead.prefetched(names.ensurePresent(item, offset, offset + length, readAhead.prefetchedTo(),
                offset + length + ahead));
        ByteBuffer view = dst.slice();
        view.limit(length);
        int n = item.isPresent(offset, offset + length) ? item.read(offset, view)
                : names.readThrough(item, offset, view); // the cache had no room for the downloaded bytes
        dst.position(dst.position() + n);
        return n;
    }

    @Override
    int write(long offset, ByteBuffer src, boolean atEnd) throws IOException {
        requireWritable();
        int count = src.remaining();
        synchronized (this) {
            long at = atEnd ? item.size() : offset;
            if (at > item.size()) {
                item.truncate(at); // the gap reads as zeros, like a hole in a local file
            }
            item.write(at, src);
        }
        return count;
    }

    @Override
    public void truncate(long size) throws IOException {
        requireWritable();
        item.truncate(size);
    }

    @Override
    public void flush() throws IOException {
        names.flushed(item);
    }

    @Override
    public void sync(boolean dataOnly) throws IOException {
        item.sync();
    }

    @Override
    public synchronized void release() throws IOException {
        if (released) {
            return;
        }
        released = true;
        if (flags().write()) {
            item.writerClosed();
        }
        try {
            names.closed(item);
        } finally {
            item.close();
        }
    }
}
