package io.cloudmount.fuse;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import io.cloudmount.engine.vfs.Vfs;
import io.cloudmount.fuse.nativeapi.FuseLibraries;
import io.cloudmount.fuse.platform.FuseUnavailableException;
import io.cloudmount.fuse.platform.NativePlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libfuse 3 on Linux. The mount exists when {@code fuse_mount} returns, so the kernel's INIT request
 * reaching {@code init} means programs can use it. {@code fuse_exit} only sets a flag that a worker
 * sees after its next request, so stopping sends one (a statfs of the mount point); if the loop is
 * still stuck the mount is detached lazily, which ends the loop with ENODEV.
 */
final class LinuxMountLifecycle implements MountLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(LinuxMountLifecycle.class);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(5);
    private static final Path BDI = Path.of("/sys/class/bdi");

    private final NativePlatform platform;

    LinuxMountLifecycle(NativePlatform platform) {
        this.platform = platform;
    }

    @Override
    public String libraryMissing(FuseUnavailableException e) {
        return "libfuse3 is not installed. Install it with: sudo apt-get install fuse3";
    }

    /** An existing, empty folder; a stale mount left there by a killed process is cleared first. */
    @Override
    public Target prepare(String mountPoint, Vfs vfs) throws MountException {
        Path target = MountTable.canonical(Path.of(mountPoint)); // as mountinfo names it: checks must find it
        MountPointCheck.prepare(target);
        return new Target(target.toString(), target, platform);
    }

    @Override
    public String mountRefused(Target target) {
        return "Could not mount at " + target.root() + " (see the message above; is /dev/fuse usable and fusermount3 installed?)";
    }

    /**
     * libfuse 3.12+ takes a loop config with a thread limit; older libfuse takes the 3.1 form with
     * libfuse's default limit.
     */
    @Override
    public int runLoop(Session session, int threads) throws FuseUnavailableException {
        if (session.fuseVersion() >= 312) {
            NativeLibrary nl = FuseLibraries.nativeLibrary(platform);
            Pointer config = nl.getFunction("fuse_loop_cfg_create").invokePointer(new Object[0]);
            try {
                nl.getFunction("fuse_loop_cfg_set_max_threads").invokeVoid(new Object[] {config, threads});
                // Idle workers stay: a new native thread must attach to the JVM before its first call.
                nl.getFunction("fuse_loop_cfg_set_idle_threads").invokeVoid(new Object[] {config, threads});
                Function loopMt = nl.getFunction("fuse_loop_mt");
                return loopMt.invokeInt(new Object[] {session.fuse(), config});
            } finally {
                nl.getFunction("fuse_loop_cfg_destroy").invokeVoid(new Object[] {config});
            }
        }
        return session.library().fuse_loop_mt(session.fuse(), 0);
    }

    /**
     * INIT came from the kernel through the mounted folder: nothing more to wait for. The mount is in
     * the mount table now, so this is where its kernel read-ahead is raised.
     */
    @Override
    public boolean awaitVisible(Session session, long deadlineNanos) {
        KernelReadAhead.raise(session.root(), BDI);
        return true;
    }

    /** Drops the kernel's cached pages and attributes of the path. */
    @Override
    public void announceChange(Session session, String path) {
        if (session.loopEnded()) {
            return;
        }
        int result = session.library().fuse_invalidate_path(session.fuse(), path);
        // -ENOENT: the kernel does not know the path (never looked up): nothing cached to drop.
        LOG.debug("invalidated {} in the kernel ({})", path, result);
    }

    /**
     * Exits the loop, woken by a request; if it does not end, detaches the mount (the lazy unmount ends
     * a loop waiting for requests with ENODEV). False only if the loop still runs after that: a worker
     * stuck in a request keeps libfuse's loop alive, and freeing its memory under it would crash the
     * process, so the session is left alone (the mount point is free again all the same).
     */
    @Override
    public boolean stopLoop(Session session) {
        if (session.loopEnded()) {
            return true;
        }
        Path mountPoint = session.root();
        // A stop must finish: an interrupt (a second Ctrl+C) is kept for the caller but does not cut the
        // waits short, nor fusermount3 below, which would give up at once with the flag set.
        AtomicBoolean interrupted = new AtomicBoolean(Thread.interrupted());
        try {
            session.library().fuse_exit(session.fuse());
            Thread wake = new Thread(() -> {
                try {
                    Files.getFileStore(mountPoint).getTotalSpace();
                } catch (Exception ignored) {
                    // any request will do, even a failing one
                }
            }, "mount-wake");
            wake.setDaemon(true);
            wake.start();
            if (!awaitLoopEnd(session, EXIT_TIMEOUT, interrupted)) {
                LOG.warn("The FUSE loop did not stop in {} s; detaching {}", EXIT_TIMEOUT.toSeconds(), mountPoint);
                MountTable.lazyUnmount(mountPoint);
                if (!awaitLoopEnd(session, EXIT_TIMEOUT, interrupted)) {
                    LOG.error("The FUSE loop of {} is stuck in a request; the folder is detached and the rest of the"
                            + " mount is left to end with the process", mountPoint);
                    return false;
                }
            }
            return true;
        } finally {
            if (interrupted.get() || Thread.interrupted()) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits until the loop ended or the time is up, through interrupts (noted for the caller to restore). */
    private static boolean awaitLoopEnd(Session session, Duration timeout, AtomicBoolean interrupted) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return session.awaitLoopEnd(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                interrupted.set(true); // and keep waiting: returning now would let the caller free a running loop
            }
        }
    }
}
