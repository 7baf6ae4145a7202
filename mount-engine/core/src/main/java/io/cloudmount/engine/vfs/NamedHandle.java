package io.cloudmount.engine.vfs;

/**
 * What every open file has besides its bytes: the flags it was opened with and the name it has now,
 * which the VFS updates when the file is renamed while open.
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
}
