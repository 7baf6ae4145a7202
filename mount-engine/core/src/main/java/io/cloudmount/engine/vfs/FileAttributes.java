package io.cloudmount.engine.vfs;

import java.time.Instant;

/**
 * What {@code stat} reports for one entry, in platform-neutral terms.
 *
 * @param name     last path segment
 * @param directory whether the entry is a directory
 * @param size     bytes
 * @param modified modification time (also reported as access and change time)
 * @param mode     permission bits only (no type bits), e.g. {@code 0644}
 * @param uid      owner reported to the OS
 * @param gid      group reported to the OS
 */
public record FileAttributes(String name, boolean directory, long size, Instant modified, int mode, int uid, int gid) {

    /** POSIX {@code st_mode} including the type bits (S_IFDIR 0040000, S_IFREG 0100000; same on all platforms). */
    public int posixMode() {
        return (directory ? 0040000 : 0100000) | (mode & 07777);
    }

    /** Directories report 2 links, files 1 (tools such as find use this as a hint only). */
    public int linkCount() {
        return directory ? 2 : 1;
    }

    public FileAttributes withSize(long newSize) {
        return new FileAttributes(name, directory, newSize, modified, mode, uid, gid);
    }
}
