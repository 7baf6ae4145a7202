package io.cloudmount.fuse;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import io.cloudmount.engine.vfs.Vfs;
import io.cloudmount.fuse.MountException.Reason;
import io.cloudmount.fuse.nativeapi.FuseLibraries;
import io.cloudmount.fuse.nativeapi.FuseLibrary;
import io.cloudmount.fuse.platform.FuseUnavailableException;
import io.cloudmount.fuse.platform.NativePlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One mounted drive: the native session, its loop thread and the safe way down.
 *
 * <p>Shutdown order (the only one that is safe on both libfuse and WinFsp): ask the loop to exit,
 * wait for the loop call to return, then unmount, then destroy. Unmounting while the loop still runs
 * frees memory the loop uses (WinFsp issue #490). On Linux {@code fuse_exit} only sets a flag that a
 * worker sees after its next request, so we send one (a statfs of the mount point); if the loop is
 * still stuck we detach the mount lazily, which ends the loop with ENODEV.
 */
public final class FuseMount implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FuseMount.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(5);

    private final Vfs vfs;
    private final Path mountPoint;
    private final FuseLibrary lib;
    private final NativePlatform platform;
    /** Held for the whole session: native code points into both (see FuseOperations). */
    private final FuseOperations operations;
    private final Memory args;
    private final StringArray argv;
    private final Pointer fuse;
    private final Thread loop;
    private final CountDownLatch loopEnded = new CountDownLatch(1);
    private final Thread shutdownHook;
    private final ExecutorService invalidations;
    private volatile int loopResult;
    private boolean closed;

    private FuseMount(Vfs vfs, Path mountPoint, MountOptions options, NativePlatform platform, FuseLibrary lib)
            throws MountException {
        this.vfs = vfs;
        this.mountPoint = mountPoint;
        this.platform = platform;
        this.lib = lib;
        int version = lib.fuse_version();
        this.operations = new FuseOperations(vfs, platform, version, options);
        List<String> arguments = platform.fuseArguments(options);
        this.argv = new StringArray(arguments.toArray(String[]::new), "UTF-8");
        this.args = new Memory(24); // struct fuse_args { int argc; char **argv; int allocated; }
        args.clear();
        args.setInt(0, arguments.size());
        args.setPointer(8, argv);
        LOG.debug("fuse_new {}", arguments);
        this.fuse = lib.fuse_new(args, operations.table(), operations.tableSize(), null);
        if (fuse == null) {
            throw new MountException(Reason.BAD_OPTION, "FUSE refused the mount options " + arguments.subList(1, arguments.size()));
        }
        if (lib.fuse_mount(fuse, mountPoint.toString()) != 0) {
            lib.fuse_destroy(fuse);
            throw new MountException(Reason.FAILED, "Could not mount at " + mountPoint
                    + " (see the message above; is /dev/fuse usable and fusermount3 installed?)");
        }
        this.loop = new Thread(() -> runLoop(options.threads(), version), "mount-" + options.volumeName() + "-loop");
        loop.setDaemon(true);
        loop.start();
        this.invalidations = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mount-" + options.volumeName() + "-invalidate");
            t.setDaemon(true);
            return t;
        });
        // Asynchronous: invalidating from inside a FUSE callback for the same file can deadlock the kernel.
        vfs.setChangeListener(path -> invalidations.execute(() -> invalidate(path)));
        this.shutdownHook = new Thread(this::close, "mount-" + options.volumeName() + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Mounts {@code vfs} at {@code mountPoint} and returns once the kernel's first request was
     * answered, i.e. when programs can use the drive.
     */
    public static FuseMount mount(Vfs vfs, Path mountPoint, MountOptions options) throws MountException {
        NativePlatform platform = NativePlatform.current();
        FuseLibrary lib;
        try {
            lib = FuseLibraries.load(platform);
        } catch (FuseUnavailableException e) {
            throw new MountException(Reason.FUSE_NOT_INSTALLED,
                    "libfuse3 is not installed. Install it with: sudo apt-get install fuse3", e);
        }
        Path target = mountPoint.toAbsolutePath().normalize();
        MountPointCheck.prepare(target);
        FuseMount mount = new FuseMount(vfs, target, options, platform, lib);
        mount.awaitReady();
        LOG.info("Mounted {} at {}", vfs.provider().describe(), target);
        return mount;
    }

    public Path mountPoint() {
        return mountPoint;
    }

    public Vfs vfs() {
        return vfs;
    }

    /** Blocks until the drive is unmounted (by {@link #close}, {@code fusermount3 -u} or a signal). */
    public void awaitUnmounted() throws InterruptedException {
        loopEnded.await();
    }

    public boolean awaitUnmounted(Duration timeout) throws InterruptedException {
        return loopEnded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isMounted() {
        return loopEnded.getCount() > 0;
    }

    /** Unmounts in the safe order; idempotent, callable from any thread and from the shutdown hook. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (Thread.currentThread() != shutdownHook) {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            }
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting; the hook is this call or will find us closed
        }
        vfs.setChangeListener(null);
        invalidations.shutdownNow();
        stopLoop();
        lib.fuse_unmount(fuse);
        lib.fuse_destroy(fuse);
        try {
            vfs.close();
        } catch (Exception e) {
            LOG.warn("Closing the store failed: {}", e.getMessage());
        }
        LOG.info("Unmounted {}", mountPoint);
    }

    private void invalidate(String path) {
        if (loopEnded.getCount() == 0) {
            return;
        }
        int result = lib.fuse_invalidate_path(fuse, path);
        // -ENOENT: the kernel does not know the path (never looked up): nothing cached to drop.
        LOG.debug("invalidated {} in the kernel ({})", path, result);
    }

    private void stopLoop() {
        if (loopEnded.getCount() == 0) {
            return;
        }
        lib.fuse_exit(fuse);
        Thread wake = new Thread(() -> {
            try {
                Files.getFileStore(mountPoint).getTotalSpace();
            } catch (Exception ignored) {
                // any request will do, even a failing one
            }
        }, "mount-wake");
        wake.setDaemon(true);
        wake.start();
        try {
            if (!loopEnded.await(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("The FUSE loop did not stop in {} s; detaching {}", EXIT_TIMEOUT.toSeconds(), mountPoint);
                MountTable.lazyUnmount(mountPoint);
                if (!loopEnded.await(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.error("The FUSE loop of {} is stuck; leaving it", mountPoint);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() throws MountException {
        try {
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            while (!operations.initialized().await(50, TimeUnit.MILLISECONDS)) {
                if (loopEnded.getCount() == 0 || System.nanoTime() > deadline) {
                    close();
                    throw new MountException(Reason.FAILED, "The mount at " + mountPoint + " did not come up (loop result "
                            + loopResult + ")");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new MountException(Reason.FAILED, "interrupted while mounting");
        }
    }

    private void runLoop(int threads, int version) {
        try {
            loopResult = platformLoop(threads, version);
            if (loopResult != 0) {
                LOG.warn("The FUSE loop for {} ended with {}", mountPoint, loopResult);
            }
        } catch (Throwable t) {
            LOG.error("The FUSE loop for {} failed", mountPoint, t);
            loopResult = -1;
        } finally {
            loopEnded.countDown();
        }
    }

    /**
     * libfuse 3.12+ takes a loop config with a thread limit; older libfuse and WinFsp take the 3.1
     * form (WinFsp's thread count is a mount option).
     */
    private int platformLoop(int threads, int version) throws FuseUnavailableException {
        if (platform.id().startsWith("linux") && version >= 312) {
            NativeLibrary nl = FuseLibraries.nativeLibrary(platform);
            Pointer config = nl.getFunction("fuse_loop_cfg_create").invokePointer(new Object[0]);
            try {
                nl.getFunction("fuse_loop_cfg_set_max_threads").invokeVoid(new Object[] {config, threads});
                // Idle workers stay: a new native thread must attach to the JVM before its first call.
                nl.getFunction("fuse_loop_cfg_set_idle_threads").invokeVoid(new Object[] {config, threads});
                Function loopMt = nl.getFunction("fuse_loop_mt");
                return loopMt.invokeInt(new Object[] {fuse, config});
            } finally {
                nl.getFunction("fuse_loop_cfg_destroy").invokeVoid(new Object[] {config});
            }
        }
        return lib.fuse_loop_mt(fuse, 0);
    }
}
