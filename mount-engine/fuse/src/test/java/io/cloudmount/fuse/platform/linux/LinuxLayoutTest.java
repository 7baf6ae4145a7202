package io.cloudmount.fuse.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Native;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import io.cloudmount.fuse.platform.Slot;
import io.cloudmount.fuse.platform.StatLayout;
import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/**
 * glibc's {@code struct stat} on x86_64 and aarch64 and {@code struct statvfs}, pinned to §4 of the
 * facts and, for stat, cross-checked with JNA mirrors of the kernel ABI structs (field order and
 * types from glibc's {@code bits/struct_stat.h}; JNA's natural alignment matches both ABIs).
 */
class LinuxLayoutTest {

    @Test
    void x86_64StatIs144BytesWithEightByteNlinkBeforeMode() {
        StatLayout stat = LinuxPlatform.forArch("x86_64").stat();

        assertThat(stat.size()).isEqualTo(144);
        assertThat(stat.dev()).isEqualTo(new Slot(0, 8));
        assertThat(stat.ino()).isEqualTo(new Slot(8, 8));
        assertThat(stat.nlink()).isEqualTo(new Slot(16, 8));
        assertThat(stat.mode()).isEqualTo(new Slot(24, 4));
        assertThat(stat.uid()).isEqualTo(new Slot(28, 4));
        assertThat(stat.gid()).isEqualTo(new Slot(32, 4));
        assertThat(stat.rdev()).isEqualTo(new Slot(40, 8));
        assertThat(stat.fileSize()).isEqualTo(new Slot(48, 8));
        assertThat(stat.blksize()).isEqualTo(new Slot(56, 8));
        assertThat(stat.blocks()).isEqualTo(new Slot(64, 8));
        assertThat(stat.atime()).isEqualTo(new Slot(72, 16));
        assertThat(stat.mtime()).isEqualTo(new Slot(88, 16));
        assertThat(stat.ctime()).isEqualTo(new Slot(104, 16));
        assertThat(stat.birthtime()).isNull();
    }

    @Test
    void aarch64StatIs128BytesWithFourByteNlinkAndBlksize() {
        StatLayout stat = LinuxPlatform.forArch("aarch64").stat();

        assertThat(stat.size()).isEqualTo(128);
        assertThat(stat.dev()).isEqualTo(new Slot(0, 8));
        assertThat(stat.ino()).isEqualTo(new Slot(8, 8));
        assertThat(stat.mode()).isEqualTo(new Slot(16, 4));
        assertThat(stat.nlink()).isEqualTo(new Slot(20, 4));
        assertThat(stat.uid()).isEqualTo(new Slot(24, 4));
        assertThat(stat.gid()).isEqualTo(new Slot(28, 4));
        assertThat(stat.rdev()).isEqualTo(new Slot(32, 8));
        assertThat(stat.fileSize()).isEqualTo(new Slot(48, 8));
        assertThat(stat.blksize()).isEqualTo(new Slot(56, 4));
        assertThat(stat.blocks()).isEqualTo(new Slot(64, 8));
        assertThat(stat.atime()).isEqualTo(new Slot(72, 16));
        assertThat(stat.mtime()).isEqualTo(new Slot(88, 16));
        assertThat(stat.ctime()).isEqualTo(new Slot(104, 16));
        assertThat(stat.birthtime()).isNull();
    }

    @Test
    void jnaAgreesWithTheX86_64Table() {
        StatX86_64 jna = new StatX86_64();
        assertThat(jna.size()).isEqualTo(144);
        assertSlots(jna, LinuxPlatform.forArch("x86_64").stat());
    }

    @Test
    void jnaAgreesWithTheAarch64Table() {
        StatAarch64 jna = new StatAarch64();
        assertThat(jna.size()).isEqualTo(128);
        assertSlots(jna, LinuxPlatform.forArch("aarch64").stat());
    }

    @Test
    void statvfsIs112BytesOnBothArchitectures() {
        assertThat(LinuxPlatform.forArch("x86_64").statvfs().size()).isEqualTo(112);
        assertThat(LinuxPlatform.forArch("aarch64").statvfs().size()).isEqualTo(112);
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
        assertSlot(jna, "st_blksize", layout.blksize());
        assertSlot(jna, "st_blocks", layout.blocks());
        assertSlot(jna, "st_atim", layout.atime());
        assertSlot(jna, "st_mtim", layout.mtime());
        assertSlot(jna, "st_ctim", layout.ctime());
    }

    private static void assertSlot(Measured jna, String field, Slot slot) {
        assertThat(new Slot(jna.offsetOf(field), jna.sizeOf(field))).as(field).isEqualTo(slot);
    }

    abstract static class Measured extends Structure {
        int offsetOf(String field) {
            return fieldOffset(field);
        }

        int sizeOf(String field) {
            try {
                Field f = getClass().getField(field);
                if (Structure.class.isAssignableFrom(f.getType())) {
                    return ((Structure) f.get(this)).size();
                }
                return Native.getNativeSize(f.getType());
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException(field, e);
            }
        }
    }

    @FieldOrder({"tv_sec", "tv_nsec"})
    public static class Timespec extends Measured {
        public long tv_sec;
        public long tv_nsec;
    }

    @FieldOrder({"st_dev", "st_ino", "st_nlink", "st_mode", "st_uid", "st_gid", "pad0", "st_rdev", "st_size",
            "st_blksize", "st_blocks", "st_atim", "st_mtim", "st_ctim", "reserved"})
    public static class StatX86_64 extends Measured {
        public long st_dev;
        public long st_ino;
        public long st_nlink;
        public int st_mode;
        public int st_uid;
        public int st_gid;
        public int pad0;
        public long st_rdev;
        public long st_size;
        public long st_blksize;
        public long st_blocks;
        public Timespec st_atim;
        public Timespec st_mtim;
        public Timespec st_ctim;
        public long[] reserved = new long[3];
    }

    @FieldOrder({"st_dev", "st_ino", "st_mode", "st_nlink", "st_uid", "st_gid", "st_rdev", "pad1", "st_size",
            "st_blksize", "pad2", "st_blocks", "st_atim", "st_mtim", "st_ctim", "unused"})
    public static class StatAarch64 extends Measured {
        public long st_dev;
        public long st_ino;
        public int st_mode;
        public int st_nlink;
        public int st_uid;
        public int st_gid;
        public long st_rdev;
        public long pad1;
        public long st_size;
        public int st_blksize;
        public int pad2;
        public long st_blocks;
        public Timespec st_atim;
        public Timespec st_mtim;
        public Timespec st_ctim;
        public int[] unused = new int[2];
    }
}
