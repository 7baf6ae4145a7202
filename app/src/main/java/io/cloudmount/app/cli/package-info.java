/**
 * The {@code cloudmount} command line: {@code mount}, {@code unmount}, {@code list}. A mount runs in
 * the foreground; {@link io.cloudmount.app.cli.MountRegistry} records it so that {@code unmount}
 * from another shell can ask that process to unmount cleanly (SIGTERM), instead of yanking the mount
 * from under it.
 */
package io.cloudmount.app.cli;
