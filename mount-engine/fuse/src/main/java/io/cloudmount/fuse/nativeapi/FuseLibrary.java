package io.cloudmount.fuse.nativeapi;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * The functions of the FUSE 3 high-level API the engine calls. Method names are the logical libfuse
 * names; {@link FuseLibraries} maps them to each platform's exports ({@code fuse_new_31},
 * {@code fuse3_loop_mt_31}, ...).
 */
public interface FuseLibrary extends Library {
    Pointer fuse_new(Pointer args, Pointer operations, long operationsSize, Pointer privateData);

    int fuse_mount(Pointer fuse, String mountPoint);

    /** Multi-threaded loop; the int is {@code clone_fd} (ignored on WinFsp). */
    int fuse_loop_mt(Pointer fuse, int cloneFd);

    void fuse_exit(Pointer fuse);

    void fuse_unmount(Pointer fuse);

    void fuse_destroy(Pointer fuse);

    int fuse_version();

    Pointer fuse_get_context();

    /** Drops the kernel's cached data and attributes of a path (libfuse 3.1+; a no-op stub on WinFsp). */
    int fuse_invalidate_path(Pointer fuse, String path);

    /**
     * WinFsp only (a FUSE2 shim, exported as {@code fuse_notify}; libfuse has no such function): tells
     * Windows that {@code path} changed. {@code internalFuse} is WinFsp's internal FUSE2 object,
     * {@code fuse_get_context()->fuse} inside a callback, not the {@code fuse_new} handle;
     * {@code action} is a set of {@code FSP_FUSE_NOTIFY_*} bits. 0 or a negative errno.
     */
    int fuse_notify(Pointer internalFuse, String path, int action);
}
