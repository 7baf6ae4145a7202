package io.cloudmount.fuse;

import com.sun.jna.Pointer;
import io.cloudmount.engine.vfs.Vfs;
import io.cloudmount.fuse.nativeapi.FuseLibrary;
import io.cloudmount.fuse.platform.FuseUnavailableException;
import io.cloudmount.fuse.platform.NativePlatform;
import io.cloudmount.fuse.platform.windows.DriveLetters;
import io.cloudmount.fuse.platform.windows.WindowsFiles;
import io.cloudmount.fuse.platform.windows.WindowsMountLifecycle;
import io.cloudmount.fuse.platform.windows.WindowsPlatform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The steps of a mount that differ between libfuse (Linux) and WinFsp (Windows). {@link FuseMount}
 * runs the sequence both share and asks this object at each step:
 * <pre>
 *   prepare ─ fuse_new ─ fuse_mount ─ loop thread: runLoop ─┬─ init: onInit
 *                                                           └─ ready: awaitVisible
 *   close: (no more announceChange) ─ stopLoop ─ fuse_unmount ─ fuse_destroy   [only if stopLoop said so]
 * </pre>
 * One instance per mount: the Windows one keeps WinFsp's internal FUSE object, captured in init.
 * Not an extension point for users; public because the Windows implementation lives in its own package.
 */
public interface MountLifecycle {

    /**
     * A checked mount point.
     *
     * @param nativeMountPoint what {@code fuse_mount} gets: a folder on Linux; {@code X:} or a folder on Windows
     * @param root             where programs see the drive ({@code X:\} for a drive letter); {@link FuseMount#mountPoint()}
     * @param platform         the platform to build {@code fuse_new}'s arguments and {@code want} with (on
     *                         Windows it carries the mount's network share and case rule)
     */
    record Target(String nativeMountPoint, Path root, NativePlatform platform) {
        public Target {
            Objects.requireNonNull(nativeMountPoint, "nativeMountPoint");
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(platform, "platform");
        }
    }

    /** What a lifecycle may see of a session: one whose {@code fuse_mount} succeeded. */
    interface Session {
        FuseLibrary library();

        /** The handle {@code fuse_new} returned (on WinFsp the {@code fuse3*}, never the context's internal object). */
        Pointer fuse();

        /** {@code fuse_version()} of the loaded library. */
        int fuseVersion();

        Path root();

        /** True once the loop call returned, for whatever reason. */
        boolean loopEnded();

        /** Waits up to {@code timeout} for the loop call to return; true if it has. */
        boolean awaitLoopEnd(Duration timeout) throws InterruptedException;
    }

    /** The lifecycle for {@code platform}: WinFsp's for Windows, libfuse's otherwise. */
    static MountLifecycle forPlatform(NativePlatform platform) {
        if (platform instanceof WindowsPlatform windows) {
            return new WindowsMountLifecycle(windows, DriveLetters.system(), WindowsFiles.system());
        }
        return new LinuxMountLifecycle(platform);
    }

    /** The message for a user whose FUSE library cannot be loaded: what to install, and from where. */
    String libraryMissing(FuseUnavailableException e);

    /**
     * Checks the mount point as the user gave it and resolves it; throws with a message that says what
     * to change. {@code vfs} tells how the drive resolves names (Windows: case-insensitive or not).
     */
    Target prepare(String mountPoint, Vfs vfs) throws MountException;

    /** The message when {@code fuse_mount} refused {@code target}. */
    String mountRefused(Target target);

    /** Runs the native loop on the calling thread until it ends; returns its result. */
    int runLoop(Session session, int threads) throws Exception;

    /** Called inside the {@code init} callback, on the thread that runs it (before {@link #awaitVisible}). */
    default void onInit(FuseLibrary library) {
    }

    /**
     * Called once {@code init} ran: blocks until programs can use the drive. False if the loop ended
     * or {@code deadlineNanos} ({@link System#nanoTime()}) passed first.
     */
    boolean awaitVisible(Session session, long deadlineNanos) throws InterruptedException;

    /**
     * Tells the operating system that {@code path} changed beside the mount, so cached pages (Linux)
     * or open Explorer windows (Windows) catch up. Called on one background thread, never from a
     * callback. {@link FuseMount} stops calling it before {@link #stopLoop}, waiting a bounded time for
     * a call in progress; an implementation for which a late call is unsafe guards itself as well.
     */
    void announceChange(Session session, String path);

    /**
     * Ends the loop if it still runs. Returns true if {@code fuse_unmount} and {@code fuse_destroy}
     * may follow now; false leaves the session alone (its memory may still be in use).
     */
    boolean stopLoop(Session session);
}
