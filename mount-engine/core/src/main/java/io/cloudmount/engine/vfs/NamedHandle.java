package io.cloudmount.engine.vfs;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What every open file has besides its bytes: the flags it was opened with and the name it has now,
 * which the VFS updates when the file is renamed while open. The flags decide where a write goes (at the end
 * for O_APPEND, except a mapping's page written back), so subclasses only write at a place.
 */
abstract class NamedHandle implements FileHandle {
    private final OpenFlags flags;
    private volatile String path;

    NamedHandle(String path, OpenFlags flags) {
        this.path = path;
        this.flags = flags;
    }

    @Override
    public final String path() {
        return path;
    }

    @Override
    public final void moved(String newPath) {
        path = newPath;
    }

    @Override
    public final OpenFlags flags() {
        return flags;
    }

    @Override
    public final int write(long offset, ByteBuffer src) throws IOException {
        return write(offset, src, flags.append());
    }

    @Override
    public final int writeAt(long offset, ByteBuffer src) throws IOException {
        return write(offset, src, false);
    }

    /** Writes all of {@code src} at {@code offset}, or at the current end when {@code atEnd}; returns the count. */
    abstract int write(long offset, ByteBuffer src, boolean atEnd) throws IOException;
}
