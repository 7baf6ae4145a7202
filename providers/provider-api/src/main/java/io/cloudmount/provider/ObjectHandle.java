package io.cloudmount.provider;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An open object. A handle stays bound to the object it opened, even if that object is later
 * renamed or deleted (POSIX semantics: reading an unlinked open file still works where the store
 * allows it). Implementations must allow concurrent positional reads and writes.
 */
public interface ObjectHandle extends Closeable {

    /** Current size in bytes. */
    long size() throws ProviderException;

    /**
     * Reads up to {@code dst.remaining()} bytes starting at {@code position} into {@code dst}.
     * Fills the buffer unless the end of the object is reached first.
     *
     * @return bytes read; 0 when {@code position} is at or past the end
     */
    int read(long position, ByteBuffer dst) throws ProviderException;

    /**
     * Reads {@code [position, position + length)} in order and hands it to {@code sink} in pieces of
     * {@code buffer.capacity()} bytes (the last one may be shorter), through {@code buffer}. A store
     * that can stream answers with one request, so a long sequential read costs one round trip and
     * no more heap than the buffer, while the first piece reaches the sink as soon as it arrived.
     * The default reads piece by piece with {@link #read}.
     *
     * <p>If it fails part way, every piece handed over so far was complete and correct: the caller
     * may go on from the end of the last one.
     *
     * @throws ProviderException if the store fails or has fewer bytes than asked for
     * @throws IOException       whatever {@code sink} threw, unchanged
     */
    default void stream(long position, long length, ByteBuffer buffer, PieceSink sink)
            throws ProviderException, IOException {
        long at = position;
        long end = position + length;
        while (at < end) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), end - at));
            int n = read(at, buffer);
            if (n < buffer.limit()) {
                throw new ProviderException.Io("stream", "the object ended " + (end - at - n) + " bytes early", null);
            }
            buffer.flip();
            sink.accept(at, buffer);
            at += n;
        }
    }

    /**
     * Writes all of {@code src} at {@code position}, growing the object (with zeros in any gap).
     * Only for {@link OpenMode#READ_WRITE} handles.
     */
    default void write(long position, ByteBuffer src) throws ProviderException {
        throw new ProviderException.Unsupported("write", "random write");
    }

    /** Sets the size, cutting or zero-extending. Only for {@link OpenMode#READ_WRITE} handles. */
    default void truncate(long size) throws ProviderException {
        throw new ProviderException.Unsupported("truncate", "random write");
    }

    /** Makes written data durable ({@code metadata}: also sizes and times). */
    default void sync(boolean metadata) throws ProviderException {
    }

    @Override
    void close() throws ProviderException;
}
