package io.cloudmount.app.cli;

import io.cloudmount.fuse.MountException;

/** Exit codes of {@code cloudmount}: one per problem a script may want to tell apart. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int FAILED = 1;
    /** Bad command line or option value (picocli's convention). */
    public static final int USAGE = 2;
    public static final int MOUNT_POINT_MISSING = 3;
    public static final int MOUNT_POINT_NOT_DIRECTORY = 4;
    public static final int MOUNT_POINT_NOT_EMPTY = 5;
    public static final int ALREADY_MOUNTED = 6;
    public static final int FUSE_NOT_INSTALLED = 7;
    public static final int FUSE_DEVICE_UNAVAILABLE = 8;
    public static final int SOURCE_UNAVAILABLE = 9;
    public static final int NOT_MOUNTED = 10;
    /** {@code unmount}: programs still use the drive (open files, working folders); {@code --force} overrides. */
    public static final int BUSY = 11;

    private ExitCode() {
    }

    static int of(MountException.Reason reason) {
        return switch (reason) {
            case MOUNT_POINT_MISSING -> MOUNT_POINT_MISSING;
            case MOUNT_POINT_NOT_DIRECTORY -> MOUNT_POINT_NOT_DIRECTORY;
            case MOUNT_POINT_NOT_EMPTY -> MOUNT_POINT_NOT_EMPTY;
            case ALREADY_MOUNTED -> ALREADY_MOUNTED;
            case FUSE_NOT_INSTALLED -> FUSE_NOT_INSTALLED;
            case FUSE_DEVICE_UNAVAILABLE -> FUSE_DEVICE_UNAVAILABLE;
            case SOURCE_UNAVAILABLE -> SOURCE_UNAVAILABLE;
            case BAD_OPTION -> USAGE;
            case FAILED -> FAILED;
        };
    }
}
