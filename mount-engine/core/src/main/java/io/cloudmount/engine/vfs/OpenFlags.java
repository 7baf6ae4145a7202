package io.cloudmount.engine.vfs;

/**
 * The open(2) flags the engine acts on, decoded by the frontend from the platform's numbering.
 */
public record OpenFlags(boolean read, boolean write, boolean append, boolean truncate, boolean exclusive) {
    public static final OpenFlags READ_ONLY = new OpenFlags(true, false, false, false, false);
    public static final OpenFlags READ_WRITE = new OpenFlags(true, true, false, false, false);

    /** Decodes O_RDONLY/O_WRONLY/O_RDWR (0/1/2 on every platform) plus the already-decoded bits. */
    public static OpenFlags of(int accessMode, boolean append, boolean truncate, boolean exclusive) {
        boolean write = accessMode == 1 || accessMode == 2;
        boolean read = accessMode == 0 || accessMode == 2;
        return new OpenFlags(read, write, append, truncate, exclusive);
    }
}
