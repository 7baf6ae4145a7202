/**
 * WinFsp's FUSE 3 layer on Windows x64 and ARM64. Numbers from {@code shared/winfsp-fuse3-abi.md}.
 *
 * <ul>
 * <li>{@link io.cloudmount.fuse.platform.windows.WindowsPlatform}: layouts, MSVC errno and open-flag
 *     numbers, {@code fuse3_*} symbol names, capability bits, mount options.</li>
 * <li>{@code WinFspLocator}: finds {@code winfsp-x64.dll} /
 *     {@code winfsp-a64.dll} through the registry, checks the version, explains what to install.</li>
 * <li>{@link io.cloudmount.fuse.platform.windows.WindowsMountPoint}: drive letters, {@code *}, folders
 *     and {@code \\cloudmount\NAME} network drives, checked before WinFsp sees them.</li>
 * <li>{@link io.cloudmount.fuse.platform.windows.WindowsMountSettings}: what a Windows mount needs beyond
 *     {@code MountOptions} (network share, case-insensitive names).</li>
 * <li>{@link io.cloudmount.fuse.platform.windows.WindowsMountLifecycle}: WinFsp's mount lifecycle (ready
 *     when the drive is visible, exit → loop returns → unmount → destroy, Explorer change notices
 *     through {@code fuse_notify} with {@link io.cloudmount.fuse.platform.windows.NotifyAction}).</li>
 * </ul>
 *
 * <p>Everything that asks Windows something goes through a small interface ({@link
 * io.cloudmount.fuse.platform.windows.WinFspRegistry}, {@link
 * io.cloudmount.fuse.platform.windows.DriveLetters}, {@link
 * io.cloudmount.fuse.platform.windows.WindowsFiles}) whose {@code system()} implementation is used in
 * production, so the logic is unit-tested on Linux. The production implementations themselves run
 * only on Windows (the Windows CI workflow).
 */
package io.cloudmount.fuse.platform.windows;
