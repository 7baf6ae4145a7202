package io.cloudmount.fuse;

import static io.cloudmount.fuse.nativeapi.OperationSlot.*;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.cloudmount.engine.FsError;
import io.cloudmount.engine.FsErrors;
import io.cloudmount.engine.FsException;
import io.cloudmount.engine.vfs.FileAttributes;
import io.cloudmount.engine.vfs.OpenFlags;
import io.cloudmount.engine.vfs.Vfs;
import io.cloudmount.fuse.nativeapi.FuseCallbacks.*;
import io.cloudmount.fuse.nativeapi.NativeStructs;
import io.cloudmount.fuse.nativeapi.OperationSlot;
import io.cloudmount.fuse.platform.FileInfoLayout;
import io.cloudmount.fuse.platform.NativePlatform;
import io.cloudmount.fuse.platform.OpenFlagBits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code fuse_operations} table over a {@link Vfs}. Each callback decodes its arguments, calls
 * the VFS, writes results into native memory and returns 0, a count, or a negative errno from the
 * platform's table. Every callback catches {@code Throwable}: an exception must never unwind into
 * native code. Read and write move bytes through direct {@code ByteBuffer} views of the native
 * buffer, so the only copy is the store's own.
 */
final class FuseOperations {
    private static final Logger LOG = LoggerFactory.getLogger(FuseOperations.class);
    /** readdir flag asking for attributes. Same on WinFsp and libfuse. */
    private static final int READDIR_PLUS = 1;
    private static final int W_OK = 2;

    private final Vfs vfs;
    private final NativePlatform platform;
    private final NativeStructs structs;
    private final OpenFlagBits openBits;
    private final MountOptions options;
    private final KernelCachePolicy cache;
    private final boolean debug;
    private final CountDownLatch initialized = new CountDownLatch(1);
    /** Runs inside init, on its thread (WinFsp: the only moment its internal FUSE object can be read). */
    private final Runnable onInit;
    private volatile FileInfoLayout fileInfo;
    /** JNA does not keep callbacks alive: native code holds only raw pointers. These references do. */
    private final List<Callback> callbacks = new ArrayList<>();
    private final Memory table = new Memory(OperationSlot.TABLE_SIZE);
    private final DirentFiller dirents;
    private static final byte[] DOT = {'.'};
    private static final byte[] DOTDOT = {'.', '.'};

    FuseOperations(Vfs vfs, NativePlatform platform, int fuseVersion, MountOptions options) {
        this(vfs, platform, fuseVersion, options, () -> { });
    }

    FuseOperations(Vfs vfs, NativePlatform platform, int fuseVersion, MountOptions options, Runnable onInit) {
        this.vfs = vfs;
        this.onInit = onInit;
        this.platform = platform;
        this.structs = new NativeStructs(platform.stat(), platform.statvfs());
        this.openBits = platform.openFlags();
        this.fileInfo = platform.fileInfo(fuseVersion);
        this.options = options;
        this.cache = options.cache();
        this.debug = options.debug();
        this.dirents = new DirentFiller(structs, true);
        table.clear();
        bind();
    }

    Pointer table() {
        return table;
    }

    long tableSize() {
        return OperationSlot.TABLE_SIZE;
    }

    /** Counted down when the kernel's INIT reached us: the mount answers requests from then on. */
    CountDownLatch initialized() {
        return initialized;
    }

    private void bind() {
        set(GETATTR, (StatCb) (path, stat, fi) -> run("getattr", path, () -> {
            FileAttributes attributes = fi == null ? vfs.getattr(str(path)) : vfs.getattr(fh(fi));
            structs.writeStat(stat, attributes);
            return 0;
        }));
        set(MKDIR, (PathIntCb) (path, mode) -> run("mkdir", path, () -> {
            vfs.mkdir(str(path), mode);
            return 0;
        }));
        set(UNLINK, (PathCb) path -> run("unlink", path, () -> {
            vfs.unlink(str(path));
            return 0;
        }));
        set(RMDIR, (PathCb) path -> run("rmdir", path, () -> {
            vfs.rmdir(str(path));
            return 0;
        }));
        set(RENAME, (RenameCb) (from, to, flags) -> run("rename", from, () -> {
            if ((flags & ~platform.renameKnownFlags()) != 0) {
                return -errno(FsError.EINVAL); // RENAME_EXCHANGE, RENAME_WHITEOUT
            }
            vfs.rename(str(from), str(to), (flags & platform.renameNoReplace()) != 0);
            return 0;
        }));
        set(CHMOD, (PathIntFiCb) (path, mode, fi) -> run("chmod", path, () -> {
            if (path == null) {
                return 0; // an unlinked open file: nobody can see its mode any more
            }
            vfs.chmod(str(path), mode);
            return 0;
        }));
        set(CHOWN, (ChownCb) (path, uid, gid, fi) -> run("chown", path, () -> {
            if (path == null) {
                return 0;
            }
            vfs.chown(str(path), uid, gid);
            return 0;
        }));
        set(TRUNCATE, (TruncateCb) (path, size, fi) -> run("truncate", path, () -> {
            if (fi != null) {
                vfs.ftruncate(fh(fi), size);
            } else {
                vfs.truncate(str(path), size);
            }
            return 0;
        }));
        set(OPEN, (FileCb) (path, fi) -> run("open", path, () -> {
            setFh(fi, vfs.open(str(path), openFlags(fi)));
            applyFileCaching(fi);
            skipNeedlessFlush(fi);
            return 0;
        }));
        set(CREATE, (PathIntFiCb) (path, mode, fi) -> run("create", path, () -> {
            setFh(fi, vfs.create(str(path), mode, openFlags(fi)));
            applyFileCaching(fi);
            skipNeedlessFlush(fi);
            return 0;
        }));
        set(READ, (IoCb) (path, buf, size, offset, fi) -> run("read", path, () -> {
            ByteBuffer dst = buf.getByteBuffer(0, size);
            return vfs.read(fh(fi), offset, dst);
        }));
        set(WRITE, (IoCb) (path, buf, size, offset, fi) -> run("write", path, () -> {
            ByteBuffer src = buf.getByteBuffer(0, size);
            if ((fi.getInt(FileInfoLayout.BITS) & FileInfoLayout.WRITEPAGE) != 0) {
                return vfs.writePage(fh(fi), offset, src); // mmap write-back: at the page's offset, even if O_APPEND
            }
            return vfs.write(fh(fi), offset, src);
        }));
        set(STATFS, (StatfsCb) (path, statvfs) -> run("statfs", path, () -> {
            structs.writeStatvfs(statvfs, vfs.statfs());
            return 0;
        }));
        set(FLUSH, (FileCb) (path, fi) -> run("flush", path, () -> {
            vfs.flush(fh(fi));
            return 0;
        }));
        set(RELEASE, (FileCb) (path, fi) -> run("release", path, () -> {
            vfs.release(fh(fi));
            return 0;
        }));
        set(FSYNC, (FsyncCb) (path, datasync, fi) -> run("fsync", path, () -> {
            vfs.fsync(fh(fi), datasync != 0);
            return 0;
        }));
        set(OPENDIR, (FileCb) (path, fi) -> run("opendir", path, () -> {
            setFh(fi, vfs.opendir(str(path)));
            if (cache.cacheListings()) {
                FileInfoLayout bits = fileInfo;
                fi.setInt(FileInfoLayout.BITS, fi.getInt(FileInfoLayout.BITS) | bits.cacheReaddir() | bits.keepCache());
            }
            return 0;
        }));
        set(READDIR, (ReaddirCb) (path, buf, filler, offset, fi, flags) -> run("readdir", path,
                () -> readdir(buf, filler, offset, fi, (flags & READDIR_PLUS) != 0)));
        set(RELEASEDIR, (FileCb) (path, fi) -> run("releasedir", path, () -> {
            vfs.releasedir(fh(fi));
            return 0;
        }));
        set(FSYNCDIR, (FsyncCb) (path, datasync, fi) -> 0);
        set(ACCESS, (PathIntCb) (path, mask) -> run("access", path, () -> {
            vfs.access(str(path), (mask & W_OK) != 0);
            return 0;
        }));
        set(UTIMENS, (UtimensCb) (path, times, fi) -> run("utimens", path, () -> {
            if (path == null) {
                // The kernel's writeback cache flushes times at close, also for a file that was unlinked or
                // replaced meanwhile (libfuse then passes no path): there is no name left to stamp.
                return 0;
            }
            Instant mtime = modificationTime(times);
            if (mtime != null || times == null) {
                vfs.setTimes(str(path), mtime);
            }
            return 0;
        }));
        set(INIT, (InitCb) (conn, config) -> {
            try {
                ConnInfo.negotiate(conn, platform, options);
                FuseConfig.configure(config);
                onInit.run();
            } catch (Throwable t) {
                LOG.error("FUSE init failed", t);
            } finally {
                initialized.countDown();
            }
            return null;
        });
        set(DESTROY, (DestroyCb) privateData -> LOG.debug("FUSE session destroyed"));
    }

    private int readdir(Pointer buf, Pointer filler, long offset, Pointer fi, boolean plus) throws Exception {
        long dh = fh(fi);
        List<FileAttributes> entries = vfs.readdir(dh, offset);
        // Sizes and times listed before a change through the drive would overwrite the kernel's newer ones.
        plus = plus && vfs.attributesCurrent(dh);
        // Offsets: "." = 1, ".." = 2, entry i = i + 3; the offset passed in is where to resume.
        for (long next = offset + 1; next <= entries.size() + 2; next++) {
            int full;
            if (next <= 2) {
                full = dirents.fill(filler, buf, next == 1 ? DOT : DOTDOT, null, plus, next);
            } else {
                FileAttributes entry = entries.get((int) (next - 3));
                full = dirents.fill(filler, buf, entry.name().getBytes(StandardCharsets.UTF_8), entry, plus, next);
            }
            if (full != 0) {
                break; // the reply buffer is full; the kernel asks again from this offset
            }
        }
        return 0;
    }

    private Instant modificationTime(Pointer times) {
        if (times == null) {
            return null; // utimes(path, NULL): both times are "now"; the VFS fills it in
        }
        long seconds = times.getLong(16);
        long nanos = times.getLong(24);
        if (nanos == platform.utimeOmit()) {
            return null;
        }
        if (nanos == platform.utimeNow()) {
            return Instant.now();
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private OpenFlags openFlags(Pointer fi) {
        int flags = fi.getInt(FileInfoLayout.FLAGS);
        // With the kernel's writeback cache the kernel places appended data itself and flushes pages in
        // any order: the offsets it sends are right, and "append at our end" would reorder them.
        boolean append = (flags & openBits.append()) != 0 && !cache.writebackCache();
        return OpenFlags.of(flags & OpenFlagBits.ACCESS_MODE_MASK, append,
                (flags & openBits.truncate()) != 0, (flags & openBits.exclusive()) != 0);
    }

    private void applyFileCaching(Pointer fi) {
        if (cache.keepPageCache()) {
            fi.setInt(FileInfoLayout.BITS, fi.getInt(FileInfoLayout.BITS) | fileInfo.keepCache());
        }
    }

    /**
     * {@code noflush}: the kernel then sends no FLUSH at close(2) (one request of the five a small-file
     * create costs). Only where flush is a no-op; never with the kernel's writeback cache, whose FLUSH
     * carries the dirty pages (the kernel ignores the bit then anyway). A layout without the bit
     * (libfuse before 3.11, WinFsp) has mask 0.
     */
    private void skipNeedlessFlush(Pointer fi) throws IOException {
        if (fileInfo.noflush() != 0 && !cache.writebackCache() && !vfs.needsFlush(fh(fi))) {
            fi.setInt(FileInfoLayout.BITS, fi.getInt(FileInfoLayout.BITS) | fileInfo.noflush());
        }
    }

    private static long fh(Pointer fi) {
        return fi.getLong(FileInfoLayout.FH);
    }

    private static void setFh(Pointer fi, long handle) {
        fi.setLong(FileInfoLayout.FH, handle);
    }

    private static String str(Pointer p) throws FsException {
        return NativePaths.decode(p);
    }

    private int errno(FsError error) {
        return platform.errno().of(error);
    }

    @FunctionalInterface
    private interface Body {
        int run() throws Exception;
    }

    /** The one place where a failure becomes a number. */
    private int run(String op, Pointer path, Body body) {
        String name = null;
        try {
            int result = body.run();
            if (debug) {
                LOG.info("{} {} -> {}", op, name = safeStr(path), result);
            }
            return result;
        } catch (Throwable t) {
            if (name == null) {
                name = safeStr(path);
            }
            FsError error = FsErrors.classify(t, op, name);
            if (debug) {
                LOG.info("{} {} -> {} ({})", op, name, error, t.getMessage());
            }
            return -errno(error);
        }
    }

    private static String safeStr(Pointer p) {
        try {
            return NativePaths.describe(p);
        } catch (Throwable t) {
            return "?";
        }
    }

    private void set(OperationSlot slot, Callback callback) {
        // Keep native worker threads attached to the JVM between calls: attaching per call costs more
        // than most operations. Daemon, so a stuck worker never keeps the JVM alive.
        Native.setCallbackThreadInitializer(callback, new CallbackThreadInitializer(true, false, "fuse-worker"));
        callbacks.add(callback);
        table.setPointer(slot.offset(), CallbackReference.getFunctionPointer(callback));
    }
}
