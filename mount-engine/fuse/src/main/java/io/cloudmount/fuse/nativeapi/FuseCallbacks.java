package io.cloudmount.fuse.nativeapi;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;

/**
 * One JNA callback interface per native signature of {@code struct fuse_operations}. Integers that C
 * declares as {@code off_t}/{@code size_t} are {@code long} (64-bit on every supported target);
 * {@code mode_t}, {@code uid_t}, {@code gid_t} are {@code int}.
 */
public final class FuseCallbacks {
    private FuseCallbacks() {
    }

    /** getattr(path, stat*, fi*). */
    public interface StatCb extends Callback {
        int invoke(Pointer path, Pointer stat, Pointer fi);
    }

    /** mkdir(path, mode), access(path, mask). */
    public interface PathIntCb extends Callback {
        int invoke(Pointer path, int value);
    }

    /** unlink(path), rmdir(path). */
    public interface PathCb extends Callback {
        int invoke(Pointer path);
    }

    /** rename(from, to, flags). */
    public interface RenameCb extends Callback {
        int invoke(Pointer from, Pointer to, int flags);
    }

    /** chmod(path, mode, fi*), create(path, mode, fi*). */
    public interface PathIntFiCb extends Callback {
        int invoke(Pointer path, int value, Pointer fi);
    }

    /** chown(path, uid, gid, fi*). */
    public interface ChownCb extends Callback {
        int invoke(Pointer path, int uid, int gid, Pointer fi);
    }

    /** truncate(path, size, fi*). */
    public interface TruncateCb extends Callback {
        int invoke(Pointer path, long size, Pointer fi);
    }

    /** open, flush, release, opendir, releasedir: (path, fi*). */
    public interface FileCb extends Callback {
        int invoke(Pointer path, Pointer fi);
    }

    /** read/write(path, buf, size, offset, fi*); returns the byte count or -errno. */
    public interface IoCb extends Callback {
        int invoke(Pointer path, Pointer buf, long size, long offset, Pointer fi);
    }

    /** statfs(path, statvfs*). */
    public interface StatfsCb extends Callback {
        int invoke(Pointer path, Pointer statvfs);
    }

    /** fsync/fsyncdir(path, datasync, fi*). */
    public interface FsyncCb extends Callback {
        int invoke(Pointer path, int datasync, Pointer fi);
    }

    /** readdir(path, buf, filler, offset, fi*, flags). */
    public interface ReaddirCb extends Callback {
        int invoke(Pointer path, Pointer buf, Pointer filler, long offset, Pointer fi, int flags);
    }

    /** utimens(path, const timespec[2], fi*). */
    public interface UtimensCb extends Callback {
        int invoke(Pointer path, Pointer times, Pointer fi);
    }

    /** init(conn*, config*): returns private_data. */
    public interface InitCb extends Callback {
        Pointer invoke(Pointer conn, Pointer config);
    }

    /** destroy(private_data). */
    public interface DestroyCb extends Callback {
        void invoke(Pointer privateData);
    }
}
