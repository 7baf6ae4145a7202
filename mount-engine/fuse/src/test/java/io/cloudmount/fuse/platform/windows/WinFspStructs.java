package io.cloudmount.fuse.platform.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import java.lang.reflect.Field;
import java.util.List;

/**
 * JNA mirrors of WinFsp's FUSE 3 structs, with the Java types of the ABI facts (§3): 4-byte dev/rdev,
 * 2-byte nlink, 4-byte blksize, no C {@code long}. JNA's default alignment reproduces the Windows
 * offsets on Linux x86_64 (checked against the compilers in the facts) and on Windows itself, so
 * these independently computed layouts can be compared with the hand-written slot tables.
 */
public final class WinFspStructs {
    private WinFspStructs() {
    }

    /** A Structure that tells where JNA placed a field and how wide it is. */
    abstract static class Measured extends Structure {
        int offsetOf(String field) {
            return fieldOffset(field);
        }

        /** Width of a scalar or nested-struct field (JNA sizes a nested struct by value, like C). */
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
    public static class FuseTimespec extends Measured {
        public long tv_sec;
        public long tv_nsec;
    }

    @FieldOrder({"st_dev", "st_ino", "st_mode", "st_nlink", "st_uid", "st_gid", "st_rdev", "st_size",
            "st_atim", "st_mtim", "st_ctim", "st_blksize", "st_blocks", "st_birthtim"})
    public static class FuseStat extends Measured {
        public int st_dev;
        public long st_ino;
        public int st_mode;
        public short st_nlink;
        public int st_uid;
        public int st_gid;
        public int st_rdev;
        public long st_size;
        public FuseTimespec st_atim;
        public FuseTimespec st_mtim;
        public FuseTimespec st_ctim;
        public int st_blksize;
        public long st_blocks;
        public FuseTimespec st_birthtim;
    }

    @FieldOrder({"st_dev", "st_ino", "st_mode", "st_nlink", "st_uid", "st_gid", "st_rdev", "st_size",
            "st_atim", "st_mtim", "st_ctim", "st_blksize", "st_blocks", "st_birthtim",
            "st_flags", "st_reserved32", "st_reserved64"})
    public static class FuseStatEx extends Measured {
        public int st_dev;
        public long st_ino;
        public int st_mode;
        public short st_nlink;
        public int st_uid;
        public int st_gid;
        public int st_rdev;
        public long st_size;
        public FuseTimespec st_atim;
        public FuseTimespec st_mtim;
        public FuseTimespec st_ctim;
        public int st_blksize;
        public long st_blocks;
        public FuseTimespec st_birthtim;
        public int st_flags;
        public int[] st_reserved32 = new int[3];
        public long[] st_reserved64 = new long[2];
    }

    @FieldOrder({"f_bsize", "f_frsize", "f_blocks", "f_bfree", "f_bavail", "f_files", "f_ffree", "f_favail",
            "f_fsid", "f_flag", "f_namemax"})
    public static class FuseStatvfs extends Measured {
        public long f_bsize;
        public long f_frsize;
        public long f_blocks;
        public long f_bfree;
        public long f_bavail;
        public long f_files;
        public long f_ffree;
        public long f_favail;
        public long f_fsid;
        public long f_flag;
        public long f_namemax;
    }

    /** The bitfields (writepage:1 ... flock_release:1, then padding:27) are two 32-bit words. */
    @FieldOrder({"flags", "bitsA", "bitsB", "fh", "lock_owner", "poll_events"})
    public static class Fuse3FileInfo extends Measured {
        public int flags;
        public int bitsA;
        public int bitsB;
        public long fh;
        public long lock_owner;
        public int poll_events;
    }

    @FieldOrder({"proto_major", "proto_minor", "max_write", "max_read", "max_readahead", "capable", "want",
            "max_background", "congestion_threshold", "time_gran", "reserved"})
    public static class Fuse3ConnInfo extends Measured {
        public int proto_major;
        public int proto_minor;
        public int max_write;
        public int max_read;
        public int max_readahead;
        public int capable;
        public int want;
        public int max_background;
        public int congestion_threshold;
        public int time_gran;
        public int[] reserved = new int[22];
    }

    @FieldOrder({"set_gid", "gid", "set_uid", "uid", "set_mode", "umask", "entry_timeout", "negative_timeout",
            "attr_timeout", "intr", "intr_signal", "remember", "hard_remove", "use_ino", "readdir_ino", "direct_io",
            "kernel_cache", "auto_cache", "ac_attr_timeout_set", "ac_attr_timeout", "nullpath_ok", "show_help",
            "modules", "debug"})
    public static class Fuse3Config extends Measured {
        public int set_gid;
        public int gid;
        public int set_uid;
        public int uid;
        public int set_mode;
        public int umask;
        public double entry_timeout;
        public double negative_timeout;
        public double attr_timeout;
        public int intr;
        public int intr_signal;
        public int remember;
        public int hard_remove;
        public int use_ino;
        public int readdir_ino;
        public int direct_io;
        public int kernel_cache;
        public int auto_cache;
        public int ac_attr_timeout_set;
        public double ac_attr_timeout;
        public int nullpath_ok;
        public int show_help;
        public Pointer modules;
        public int debug;
    }

    @FieldOrder({"fuse", "uid", "gid", "pid", "private_data", "umask"})
    public static class Fuse3Context extends Measured {
        public Pointer fuse;
        public int uid;
        public int gid;
        public int pid;
        public Pointer private_data;
        public int umask;
    }

    @FieldOrder({"argc", "argv", "allocated"})
    public static class FuseArgs extends Measured {
        public int argc;
        public Pointer argv;
        public int allocated;
    }

    @FieldOrder({"templ", "offset", "value"})
    public static class FuseOpt extends Measured {
        public Pointer templ;
        public int offset;
        public int value;
    }

    @FieldOrder({"l_type", "l_whence", "l_start", "l_len", "l_pid"})
    public static class FuseFlock extends Measured {
        public short l_type;
        public short l_whence;
        public long l_start;
        public long l_len;
        public int l_pid;
    }

    @FieldOrder({"environment", "memalloc", "memfree", "daemonize", "set_signal_handlers", "conv_to_win_path",
            "winpid_to_pid", "reserved"})
    public static class FspFuseEnv extends Measured {
        public int environment;
        public Pointer memalloc;
        public Pointer memfree;
        public Pointer daemonize;
        public Pointer set_signal_handlers;
        public Pointer conv_to_win_path;
        public Pointer winpid_to_pid;
        public Pointer[] reserved = new Pointer[2];
    }

    /** {@code struct fuse3_operations}: 40 function pointers, slot i at 8 * i. */
    public static class Fuse3Operations extends Measured {
        public Pointer[] slots = new Pointer[40];

        @Override
        protected List<String> getFieldOrder() {
            return List.of("slots");
        }
    }
}
