/**
 * Everything that differs between native FUSE implementations, as data: struct layouts, errno
 * numbers, open/rename flag bits, capability bits and library names. {@link
 * io.cloudmount.fuse.platform.NativePlatform#current()} picks the table for the running OS and
 * architecture; code that writes native memory reads offsets from here and never hard-codes them.
 * Every number is pinned by a unit test to {@code shared/winfsp-fuse3-abi.md}.
 */
package io.cloudmount.fuse.platform;
