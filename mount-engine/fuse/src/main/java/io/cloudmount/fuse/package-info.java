/**
 * Serves a {@link io.cloudmount.engine.vfs.Vfs} through a native FUSE 3 library.
 * {@link io.cloudmount.fuse.FuseMount} owns the lifecycle (mount, loop thread, safe shutdown), and
 * asks a {@link io.cloudmount.fuse.MountLifecycle} for the steps libfuse and WinFsp do differently
 * (mount point, readiness, stopping, change notices);
 * {@link io.cloudmount.fuse.FuseOperations} is the thin adapter whose every callback catches
 * {@code Throwable} and returns a negative errno, so no exception ever reaches native code.
 */
package io.cloudmount.fuse;
