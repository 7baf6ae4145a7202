package io.cloudmount.provider.memory;

import io.cloudmount.provider.EntryType;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ProviderException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.StampedLock;
import java.util.function.LongConsumer;

/**
 * A file: its content, a content version for ETags, and the count of references (open handles,
 * copies in progress) that keep the content alive after the file was unlinked.
 *
 * <p>Locking: {@link #lock} guards {@link #content} and {@link #version}. Reads share it, writes and
 * truncation take it exclusively; {@code stat} reads size and version optimistically without
 * blocking. The reference count and the unlinked flag are guarded by {@code this}, which is taken
 * before {@link #lock} (freeing content) and never while holding it. Callers may hold the namespace
 * lock when they call in here, never the other way round.
 */
final class MemFile extends MemNode {
    static final int DEFAULT_MODE = 0644;
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final Clock clock;
    private final SpaceAccount space;
    private final StampedLock lock = new StampedLock();

    // Guarded by lock.
    private final PagedBytes content;
    private long version;

    // Guarded by this.
    private int references;
    private boolean unlinked;

    MemFile(Clock clock, SpaceAccount space) {
        super(clock.instant(), DEFAULT_MODE);
        this.clock = clock;
        this.space = space;
        this.content = new PagedBytes(space);
    }

    @Override
    ObjectInfo info(String name) {
        long stamp = lock.tryOptimisticRead();
        long size = content.size();
        long seen = version;
        if (!lock.validate(stamp)) {
            stamp = lock.readLock();
            try {
                size = content.size();
                seen = version;
            } finally {
                lock.unlockRead(stamp);
            }
        }
        return new ObjectInfo(name, EntryType.FILE, size, modified(), Long.toHexString(id) + "-" + seen, mode());
    }

    long size() {
        long stamp = lock.readLock();
        try {
            return content.size();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    int read(long position, ByteBuffer dst) {
        long stamp = lock.readLock();
        try {
            return content.read(position, dst);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    void write(long position, ByteBuffer src, String path) throws ProviderException {
        long end = position + src.remaining();
        if (end > PagedBytes.MAX_SIZE || end < 0) {
            throw new ProviderException.NoSpace(path, "a file cannot grow beyond " + PagedBytes.MAX_SIZE + " bytes");
        }
        long stamp = lock.writeLock();
        try {
            if (!content.write(position, src)) {
                throw new ProviderException.NoSpace(path, "memory drive is full");
            }
            version++;
        } finally {
            lock.unlockWrite(stamp);
        }
        setModified(clock.instant());
    }

    void truncate(long size, String path) throws ProviderException {
        if (size > PagedBytes.MAX_SIZE) {
            throw new ProviderException.NoSpace(path, "a file cannot grow beyond " + PagedBytes.MAX_SIZE + " bytes");
        }
        long stamp = lock.writeLock();
        try {
            content.truncate(size);
            version++;
        } finally {
            lock.unlockWrite(stamp);
        }
        setModified(clock.instant());
    }

    /** Fills this new, unshared file from {@code in}; on {@link ProviderException.NoSpace} it holds nothing. */
    void load(ReadableByteChannel in, LongConsumer progress, String path) throws IOException {
        boolean loaded = false;
        long stamp = lock.writeLock();
        try {
            loaded = content.load(in, progress);
        } finally {
            if (!loaded) {
                content.release();
            }
            lock.unlockWrite(stamp);
        }
        if (!loaded) {
            throw new ProviderException.NoSpace(path, "memory drive is full");
        }
    }

    /** A new file, not yet in the tree, with a copy of this file's content and mode. */
    MemFile duplicate(String targetPath) throws ProviderException {
        MemFile copy = new MemFile(clock, space);
        long stamp = lock.readLock();
        try {
            if (!copy.content.copyFrom(content)) {
                throw new ProviderException.NoSpace(targetPath, "memory drive is full");
            }
        } finally {
            lock.unlockRead(stamp);
        }
        copy.setMode(mode());
        return copy;
    }

    /** Keeps the content alive until the matching {@link #unreference()}, even if the file is unlinked. */
    synchronized void reference() {
        references++;
    }

    synchronized void unreference() {
        references--;
        freeIfUnused();
    }

    /** The file left the tree; its space returns once no handle refers to it any more. */
    synchronized void unlink() {
        unlinked = true;
        freeIfUnused();
    }

    /** Drops the content of a file that never made it into the tree. */
    void discard() {
        unlink();
    }

    private void freeIfUnused() {
        if (unlinked && references == 0) {
            long stamp = lock.writeLock();
            try {
                content.release();
            } finally {
                lock.unlockWrite(stamp);
            }
        }
    }
}
