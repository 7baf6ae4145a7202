package io.cloudmount.fuse.platform.windows;

/**
 * The {@code action} bits of WinFsp's {@code fuse_notify} ({@code FSP_FUSE_NOTIFY_*}, facts §6) and
 * the one combination the engine sends.
 *
 * <p>WinFsp turns the bits into one Windows change notification ({@code fsp_fuse_notify} in
 * {@code src/dll/fuse/fuse.c}): the first of MKDIR, RMDIR, CREATE, UNLINK decides the action (added
 * or removed) and adds the name filter; CHMOD/CHOWN, UTIME, CHFLAGS and TRUNCATE add the security,
 * last-write/last-access, attribute and size filters, with "modified" as the action if none was set.
 */
public final class NotifyAction {
    public static final int MKDIR = 0x1;
    public static final int RMDIR = 0x2;
    public static final int CREATE = 0x4;
    public static final int UNLINK = 0x8;
    public static final int CHMOD = 0x10;
    public static final int CHOWN = 0x20;
    public static final int UTIME = 0x40;
    public static final int CHFLAGS = 0x80;
    public static final int TRUNCATE = 0x100;

    /**
     * A file the engine found changed or newly written beside the mount: a new version in the store
     * (found when opening it) or a conflict copy. The engine's {@code ChangeListener} does not say
     * which, so this covers both: CREATE makes WinFsp report the name as added, so a folder window
     * lists a new file; UTIME and TRUNCATE put the last-write and size filters on the same
     * notification, so watchers that ask only for modifications hear of it too. That Explorer
     * refreshes an entry it already shows on an "added" for its name is expected, not yet seen on
     * Windows (docs/WINDOWS.md).
     */
    public static final int CHANGED_FILE = CREATE | UTIME | TRUNCATE;

    private NotifyAction() {
    }
}
