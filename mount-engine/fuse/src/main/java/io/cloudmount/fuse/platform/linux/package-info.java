/** libfuse 3.x on Linux x86_64 and aarch64 (glibc). Numbers from {@code shared/winfsp-fuse3-abi.md}. */
package io.cloudmount.fuse.platform.linux;
