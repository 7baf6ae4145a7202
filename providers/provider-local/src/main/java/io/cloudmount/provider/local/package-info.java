/**
 * A provider that mirrors a local folder 1:1, the role of WinFsp's passthrough sample and of bindfs.
 * Entry point: {@link io.cloudmount.provider.local.LocalProvider}.
 *
 * <h2>Shape</h2>
 * <ul>
 *   <li>{@link io.cloudmount.provider.local.Confinement} maps SPI paths to host paths and keeps them
 *       inside the root: symbolic links are followed only when their real target is inside.</li>
 *   <li>{@link io.cloudmount.provider.local.LocalAttributes} reads attributes with one system call and
 *       builds {@code ObjectInfo}; {@link io.cloudmount.provider.local.LocalListing} lists a directory in
 *       one page with {@code fstatat} per entry.</li>
 *   <li>{@link io.cloudmount.provider.local.LocalHandle} does positional I/O on a {@code FileChannel},
 *       straight from and into the caller's buffer.</li>
 *   <li>{@link io.cloudmount.provider.local.AtomicFileWriter} (upload, copy) writes beside the target
 *       and renames over it; {@link io.cloudmount.provider.local.LocalRename} gives {@code rename(2)}
 *       semantics, including a no-replace rename that never overwrites.</li>
 *   <li>{@link io.cloudmount.provider.local.LocalFailures} is the one place where NIO exceptions become
 *       {@code ProviderException} kinds.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * The provider holds no mutable state except the confinement's cache of verified directories (a
 * concurrent map); the host file system serializes everything else, as it does for any process.
 */
package io.cloudmount.provider.local;
