package io.cloudmount.fuse.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.fuse.nativeapi.OperationSlot;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Layout facts that hold on all four targets (WinFsp x64/ARM64, libfuse x86_64/aarch64), §4-§5 of the facts. */
class SharedLayoutTest {

    @Test
    void operationSlotsAreInTheOrderOfFuse3Operations() {
        List<String> facts = List.of("GETATTR", "READLINK", "MKNOD", "MKDIR", "UNLINK", "RMDIR", "SYMLINK", "RENAME",
                "LINK", "CHMOD", "CHOWN", "TRUNCATE", "OPEN", "READ", "WRITE", "STATFS", "FLUSH", "RELEASE", "FSYNC",
                "SETXATTR", "GETXATTR", "LISTXATTR", "REMOVEXATTR", "OPENDIR", "READDIR", "RELEASEDIR", "FSYNCDIR",
                "INIT", "DESTROY", "ACCESS", "CREATE", "LOCK", "UTIMENS", "BMAP", "IOCTL", "POLL", "WRITE_BUF",
                "READ_BUF", "FLOCK", "FALLOCATE");

        assertThat(Arrays.stream(OperationSlot.values()).map(Enum::name)).containsExactlyElementsOf(facts);
        for (OperationSlot slot : OperationSlot.values()) {
            assertThat(slot.offset()).as(slot.name()).isEqualTo(facts.indexOf(slot.name()) * 8);
        }
    }

    @Test
    void spotCheckedSlotOffsets() {
        assertThat(OperationSlot.GETATTR.offset()).isZero();
        assertThat(OperationSlot.READ.offset()).isEqualTo(13 * 8);
        assertThat(OperationSlot.READDIR.offset()).isEqualTo(24 * 8);
        assertThat(OperationSlot.INIT.offset()).isEqualTo(27 * 8);
        assertThat(OperationSlot.CREATE.offset()).isEqualTo(30 * 8);
        assertThat(OperationSlot.UTIMENS.offset()).isEqualTo(32 * 8);
        assertThat(OperationSlot.FALLOCATE.offset()).isEqualTo(39 * 8);
    }

    /** WinFsp cuts anything larger to 320; libfuse accepts a smaller table than its own. */
    @Test
    void tableSizeIs320() {
        assertThat(OperationSlot.TABLE_SIZE).isEqualTo(320);
    }

    @Test
    void fileInfoOffsetsAreTheSameEverywhere() {
        assertThat(FileInfoLayout.FLAGS).isZero();
        assertThat(FileInfoLayout.BITS).isEqualTo(4);
        assertThat(FileInfoLayout.FH).isEqualTo(16);
        assertThat(FileInfoLayout.SIZE).isEqualTo(40);
    }

    @Test
    void statvfsFieldsAreEightBytesApart() {
        assertThat(List.of(StatvfsLayout.BSIZE, StatvfsLayout.FRSIZE, StatvfsLayout.BLOCKS, StatvfsLayout.BFREE,
                StatvfsLayout.BAVAIL, StatvfsLayout.FILES, StatvfsLayout.FFREE, StatvfsLayout.FAVAIL, StatvfsLayout.FSID,
                StatvfsLayout.FLAG, StatvfsLayout.NAMEMAX))
                .containsExactly(0, 8, 16, 24, 32, 40, 48, 56, 64, 72, 80);
    }

    @Test
    void accessModeIsTheLowTwoBitsOnBothPlatforms() {
        assertThat(OpenFlagBits.ACCESS_MODE_MASK).isEqualTo(3);
    }
}
