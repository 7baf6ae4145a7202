package io.cloudmount.fuse;

/** A mount could not be made; {@link #reason()} says which of the user-fixable cases it is. */
public final class MountException extends Exception {

    /** Causes a user can act on; the CLI gives each its own exit code. */
    public enum Reason {
        MOUNT_POINT_MISSING, MOUNT_POINT_NOT_DIRECTORY, MOUNT_POINT_NOT_EMPTY, ALREADY_MOUNTED,
        FUSE_NOT_INSTALLED, FUSE_DEVICE_UNAVAILABLE, SOURCE_UNAVAILABLE, BAD_OPTION, FAILED
    }

    private final Reason reason;

    public MountException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public MountException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
