package io.cloudmount.fuse.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.fuse.nativeapi.OperationSlot;
import io.cloudmount.fuse.platform.FileInfoLayout;
import io.cloudmount.fuse.platform.Slot;
import io.cloudmount.fuse.platform.StatLayout;
import io.cloudmount.fuse.platform.StatvfsLayout;
import io.cloudmount.fuse.platform.windows.WinFspStructs.Fuse3ConnInfo;
import io.cloudmount.fuse.platform.windows.WinFspStructs.Fuse3Context;
import io.cloudmount.fuse.platform.windows.WinFspStructs.Fuse3FileInfo;
import io.cloudmount.fuse.platform.windows.WinFspStructs.Fuse3Operations;
import io.cloudmount.fuse.platform.windows.WinFspStructs.FuseArgs;
import io.cloudmount.fuse.platform.windows.WinFspStructs.FuseStat;
import io.cloudmount.fuse.platform.windows.WinFspStructs.FuseStatEx;
import io.cloudmount.fuse.platform.windows.WinFspStructs.FuseStatvfs;
import io.cloudmount.fuse.platform.windows.WinFspStructs.Measured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WinFsp's struct layouts, twice: the hand-written slot tables against the numbers of
 * {@code shared/winfsp-fuse3-abi.md} §4, and against what JNA computes for the same structs declared
 * with the §3 Java types. x64 and ARM64 share every layout.
 */
class WindowsLayoutTest {

    @ParameterizedTest
    @ValueSource(strings = {"x86_64", "aarch64"})
    void statIsThe128ByteFuseStatOnBothArchitectures(String arch) {
        StatLayout stat = WindowsPlatform.forArch(arch).stat();

        assertThat(stat.size()).isEqualTo(128);
        assertThat(stat.dev()).isEqualTo(new Slot(0, 4));
        assertThat(stat.ino()).isEqualTo(new Slot(8, 8));
        assertThat(stat.mode()).isEqualTo(new Slot(16, 4));
        assertThat(stat.nlink()).isEqualTo(new Slot(20, 2));
        assertThat(stat.uid()).isEqualTo(new Slot(24, 4));
        assertThat(stat.gid()).isEqualTo(new Slot(28, 4));
        assertThat(stat.rdev()).isEqualTo(new Slot(32, 4));
        assertThat(stat.fileSize()).isEqualTo(new Slot(40, 8));
        assertThat(stat.atime()).isEqualTo(new Slot(48, 16));
        assertThat(stat.mtime()).isEqualTo(new Slot(64, 16));
        assertThat(stat.ctime()).isEqualTo(new Slot(80, 16));
        assertThat(stat.blksize()).isEqualTo(new Slot(96, 4));
        assertThat(stat.blocks()).isEqualTo(new Slot(104, 8));
        assertThat(stat.birthtime()).isEqualTo(new Slot(112, 16));
    }

    @Test
    void statExIsTheSameFieldsFollowedByFlagsIn160Bytes() {
        assertThat(WindowsPlatform.STAT_EX.size()).isEqualTo(160);
        assertThat(WindowsPlatform.STAT_EX_FLAGS).isEqualTo(128);
        StatLayout plain = WindowsPlatform.STAT;
        StatLayout ex = WindowsPlatform.STAT_EX;
        assertThat(ex).usingRecursiveComparison().ignoringFields("size").isEqualTo(plain);
    }

    @Test
    void jnaPlacesFuseStatWhereTheSlotTableSays() {
        FuseStat jna = new FuseStat();
        assertThat(jna.size()).isEqualTo(128);
        assertSlots(jna, WindowsPlatform.STAT);
    }

    @Test
    void jnaPlacesFuseStatExWhereTheSlotTableSays() {
        FuseStatEx jna = new FuseStatEx();
        assertThat(jna.size()).isEqualTo(160);
        assertSlots(jna, WindowsPlatform.STAT_EX);
        assertThat(jna.offsetOf("st_flags")).isEqualTo(WindowsPlatform.STAT_EX_FLAGS);
        assertThat(jna.offsetOf("st_reserved32")).isEqualTo(132);
        assertThat(jna.offsetOf("st_reserved64")).isEqualTo(144);
    }

    @Test
    void statvfsIs88BytesWithElevenEightByteFields() {
        assertThat(WindowsPlatform.forArch("x86_64").statvfs().size()).isEqualTo(88);
        FuseStatvfs jna = new FuseStatvfs();
        assertThat(jna.size()).isEqualTo(88);
        assertThat(jna.offsetOf("f_bsize")).isEqualTo(StatvfsLayout.BSIZE);
        assertThat(jna.offsetOf("f_frsize")).isEqualTo(StatvfsLayout.FRSIZE);
        assertThat(jna.offsetOf("f_blocks")).isEqualTo(StatvfsLayout.BLOCKS);
        assertThat(jna.offsetOf("f_bfree")).isEqualTo(StatvfsLayout.BFREE);
        assertThat(jna.offsetOf("f_bavail")).isEqualTo(StatvfsLayout.BAVAIL);
        assertThat(jna.offsetOf("f_files")).isEqualTo(StatvfsLayout.FILES);
        assertThat(jna.offsetOf("f_ffree")).isEqualTo(StatvfsLayout.FFREE);
        assertThat(jna.offsetOf("f_favail")).isEqualTo(StatvfsLayout.FAVAIL);
        assertThat(jna.offsetOf("f_fsid")).isEqualTo(StatvfsLayout.FSID);
        assertThat(jna.offsetOf("f_flag")).isEqualTo(StatvfsLayout.FLAG);
        assertThat(jna.offsetOf("f_namemax")).isEqualTo(StatvfsLayout.NAMEMAX);
    }

    @Test
    void fileInfoIs40BytesWithFlagsBitsAndFhWhereTheAdapterWritesThem() {
        Fuse3FileInfo jna = new Fuse3FileInfo();
        assertThat(jna.size()).isEqualTo(FileInfoLayout.SIZE).isEqualTo(40);
        assertThat(jna.offsetOf("flags")).isEqualTo(FileInfoLayout.FLAGS).isZero();
        assertThat(jna.offsetOf("bitsA")).isEqualTo(FileInfoLayout.BITS).isEqualTo(4);
        assertThat(jna.offsetOf("bitsB")).isEqualTo(8);
        assertThat(jna.offsetOf("fh")).isEqualTo(FileInfoLayout.FH).isEqualTo(16);
        assertThat(jna.offsetOf("lock_owner")).isEqualTo(24);
        assertThat(jna.offsetOf("poll_events")).isEqualTo(32);
    }

    @Test
    void connInfoHasWantAt24AndMaxWriteAt8() {
        Fuse3ConnInfo jna = new Fuse3ConnInfo();
        assertThat(jna.size()).isEqualTo(128);
        assertThat(jna.offsetOf("max_write")).isEqualTo(8);
        assertThat(jna.offsetOf("max_readahead")).isEqualTo(16);
        assertThat(jna.offsetOf("capable")).isEqualTo(20);
        assertThat(jna.offsetOf("want")).isEqualTo(24);
        assertThat(jna.offsetOf("reserved")).isEqualTo(40);
    }

    @Test
    void fuseArgsIs24BytesWithArgvAt8() {
        FuseArgs jna = new FuseArgs();
        assertThat(jna.size()).isEqualTo(24);
        assertThat(jna.offsetOf("argc")).isZero();
        assertThat(jna.offsetOf("argv")).isEqualTo(8);
        assertThat(jna.offsetOf("allocated")).isEqualTo(16);
    }

    @Test
    void contextHasPrivateDataAt24() {
        Fuse3Context jna = new Fuse3Context();
        assertThat(jna.size()).isEqualTo(40);
        assertThat(jna.offsetOf("uid")).isEqualTo(8);
        assertThat(jna.offsetOf("gid")).isEqualTo(12);
        assertThat(jna.offsetOf("pid")).isEqualTo(16);
        assertThat(jna.offsetOf("private_data")).isEqualTo(24);
        assertThat(jna.offsetOf("umask")).isEqualTo(32);
    }

    @Test
    void operationsTableIs320BytesAndWinFspReadsNoMore() {
        assertThat(new Fuse3Operations().size()).isEqualTo(OperationSlot.TABLE_SIZE).isEqualTo(320);
        assertThat(OperationSlot.values()).hasSize(40);
    }

    @Test
    void theOtherStructsTheBindingMayNeedMatchTheFacts() {
        WinFspStructs.Fuse3Config config = new WinFspStructs.Fuse3Config();
        assertThat(config.size()).isEqualTo(120);
        assertThat(config.offsetOf("umask")).isEqualTo(20);
        assertThat(config.offsetOf("entry_timeout")).isEqualTo(24);
        assertThat(config.offsetOf("attr_timeout")).isEqualTo(40);
        assertThat(config.offsetOf("auto_cache")).isEqualTo(80);
        assertThat(config.offsetOf("ac_attr_timeout_set")).isEqualTo(84);
        assertThat(config.offsetOf("ac_attr_timeout")).isEqualTo(88);
        assertThat(config.offsetOf("nullpath_ok")).isEqualTo(96);
        assertThat(config.offsetOf("show_help")).isEqualTo(100);
        assertThat(config.offsetOf("modules")).isEqualTo(104);
        assertThat(config.offsetOf("debug")).isEqualTo(112);

        WinFspStructs.FspFuseEnv env = new WinFspStructs.FspFuseEnv();
        assertThat(env.size()).isEqualTo(72);
        assertThat(env.offsetOf("memalloc")).isEqualTo(8);
        assertThat(env.offsetOf("memfree")).isEqualTo(16);
        assertThat(env.offsetOf("winpid_to_pid")).isEqualTo(48);
        assertThat(env.offsetOf("reserved")).isEqualTo(56);

        WinFspStructs.FuseFlock flock = new WinFspStructs.FuseFlock();
        assertThat(flock.size()).isEqualTo(32);
        assertThat(flock.offsetOf("l_whence")).isEqualTo(2);
        assertThat(flock.offsetOf("l_start")).isEqualTo(8);
        assertThat(flock.offsetOf("l_len")).isEqualTo(16);
        assertThat(flock.offsetOf("l_pid")).isEqualTo(24);

        WinFspStructs.FuseOpt opt = new WinFspStructs.FuseOpt();
        assertThat(opt.size()).isEqualTo(16);
        assertThat(opt.offsetOf("offset")).isEqualTo(8);
        assertThat(opt.offsetOf("value")).isEqualTo(12);
    }

    private static void assertSlots(Measured jna, StatLayout layout) {
        assertSlot(jna, "st_dev", layout.dev());
        assertSlot(jna, "st_ino", layout.ino());
        assertSlot(jna, "st_mode", layout.mode());
        assertSlot(jna, "st_nlink", layout.nlink());
        assertSlot(jna, "st_uid", layout.uid());
        assertSlot(jna, "st_gid", layout.gid());
        assertSlot(jna, "st_rdev", layout.rdev());
        assertSlot(jna, "st_size", layout.fileSize());
        assertSlot(jna, "st_atim", layout.atime());
        assertSlot(jna, "st_mtim", layout.mtime());
        assertSlot(jna, "st_ctim", layout.ctime());
        assertSlot(jna, "st_blksize", layout.blksize());
        assertSlot(jna, "st_blocks", layout.blocks());
        assertSlot(jna, "st_birthtim", layout.birthtime());
    }

    private static void assertSlot(Measured jna, String field, Slot slot) {
        assertThat(new Slot(jna.offsetOf(field), jna.sizeOf(field))).as(field).isEqualTo(slot);
    }
}
