/** WinFsp's FUSE 3 layer on Windows x64 and ARM64. Numbers from {@code shared/winfsp-fuse3-abi.md}. */
package io.cloudmount.fuse.platform.windows;
