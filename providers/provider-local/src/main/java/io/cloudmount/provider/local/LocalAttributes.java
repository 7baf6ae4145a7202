package io.cloudmount.provider.local;

import io.cloudmount.provider.EntryType;
import io.cloudmount.provider.ObjectInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads host attributes with one system call each and turns them into {@link ObjectInfo}.
 * On POSIX file systems it reads {@link PosixFileAttributes} (the same {@code lstat} also yields the
 * permission bits); elsewhere (Windows) {@link BasicFileAttributes} and {@link ObjectInfo#MODE_UNKNOWN}.
 */
final class LocalAttributes {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final LinkOption[] FOLLOW = {};
    // Bit i of the mode, from 0400 (owner read) down to 0001 (others execute), in this order.
    private static final PosixFilePermission[] BY_BIT = {
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE,
    };

    private final boolean posix;

    LocalAttributes(boolean posix) {
        this.posix = posix;
    }

    boolean posix() {
        return posix;
    }

    BasicFileAttributes read(Path path, boolean followLinks) throws IOException {
        LinkOption[] options = followLinks ? FOLLOW : NOFOLLOW;
        return posix
                ? Files.readAttributes(path, PosixFileAttributes.class, options)
                : Files.readAttributes(path, BasicFileAttributes.class, options);
    }

    /** Attributes of {@code name} in an open directory ({@code fstatat}: no path walk per entry), links not followed. */
    BasicFileAttributes read(SecureDirectoryStream<Path> directory, Path name) throws IOException {
        return posix
                ? directory.getFileAttributeView(name, PosixFileAttributeView.class, NOFOLLOW).readAttributes()
                : directory.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW).readAttributes();
    }

    ObjectInfo toInfo(String name, BasicFileAttributes attributes) {
        int mode = attributes instanceof PosixFileAttributes posixAttributes
                ? toMode(posixAttributes.permissions())
                : ObjectInfo.MODE_UNKNOWN;
        boolean directory = attributes.isDirectory();
        return new ObjectInfo(name, directory ? EntryType.DIRECTORY : EntryType.FILE,
                directory ? 0 : attributes.size(), attributes.lastModifiedTime().toInstant(), null, mode);
    }

    /**
     * The file time to set for {@code modified}. JDK 17 hands a time before 1970 with a fraction of a
     * second to {@code utimensat} as a negative {@code tv_nsec}, which the kernel refuses, and then sets
     * 1970-01-01 instead (a {@code touch -d 1969-12-31T23:59:59.5} or an old archive's times became 1970);
     * whole seconds before 1970 are set exactly, so such a time loses its fraction instead of decades.
     */
    static FileTime settable(Instant modified) {
        return modified.getEpochSecond() < 0 && modified.getNano() != 0
                ? FileTime.from(modified.truncatedTo(ChronoUnit.SECONDS))
                : FileTime.from(modified);
    }

    static int toMode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (int i = 0; i < BY_BIT.length; i++) {
            if (permissions.contains(BY_BIT[i])) {
                mode |= 0400 >> i;
            }
        }
        return mode;
    }

    /** The nine permission bits of {@code mode}; set-id and sticky bits have no NIO equivalent and are dropped. */
    static Set<PosixFilePermission> toPermissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BY_BIT.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                permissions.add(BY_BIT[i]);
            }
        }
        return permissions;
    }
}
