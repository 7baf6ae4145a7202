package io.cloudmount.fuse.platform.windows;

import io.cloudmount.fuse.MountOptions;
import io.cloudmount.fuse.platform.ErrnoTable;
import io.cloudmount.fuse.platform.FileInfoLayout;
import io.cloudmount.fuse.platform.FuseUnavailableException;
import io.cloudmount.fuse.platform.NativePlatform;
import io.cloudmount.fuse.platform.OpenFlagBits;
import io.cloudmount.fuse.platform.Slot;
import io.cloudmount.fuse.platform.StatLayout;
import io.cloudmount.fuse.platform.StatvfsLayout;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * WinFsp's FUSE 3 layer on Windows x64 and ARM64 (identical layouts on both). Immutable; {@link
 * #withSettings} gives the copy for one mount's {@link WindowsMountSettings}.
 *
 * <p>{@code FSP_FUSE_CAP_STAT_EX} is not requested. It would only add {@code st_flags} (hidden,
 * read-only, system, archive attributes), which the engine has no values for, and it changes the
 * contract: the stat given to the readdir filler must then be the 160-byte {@code fuse_stat_ex}.
 * {@link #STAT_EX} is that layout, pinned by tests, for the day the engine has attributes to show.
 */
public final class WindowsPlatform implements NativePlatform {
    /**
     * {@code struct fuse_stat}: 4-byte dev and rdev, 2-byte nlink, 4-byte blksize, and a creation time
     * (st_birthtim) at the end; 128 bytes.
     */
    static final StatLayout STAT = new StatLayout(128,
            new Slot(0, 4), new Slot(8, 8), new Slot(16, 4), new Slot(20, 2), new Slot(24, 4), new Slot(28, 4),
            new Slot(32, 4), new Slot(40, 8), new Slot(96, 4), new Slot(104, 8),
            new Slot(48, 16), new Slot(64, 16), new Slot(80, 16), new Slot(112, 16));
    /** {@code struct fuse_stat_ex}: {@link #STAT} then st_flags at 128 and reserved space; 160 bytes. */
    static final StatLayout STAT_EX = new StatLayout(160, STAT.dev(), STAT.ino(), STAT.mode(), STAT.nlink(),
            STAT.uid(), STAT.gid(), STAT.rdev(), STAT.fileSize(), STAT.blksize(), STAT.blocks(),
            STAT.atime(), STAT.mtime(), STAT.ctime(), STAT.birthtime());
    /** Offset of st_flags in {@link #STAT_EX}. */
    static final int STAT_EX_FLAGS = 128;

    /** WinFsp defines bits 0-5 only: no cache_readdir, no noflush. It ignores keep_cache and nonseekable. */
    static final FileInfoLayout FILE_INFO = new FileInfoLayout(1 << 1, 1 << 2, 1 << 3, 1 << 4, 0, 0);

    /** Same value as libfuse's; WinFsp converts it to its FUSE2 FSP_FUSE_CAP_READDIR_PLUS (1 << 21). */
    static final int CAP_READDIRPLUS = 1 << 13;
    /** WinFsp-only bits passed through {@code want}; on Linux these positions mean other things. */
    static final int CAP_READ_ONLY = 1 << 22;
    static final int CAP_STAT_EX = 1 << 23;
    static final int CAP_CASE_INSENSITIVE = 1 << 29;

    /**
     * The DLL exports a {@code fuse3_*} shim for each FUSE3 function. There is no {@code fuse3_loop_mt}:
     * the shims are built without FUSE_USE_VERSION, which selects the 3.1 form {@code fuse3_loop_mt_31}.
     * {@code fuse_notify} has no FUSE3 form: it is the FUSE2 shim (facts §2.2), called on the internal
     * FUSE2 object. {@code fuse3_invalidate_path} is a stub returning -ENOENT; Windows hears of changes
     * through {@code fuse_notify} instead (see {@link WindowsMountLifecycle}).
     */
    static final Map<String, String> SYMBOLS = Map.of(
            "fuse_new", "fuse3_new",
            "fuse_mount", "fuse3_mount",
            "fuse_loop_mt", "fuse3_loop_mt_31",
            "fuse_exit", "fuse3_exit",
            "fuse_unmount", "fuse3_unmount",
            "fuse_destroy", "fuse3_destroy",
            "fuse_version", "fuse3_version",
            "fuse_get_context", "fuse3_get_context",
            "fuse_invalidate_path", "fuse3_invalidate_path",
            "fuse_notify", "fuse_notify");

    private final String arch;
    private final WindowsMountSettings settings;

    private WindowsPlatform(String arch, WindowsMountSettings settings) {
        this.arch = arch;
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** {@code x86_64} or {@code aarch64}, the JVM's architecture (an x64 JVM on ARM64 Windows is x86_64). */
    public static WindowsPlatform forArch(String arch) {
        return switch (arch) {
            case "x86_64", "aarch64" -> new WindowsPlatform(arch, WindowsMountSettings.DEFAULT);
            case "x86", "i386", "i486", "i586", "i686" -> throw new UnsupportedOperationException(
                    "CloudMount needs a 64-bit Java on Windows (x64 or ARM64); this is a 32-bit x86 Java."
                            + " Install a 64-bit JDK or use the CloudMount installer, which bundles one.");
            default -> throw new UnsupportedOperationException(
                    "CloudMount supports Windows on x64 and ARM64, not " + arch);
        };
    }

    /** This platform for a mount with {@code settings} (network drive, case-insensitive names). */
    public WindowsPlatform withSettings(WindowsMountSettings settings) {
        return new WindowsPlatform(arch, settings);
    }

    public WindowsMountSettings settings() {
        return settings;
    }

    @Override
    public String id() {
        return "windows-" + arch;
    }

    /** The full path of {@code winfsp-x64.dll} or {@code winfsp-a64.dll} in WinFsp's install directory. */
    @Override
    public String libraryPath() throws FuseUnavailableException {
        return new WinFspLocator(arch, WinFspRegistry.system(), WindowsFiles.system()).locate();
    }

    @Override
    public Map<String, String> symbols() {
        return SYMBOLS;
    }

    @Override
    public StatLayout stat() {
        return STAT;
    }

    @Override
    public StatvfsLayout statvfs() {
        return new StatvfsLayout(88);
    }

    /** The same for every WinFsp: its {@code fuse3_version()} is always 32 (FUSE API 3.2), whatever the release. */
    @Override
    public FileInfoLayout fileInfo(int fuseVersion) {
        return FILE_INFO;
    }

    @Override
    public ErrnoTable errno() {
        return WindowsErrno.TABLE;
    }

    /** MSVC numbering: O_APPEND 0x8, O_CREAT 0x100, O_TRUNC 0x200, O_EXCL 0x400. */
    @Override
    public OpenFlagBits openFlags() {
        return new OpenFlagBits(0x8, 0x100, 0x200, 0x400);
    }

    /**
     * WinFsp refuses to overwrite an existing target itself unless the caller asked to replace it, and
     * then calls rename with flags 0: a rename we are called for must replace.
     */
    @Override
    public int renameNoReplace() {
        return 0;
    }

    @Override
    public int renameKnownFlags() {
        return 0;
    }

    /** WinFsp fills in a missing time from the current attributes; UTIME_NOW/UTIME_OMIT never arrive. */
    @Override
    public long utimeNow() {
        return Long.MIN_VALUE;
    }

    @Override
    public long utimeOmit() {
        return Long.MIN_VALUE;
    }

    /** WinFsp has no write-back cache capability; the flag is ignored. */
    @Override
    public int wantedCapabilities(boolean writebackCache) {
        int want = CAP_READDIRPLUS;
        return settings.caseInsensitive() ? want | CAP_CASE_INSENSITIVE : want;
    }

    /** Adds {@code FSP_FUSE_CAP_READ_ONLY} for a read-only mount: Windows then treats the volume as write-protected. */
    @Override
    public int wantedCapabilities(MountOptions options) {
        int want = wantedCapabilities(options.cache().writebackCache());
        return options.readOnly() ? want | CAP_READ_ONLY : want;
    }

    @Override
    public List<String> fuseArguments(MountOptions options) {
        return WindowsMountArguments.of(options, settings);
    }
}
