package io.cloudmount.engine.vfs;

import io.cloudmount.engine.FsException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One open file. Implementations decide where bytes live: in the store itself
 * ({@link DirectFileHandle}) or, for stores without random write, in a local cache.
 */
interface FileHandle {

    /** The path the file has now (updated when it is renamed while open). */
    String path();

    /** Called by the VFS when the open file was renamed. */
    void moved(String newPath);

    OpenFlags flags();

    long size() throws IOException;

    /** Reads into {@code dst} from {@code offset}; returns the count, 0 at end of file. */
    int read(long offset, ByteBuffer dst) throws IOException;

    /** Writes all of {@code src} at {@code offset} (at the end for O_APPEND handles); returns the count. */
    int write(long offset, ByteBuffer src) throws IOException;

    /**
     * Writes all of {@code src} at {@code offset}, also on an O_APPEND handle: the kernel writes the dirty
     * pages of a shared mapping ({@code mmap}) back through any writable handle of the file, at the
     * pages' own offsets.
     */
    int writeAt(long offset, ByteBuffer src) throws IOException;

    void truncate(long size) throws IOException;

    /** close(2) of one descriptor of this handle; data is handed to the store no later than here. */
    void flush() throws IOException;

    /**
     * Whether {@link #flush} does anything. If not, the kernel may skip the FLUSH request at each
     * close(2): one round trip less per file written.
     */
    default boolean needsFlush() {
        return true;
    }

    void sync(boolean dataOnly) throws IOException;

    /** The last descriptor closed. */
    void release() throws IOException;

    default void requireWritable() throws FsException {
        if (!flags().write()) {
            throw new FsException(io.cloudmount.engine.FsError.EBADF, "file not open for writing: " + path());
        }
    }
}
