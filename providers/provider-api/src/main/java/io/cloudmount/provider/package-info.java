/**
 * The storage provider SPI: what the mount engine needs from a store, and nothing more.
 *
 * <p>The SPI is path based and object-store friendly. Paths are absolute, {@code /}-separated,
 * normalized ({@link io.cloudmount.provider.ObjectPaths}), with {@code "/"} the root of the drive.
 * A provider declares what it can do through {@link io.cloudmount.provider.Capability capability
 * flags} so that the engine adapts (for example, it renames a directory by copying its children
 * when the store has no {@code DIRECTORY_RENAME}) instead of pretending.
 *
 * <p>Every failure is a {@link io.cloudmount.provider.ProviderException} of a known
 * {@link io.cloudmount.provider.ProviderException.Kind kind}; the engine maps kinds to errno.
 * Implementations must be thread-safe: the engine calls them from many FUSE threads at once.
 */
package io.cloudmount.provider;
