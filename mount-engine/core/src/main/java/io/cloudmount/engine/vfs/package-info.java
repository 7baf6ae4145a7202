/**
 * The virtual file system: paths and open handles over a {@link io.cloudmount.provider.StorageProvider}.
 *
 * <p>{@link io.cloudmount.engine.vfs.Vfs} is the entry point a frontend calls; it validates names,
 * enforces POSIX rules the stores do not (rename type checks, read-only mounts, O_APPEND), and keeps
 * a {@link io.cloudmount.engine.vfs.HandleTable} of open files and directories. Handles are bound to
 * the object they opened, so reading a file after it was unlinked or renamed over still works.
 *
 * <p>Thread safety: every method may run concurrently on FUSE worker threads. Shared state lives in
 * the handle table (a concurrent map) and in each {@link io.cloudmount.engine.vfs.FileHandle}.
 */
package io.cloudmount.engine.vfs;
