package io.cloudmount.app.drive;

import io.cloudmount.engine.names.DriveNaming;
import io.cloudmount.fuse.KernelCachePolicy;

/**
 * Who else may change a drive's store, which decides how long the kernel may trust what it was told.
 * One rule for the CLI's sources and the app's drives.
 */
public enum StoreKind {
    /** Files in this process's memory: only the mount changes them. */
    MEMORY,
    /** A folder other programs may change beside the mount. */
    LOCAL_FOLDER,
    /** A bucket other clients may change, whose folders have no time that moves when they do. */
    OBJECT_STORE;

    /**
     * Memory drives change only through the mount, so the kernel may cache them for long. Not when the
     * drive finds names regardless of case on Linux: the kernel keeps each spelling of a name apart
     * ({@code foo} and {@code FOO} are two entries), so a change made through one spelling is, for the
     * others, a change beside the mount, and a long-kept "no such file" for {@code Foo} would hide a
     * file created as {@code foo}. WinFsp matches names without case itself when the drive does.
     */
    public KernelCachePolicy kernelCachePolicy(DriveNaming naming, boolean windows) {
        return switch (this) {
            case OBJECT_STORE -> KernelCachePolicy.objectStore();
            case LOCAL_FOLDER -> KernelCachePolicy.shared();
            case MEMORY -> !naming.caseInsensitive() || windows ? KernelCachePolicy.exclusive() : KernelCachePolicy.shared();
        };
    }
}
