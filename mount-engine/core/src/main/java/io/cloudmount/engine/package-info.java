/**
 * The platform-neutral mount engine: no JNA, no FUSE types. {@link io.cloudmount.engine.vfs.Vfs}
 * turns file-system operations into {@link io.cloudmount.provider.StorageProvider} calls and keeps
 * open-file handles; failures leave it as an {@link io.cloudmount.engine.FsException} carrying a
 * neutral {@link io.cloudmount.engine.FsError}, which a frontend (the FUSE adapter) maps to the
 * platform's errno numbers.
 */
package io.cloudmount.engine;
