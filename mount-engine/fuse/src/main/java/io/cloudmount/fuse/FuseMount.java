package io.cloudmount.fuse;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import io.cloudmount.engine.vfs.Vfs;
import io.cloudmount.fuse.MountException.Reason;
import io.cloudmount.fuse.MountLifecycle.Session;
import io.cloudmount.fuse.MountLifecycle.Target;
import io.cloudmount.fuse.nativeapi.FuseLibraries;
import io.cloudmount.fuse.nativeapi.FuseLibrary;
import io.cloudmount.fuse.platform.FuseUnavailableException;
import io.cloudmount.fuse.platform.NativePlatform;
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
 * frees memory the loop uses (WinFsp issue #490). How the loop is asked to exit, what "ready" means
 * and how the OS hears of changes differ per platform: {@link MountLifecycle} has those steps
 * ({@link LinuxMountLifecycle}, {@link io.cloudmount.fuse.platform.windows.WindowsMountLifecycle}).
 */
public final class FuseMount implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FuseMount.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    /** How long close waits for a change announcement in progress before stopping the loop. */
    private static final Duration ANNOUNCE_TIMEOUT = Duration.ofSeconds(2);

    private final Vfs vfs;
    private final Path mountPoint;
    private final FuseLibrary lib;
    private final MountLifecycle lifecycle;
    /** Held for the whole session: native code points into both (see FuseOperations). */
    private final FuseOperations operations;
    private final Memory args;
    private final StringArray argv;
    private final Pointer fuse;
    private final int version;
    private final Thread loop;
    private final CountDownLatch loopEnded = new CountDownLatch(1);
    private final Thread shutdownHook;
    private final ExecutorService changes;
    private final Session session = new LoopSession();
    private volatile int loopResult;
    private boolean closed;

    private FuseMount(Vfs vfs, Target target, MountOptions options, MountLifecycle lifecycle, FuseLibrary lib)
            throws MountException {
        this.vfs = vfs;
        this.mountPoint = target.root();
        this.lifecycle = lifecycle;
        this.lib = lib;
        NativePlatform platform = target.platform();
        this.version = lib.fuse_version();
        this.operations = new FuseOperations(vfs, platform, version, options, () -> lifecycle.onInit(lib));
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
        if (lib.fuse_mount(fuse, target.nativeMountPoint()) != 0) {
            lib.fuse_destroy(fuse);
            throw new MountException(Reason.FAILED, lifecycle.mountRefused(target));
        }
        this.loop = new Thread(() -> runLoop(options.threads()), "mount-" + options.volumeName() + "-loop");
        loop.setDaemon(true);
        loop.start();
        this.changes = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mount-" + options.volumeName() + "-changes");
            t.setDaemon(true);
            return t;
        });
        // Asynchronous: invalidating from inside a FUSE callback for the same file can deadlock the kernel.
        vfs.setChangeListener(path -> changes.execute(() -> lifecycle.announceChange(session, path)));
        this.shutdownHook = new Thread(this::close, "mount-" + options.volumeName() + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Mounts {@code vfs} at the folder {@code mountPoint} and returns once programs can use the drive.
     * The Linux entry point; on Windows the path's text is read as by {@link #mount(Vfs, String, MountOptions)}.
     */
    public static FuseMount mount(Vfs vfs, Path mountPoint, MountOptions options) throws MountException {
        return mount(vfs, mountPoint.toString(), options);
    }

    /**
     * Mounts {@code vfs} and returns once programs can use the drive. {@code mountPoint} is a folder on
     * Linux; on Windows it is also {@code X:}, {@code *} (first free letter) or {@code \\cloudmount\NAME}
     * (a network drive), none of which is a {@link Path}. {@link #mountPoint()} says where it went.
     */
    public static FuseMount mount(Vfs vfs, String mountPoint, MountOptions options) throws MountException {
        NativePlatform platform;
        try {
            platform = NativePlatform.current();
        } catch (UnsupportedOperationException e) {
            // A 32-bit Java on Windows, an OS or CPU without a FUSE binding: the message says what to use.
            throw new MountException(Reason.FUSE_NOT_INSTALLED, e.getMessage(), e);
        }
        MountLifecycle lifecycle = MountLifecycle.forPlatform(platform);
        FuseLibrary lib;
        try {
            lib = FuseLibraries.load(platform);
        } catch (FuseUnavailableException e) {
            throw new MountException(Reason.FUSE_NOT_INSTALLED, lifecycle.libraryMissing(e), e);
        }
        return mount(vfs, mountPoint, options, lifecycle, lib);
    }

    /** The mount sequence with the platform's steps and library given (tests pass fakes). */
    static FuseMount mount(Vfs vfs, String mountPoint, MountOptions options, MountLifecycle lifecycle, FuseLibrary lib)
            throws MountException {
        Target target = lifecycle.prepare(mountPoint, vfs);
        FuseMount mount = new FuseMount(vfs, target, options, lifecycle, lib);
        mount.awaitReady();
        LOG.info("Mounted {} at {}", vfs.provider().describe(), target.root());
        return mount;
    }

    /** Where programs see the drive: the folder, or on Windows {@code X:\} or the folder. */
    public Path mountPoint() {
        return mountPoint;
    }

    public Vfs vfs() {
        return vfs;
    }

    /**
     * Blocks until the drive is unmounted (by {@link #close}, {@code fusermount3 -u}, a signal, or on
     * Windows Ctrl+C in the console, which WinFsp handles itself).
     */
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
        changes.shutdownNow();
        awaitAnnouncements();
        if (lifecycle.stopLoop(session)) {
            lib.fuse_unmount(fuse);
            lib.fuse_destroy(fuse);
        }
        try {
            vfs.close();
        } catch (Exception e) {
            LOG.warn("Closing the store failed: {}", e.getMessage());
        }
        LOG.info("Unmounted {}", mountPoint);
    }

    private void awaitAnnouncements() {
        try {
            if (!changes.awaitTermination(ANNOUNCE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.debug("a change announcement for {} is still running", mountPoint);
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
                    throw notReady();
                }
            }
            if (!lifecycle.awaitVisible(session, deadline)) {
                throw notReady();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new MountException(Reason.FAILED, "interrupted while mounting");
        }
    }

    private MountException notReady() {
        close();
        return new MountException(Reason.FAILED, "The mount at " + mountPoint + " did not come up (loop result "
                + loopResult + ")");
    }

    private void runLoop(int threads) {
        try {
            loopResult = lifecycle.runLoop(session, threads);
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

    /** This mount as its lifecycle sees it. */
    private final class LoopSession implements Session {
        @Override
        public FuseLibrary library() {
            return lib;
        }

        @Override
        public Pointer fuse() {
            return fuse;
        }

        @Override
        public int fuseVersion() {
            return version;
        }

        @Override
        public Path root() {
            return mountPoint;
        }

        @Override
        public boolean loopEnded() {
            return loopEnded.getCount() == 0;
        }

        @Override
        public boolean awaitLoopEnd(Duration timeout) throws InterruptedException {
            return loopEnded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
