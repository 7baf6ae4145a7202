package io.cloudmount.fuse.platform.linux;

import io.cloudmount.fuse.MountOptions;
import io.cloudmount.fuse.platform.ErrnoTable;
import io.cloudmount.fuse.platform.FileInfoLayout;
import io.cloudmount.fuse.platform.NativePlatform;
import io.cloudmount.fuse.platform.OpenFlagBits;
import io.cloudmount.fuse.platform.Slot;
import io.cloudmount.fuse.platform.StatLayout;
import io.cloudmount.fuse.platform.StatvfsLayout;
import java.util.List;
import java.util.Map;

/** libfuse 3 on Linux. Only {@code struct stat} differs between x86_64 and aarch64. */
public final class LinuxPlatform implements NativePlatform {
    /** x86_64: st_nlink is 8 bytes and sits before st_mode; 144 bytes in all. */
    static final StatLayout STAT_X86_64 = new StatLayout(144,
            new Slot(0, 8), new Slot(8, 8), new Slot(24, 4), new Slot(16, 8), new Slot(28, 4), new Slot(32, 4),
            new Slot(40, 8), new Slot(48, 8), new Slot(56, 8), new Slot(64, 8),
            new Slot(72, 16), new Slot(88, 16), new Slot(104, 16), null);
    /** aarch64 (asm-generic): st_nlink is 4 bytes after st_mode, st_blksize 4 bytes; 128 bytes in all. */
    static final StatLayout STAT_AARCH64 = new StatLayout(128,
            new Slot(0, 8), new Slot(8, 8), new Slot(16, 4), new Slot(20, 4), new Slot(24, 4), new Slot(28, 4),
            new Slot(32, 8), new Slot(48, 8), new Slot(56, 4), new Slot(64, 8),
            new Slot(72, 16), new Slot(88, 16), new Slot(104, 16), null);

    /** libfuse 3.2-3.14 and 3.17+. */
    static final FileInfoLayout FILE_INFO = new FileInfoLayout(1 << 1, 1 << 2, 1 << 3, 1 << 4, 1 << 6, 1 << 7);
    /** libfuse 3.15-3.16 inserted parallel_direct_writes at bit 3 and shifted the rest. */
    static final FileInfoLayout FILE_INFO_315 = new FileInfoLayout(1 << 1, 1 << 2, 1 << 4, 1 << 5, 1 << 7, 1 << 8);

    static final int CAP_ASYNC_READ = 1;
    static final int CAP_ATOMIC_O_TRUNC = 1 << 3;
    static final int CAP_AUTO_INVAL_DATA = 1 << 12;
    static final int CAP_READDIRPLUS = 1 << 13;
    static final int CAP_READDIRPLUS_AUTO = 1 << 14;
    static final int CAP_ASYNC_DIO = 1 << 15;
    static final int CAP_WRITEBACK_CACHE = 1 << 16;
    static final int CAP_PARALLEL_DIROPS = 1 << 18;

    private final String arch;
    private final StatLayout stat;

    private LinuxPlatform(String arch, StatLayout stat) {
        this.arch = arch;
        this.stat = stat;
    }

    public static LinuxPlatform forArch(String arch) {
        return switch (arch) {
            case "x86_64" -> new LinuxPlatform(arch, STAT_X86_64);
            case "aarch64" -> new LinuxPlatform(arch, STAT_AARCH64);
            default -> throw new UnsupportedOperationException("CloudMount supports Linux on x86_64 and aarch64, not " + arch);
        };
    }

    @Override
    public String id() {
        return "linux-" + arch;
    }

    /**
     * The versioned soname: the unversioned libfuse3.so exists only with the -dev package. The system
     * property {@code cloudmount.fuse.library} points elsewhere (a self-built libfuse, tests).
     */
    @Override
    public String libraryPath() {
        return System.getProperty("cloudmount.fuse.library", "libfuse3.so.3");
    }

    /**
     * {@code fuse_new_31}: in libfuse 3.17+ the plain {@code fuse_new} is no longer a default version, so
     * dlsym finds nothing. {@code fuse_loop_mt_31} exists from 3.2 to 3.18.
     */
    @Override
    public Map<String, String> symbols() {
        return Map.of("fuse_new", "fuse_new_31", "fuse_loop_mt", "fuse_loop_mt_31");
    }

    @Override
    public List<String> fuseArguments(MountOptions options) {
        return LinuxMountArguments.of(options);
    }

    @Override
    public StatLayout stat() {
        return stat;
    }

    @Override
    public StatvfsLayout statvfs() {
        return new StatvfsLayout(112);
    }

    @Override
    public FileInfoLayout fileInfo(int fuseVersion) {
        return fuseVersion == 315 || fuseVersion == 316 ? FILE_INFO_315 : FILE_INFO;
    }

    @Override
    public ErrnoTable errno() {
        return LinuxErrno.TABLE;
    }

    @Override
    public OpenFlagBits openFlags() {
        return new OpenFlagBits(0x400, 0x40, 0x200, 0x80);
    }

    @Override
    public int renameNoReplace() {
        return 1;
    }

    /** RENAME_NOREPLACE (1), RENAME_EXCHANGE (2), RENAME_WHITEOUT (4); only the first is supported. */
    @Override
    public int renameKnownFlags() {
        return 1;
    }

    @Override
    public long utimeNow() {
        return (1L << 30) - 1;
    }

    @Override
    public long utimeOmit() {
        return (1L << 30) - 2;
    }

    @Override
    public int wantedCapabilities(boolean writebackCache) {
        // READDIRPLUS_AUTO: attributes with listings only when the kernel sees they will be used (ls -l),
        // so a plain listing does not pay for 2000 lookups.
        int want = CAP_ASYNC_READ | CAP_ATOMIC_O_TRUNC | CAP_READDIRPLUS | CAP_READDIRPLUS_AUTO | CAP_ASYNC_DIO
                | CAP_PARALLEL_DIROPS;
        return writebackCache ? want | CAP_WRITEBACK_CACHE : want;
    }
}
