package io.cloudmount.engine.vfs;

import io.cloudmount.provider.ObjectInfo;
import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * The names and file contents the VFS serves: either the store itself ({@link DirectNamespace}) or
 * the store seen through the write-back cache ({@link CachedNamespace}), where files not yet uploaded
 * already exist. The VFS enforces the POSIX rules on top; a namespace only carries them out.
 */
interface Namespace extends Closeable {

    ObjectInfo stat(String path) throws IOException;

    /** Every child of a directory. */
    List<ObjectInfo> list(String directory) throws IOException;

    /** The names of {@link #list}, where a namespace can have them for less. */
    default List<String> names(String directory) throws IOException {
        return list(directory).stream().map(ObjectInfo::name).toList();
    }

    FileHandle open(String path, OpenFlags flags) throws IOException;

    /** Creates (or, unless exclusive, truncates) a file and opens it. */
    FileHandle create(String path, OpenFlags flags) throws IOException;

    void mkdir(String path) throws IOException;

    void rmdir(String path) throws IOException;

    void unlink(String path) throws IOException;

    /**
     * Carries out a rename the VFS has validated; {@code replace}: a target that exists (the VFS saw it,
     * or it appeared since) goes; {@code false} for {@code RENAME_NOREPLACE}, an existing target fails.
     */
    void rename(String from, String to, boolean replace) throws IOException;

    void setModifiedTime(String path, Instant modified) throws IOException;

    /** The path under which the entry {@code path} names is kept (and its open files are known). */
    default String stored(String path) throws IOException {
        return path;
    }
}
