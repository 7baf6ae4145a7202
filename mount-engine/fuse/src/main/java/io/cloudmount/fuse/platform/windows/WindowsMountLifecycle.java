package io.cloudmount.fuse.platform.windows;

import com.sun.jna.Pointer;
import io.cloudmount.engine.names.CaseInsensitiveProvider;
import io.cloudmount.engine.vfs.Vfs;
import io.cloudmount.fuse.MountException;
import io.cloudmount.fuse.MountLifecycle;
import io.cloudmount.fuse.nativeapi.FuseLibrary;
import io.cloudmount.fuse.platform.FuseUnavailableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mount through WinFsp's FUSE 3 layer (facts §7). What differs from libfuse:
 * <ul>
 * <li><b>Mount point</b>: {@code X:}, {@code *}, a folder that does not exist yet, or
 *     {@code \\cloudmount\NAME}, checked by {@link WindowsMountPoint}; a network drive's prefix and the
 *     store's case rule go into {@link WindowsPlatform#withSettings}, which builds {@code fuse_new}'s
 *     arguments and {@code want}.</li>
 * <li><b>Ready</b>: {@code fuse3_mount} mounts nothing; the loop runs {@code init}, probes the root,
 *     and only then creates the volume and the drive. So after {@code init} this waits until the
 *     drive's root is visible, as rclone and jfuse do.</li>
 * <li><b>Stop</b>: {@code fuse3_exit} on the {@code fuse3*} handle (only ever after {@code fuse3_mount}
 *     succeeded: a session exists only then), then wait for the loop to return; only then may
 *     {@code fuse3_unmount} and {@code fuse3_destroy} follow. Unmounting while the loop runs frees
 *     what it uses (WinFsp issue #490), and the context's internal object passed to {@code fuse3_exit}
 *     corrupts memory. A loop that ended by itself (Ctrl+C in the console, handled by WinFsp's console
 *     handler: the JVM never sees it) needs no exit.</li>
 * <li><b>Changes</b>: {@code fuse_notify} (a FUSE2 shim; no FUSE3 form) on the internal FUSE2 object
 *     that {@code fuse3_get_context()->fuse} holds inside a callback, captured in {@code init}. Never
 *     once the loop ended: WinFsp deletes the file system object {@code fuse_notify} uses then.</li>
 * </ul>
 * The Windows calls (drive letters, existence checks) go through {@link DriveLetters} and
 * {@link WindowsFiles}, so all of this runs in tests on Linux with fakes.
 */
public final class WindowsMountLifecycle implements MountLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(WindowsMountLifecycle.class);
    /** WinFsp stops its dispatcher after the operations in progress end; a slow store may hold one a while. */
    static final Duration EXIT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(50);

    private final WindowsPlatform platform;
    private final DriveLetters letters;
    private final WindowsFiles files;
    private final Object notifyLock = new Object();
    private volatile WindowsMountPoint point;
    /** WinFsp's internal FUSE2 object ({@code context->fuse}); guarded by notifyLock for use. */
    private volatile Pointer internalFuse;
    private boolean stopping;

    public WindowsMountLifecycle(WindowsPlatform platform, DriveLetters letters, WindowsFiles files) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.letters = Objects.requireNonNull(letters, "letters");
        this.files = Objects.requireNonNull(files, "files");
    }

    /** The locator's message says what to install and where; a DLL that exists but fails to load gets the same advice. */
    @Override
    public String libraryMissing(FuseUnavailableException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains(WinFspLocator.DOWNLOAD_URL)) {
            return message;
        }
        return message + ". CloudMount needs WinFsp 2023 (2.0) or newer for the JVM's architecture:"
                + " download it from " + WinFspLocator.DOWNLOAD_URL + " and install it.";
    }

    @Override
    public Target prepare(String mountPoint, Vfs vfs) throws MountException {
        WindowsMountPoint parsed = WindowsMountPoint.parse(mountPoint, letters, files);
        this.point = parsed;
        WindowsMountSettings settings = parsed.settings(resolvesCaseInsensitively(vfs));
        LOG.debug("Mount point {} -> {} ({})", mountPoint, parsed, settings);
        return new Target(parsed.nativePath(), Path.of(parsed.root()), platform.withSettings(settings));
    }

    /**
     * WinFsp must match names without case exactly when the drive does: a case-insensitive WinFsp over
     * a case-sensitive store would hand {@code README.TXT} on as typed and get "not found" back.
     */
    static boolean resolvesCaseInsensitively(Vfs vfs) {
        return vfs.provider() instanceof CaseInsensitiveProvider;
    }

    @Override
    public String mountRefused(Target target) {
        return "WinFsp refused the mount point " + point + ": it may have been taken since it was checked,"
                + " or the WinFsp driver is not running (WinFsp writes the reason to the console or to the"
                + " Windows event log, source WinFsp)";
    }

    /** {@code fuse3_loop_mt_31}; WinFsp's thread count is the {@code ThreadCount} mount option. */
    @Override
    public int runLoop(Session session, int threads) {
        return session.library().fuse_loop_mt(session.fuse(), 0);
    }

    /** Runs in {@code init}, where WinFsp has set this thread's context to the mount's internal object. */
    @Override
    public void onInit(FuseLibrary library) {
        Pointer context = library.fuse_get_context();
        Pointer internal = context == null ? null : context.getPointer(0);
        if (internal == null) {
            LOG.warn("WinFsp gave no context in init: Explorer will not hear of changes made beside {}", point);
        }
        internalFuse = internal;
    }

    /** Polls the drive's root ({@code X:\} or the folder) until it exists. */
    @Override
    public boolean awaitVisible(Session session, long deadlineNanos) throws InterruptedException {
        String root = point.root();
        long start = System.nanoTime();
        while (!files.exists(root)) {
            if (System.nanoTime() - deadlineNanos > 0 || session.awaitLoopEnd(POLL)) {
                return false;
            }
        }
        LOG.debug("{} visible {} ms after init", root, (System.nanoTime() - start) / 1_000_000);
        return true;
    }

    @Override
    public void announceChange(Session session, String path) {
        synchronized (notifyLock) {
            Pointer internal = internalFuse;
            if (stopping || internal == null || session.loopEnded()) {
                return;
            }
            int result = session.library().fuse_notify(internal, path, NotifyAction.CHANGED_FILE);
            LOG.debug("told Explorer that {} changed ({})", path, result);
        }
    }

    @Override
    public boolean stopLoop(Session session) {
        synchronized (notifyLock) {
            stopping = true; // waits for a fuse_notify in progress: none may run once the loop ends
        }
        if (session.loopEnded()) {
            return true;
        }
        session.library().fuse_exit(session.fuse());
        try {
            if (session.awaitLoopEnd(EXIT_TIMEOUT)) {
                return true;
            }
            LOG.error("WinFsp's loop for {} did not stop in {} s; leaving it mounted until this process ends",
                    point, EXIT_TIMEOUT.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("Interrupted while {} was stopping; leaving it mounted until this process ends", point);
        }
        return false;
    }
}
