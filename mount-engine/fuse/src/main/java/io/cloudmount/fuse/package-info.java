/**
 * Serves a {@link io.cloudmount.engine.vfs.Vfs} through a native FUSE 3 library.
 * {@link io.cloudmount.fuse.FuseMount} owns the lifecycle (mount, loop thread, safe shutdown);
 * {@link io.cloudmount.fuse.FuseOperations} is the thin adapter whose every callback catches
 * {@code Throwable} and returns a negative errno, so no exception ever reaches native code.
 */
package io.cloudmount.fuse;
