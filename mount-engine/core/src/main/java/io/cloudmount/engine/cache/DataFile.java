package io.cloudmount.engine.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sparse data file of one cache item, used with positional I/O on one lazily opened
 * {@link FileChannel} that any number of threads share (positional reads and writes do not move a
 * file pointer, so they need no lock). The caller's buffers are used as they are: a direct buffer over
 * FUSE's native memory goes to the kernel without a copy.
 *
 * <p>A {@code FileChannel} is an interruptible channel: when a thread blocked in it is interrupted
 * (a cancelled download), the JDK closes the channel for every thread. The thread that was
 * interrupted gets its {@link ClosedByInterruptException}; others see a plain
 * {@link ClosedChannelException}, forget the broken channel and retry once on a fresh one.
 *
 * <p>The owning {@link CacheItem} never calls {@link #close()} while I/O is in flight (its {@code io}
 * lock), so a closed channel during I/O always means such an interrupt.
 */
final class DataFile {
    private static final Logger LOG = LoggerFactory.getLogger(DataFile.class);

    private final Path path;
    private volatile FileChannel channel;

    DataFile(Path path) {
        this.path = path;
    }

    /** A data file already open, as a new item's is ({@link CacheFiles#create}). */
    DataFile(Path path, FileChannel open) {
        this.path = path;
        this.channel = open;
    }

    Path path() {
        return path;
    }

    /** Writes all of {@code src} at {@code position}. */
    void write(ByteBuffer src, long position) throws IOException {
        int start = src.position();
        FileChannel ch = channel();
        try {
            writeFully(ch, src, position, start);
        } catch (ClosedChannelException e) {
            recover(ch, e);
            writeFully(channel(), src, position, start);
        }
    }

    /**
     * Reads exactly {@code dst.remaining()} bytes at {@code position}. Bytes beyond the end of the
     * file read as zeros: the caller only reads ranges it knows to be present, and a present range past
     * the physical end is a hole the file system would also have returned as zeros.
     */
    void readFully(ByteBuffer dst, long position) throws IOException {
        int start = dst.position();
        FileChannel ch = channel();
        try {
            readFully(ch, dst, position, start);
        } catch (ClosedChannelException e) {
            recover(ch, e);
            readFully(channel(), dst, position, start);
        }
    }

    long length() throws IOException {
        return channel().size();
    }

    /** Cuts the file to {@code size} bytes if it is longer. */
    void truncate(long size) throws IOException {
        FileChannel ch = channel();
        if (ch.size() > size) {
            ch.truncate(size);
        }
    }

    /** Makes the file at least {@code size} bytes long, leaving a hole (zeros) before the new end. */
    void extend(long size) throws IOException {
        FileChannel ch = channel();
        if (size > 0 && ch.size() < size) {
            writeFully(ch, ByteBuffer.allocate(1), size - 1, 0);
        }
    }

    void force() throws IOException {
        channel().force(true);
    }

    /** Closes the channel; the next I/O opens it again. Callers make sure no I/O is in flight. */
    synchronized void close() {
        FileChannel ch = channel;
        channel = null;
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.debug("Closing {} failed: {}", path, e.toString());
            }
        }
    }

    private FileChannel channel() throws IOException {
        FileChannel ch = channel;
        if (ch != null) {
            return ch;
        }
        synchronized (this) {
            if (channel == null) {
                // No CREATE: the cache creates the file with the item; if it vanished, fail loudly
                // instead of serving zeros from a new empty file.
                channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            return channel;
        }
    }

    private synchronized void recover(FileChannel broken, ClosedChannelException e) throws IOException {
        if (channel == broken) {
            channel = null;
        }
        if (e instanceof ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
            throw e;
        }
        LOG.debug("Cache file {} was closed by an interrupt elsewhere; reopening", path);
    }

    private static void writeFully(FileChannel ch, ByteBuffer src, long position, int start) throws IOException {
        while (src.hasRemaining()) {
            ch.write(src, position + (src.position() - start));
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, long position, int start) throws IOException {
        while (dst.hasRemaining()) {
            if (ch.read(dst, position + (dst.position() - start)) < 0) {
                while (dst.hasRemaining()) {
                    dst.put((byte) 0);
                }
            }
        }
    }
}
