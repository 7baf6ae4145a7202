package io.cloudmount.provider;

import java.io.Closeable;
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
