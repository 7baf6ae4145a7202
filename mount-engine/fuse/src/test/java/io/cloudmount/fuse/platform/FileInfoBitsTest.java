package io.cloudmount.fuse.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bit positions in {@code fuse_file_info}'s first bitfield word, by library and version (§4.4 of the facts). */
class FileInfoBitsTest {
    private static final NativePlatform LINUX = NativePlatform.forSystem("Linux", "amd64");
    private static final NativePlatform WINDOWS = NativePlatform.forSystem("Windows 11", "amd64");

    /** writepage 0, direct_io 1, keep_cache 2, flush 3, nonseekable 4, flock_release 5, cache_readdir 6, noflush 7. */
    @ParameterizedTest
    @ValueSource(ints = {32, 39, 310, 311, 312, 314, 317, 318})
    void libfuseBeforeAndAfter315(int version) {
        assertThat(LINUX.fileInfo(version)).isEqualTo(new FileInfoLayout(0x2, 0x4, 0x8, 0x10, 0x40, 0x80));
    }

    /** 3.15 and 3.16 put parallel_direct_writes at bit 3 and moved flush and everything after it up by one. */
    @ParameterizedTest
    @ValueSource(ints = {315, 316})
    void libfuse315And316ShiftedFromFlushOn(int version) {
        FileInfoLayout bits = LINUX.fileInfo(version);
        assertThat(bits).isEqualTo(new FileInfoLayout(0x2, 0x4, 0x10, 0x20, 0x80, 0x100));
    }

    /** WinFsp defines bits 0-5 only, and its fuse3_version() is 32 whatever the release. */
    @ParameterizedTest
    @ValueSource(ints = {32, 314, 315})
    void winFspHasNoCacheReaddirNorNoflush(int version) {
        assertThat(WINDOWS.fileInfo(version)).isEqualTo(new FileInfoLayout(0x2, 0x4, 0x8, 0x10, 0, 0));
    }
}
