package io.cloudmount.fuse.platform;

import io.cloudmount.fuse.platform.linux.LinuxPlatform;
import io.cloudmount.fuse.platform.windows.WindowsPlatform;
import io.cloudmount.fuse.MountOptions;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The facts about one native FUSE 3 implementation on one OS/architecture.
 */
public interface NativePlatform {

    /** e.g. {@code linux-x86_64}, {@code windows-aarch64}. */
    String id();

    /** The library to load: a path or a name {@code dlopen}/{@code LoadLibrary} accepts. */
    String libraryPath() throws FuseUnavailableException;

    /** Exported symbol for each logical function name the binding uses (e.g. {@code fuse_new -> fuse_new_31}). */
    Map<String, String> symbols();

    StatLayout stat();

    StatvfsLayout statvfs();

    /** File-info bits for the loaded library's {@code fuse_version()} (e.g. 314 for 3.14). */
    FileInfoLayout fileInfo(int fuseVersion);

    ErrnoTable errno();

    OpenFlagBits openFlags();

    /** {@code RENAME_NOREPLACE}, or 0 where the platform never sends rename flags. */
    int renameNoReplace();

    /** Every rename flag the platform may send; unknown bits are refused with EINVAL. */
    int renameKnownFlags();

    /** {@code UTIME_NOW} in a timespec's nanoseconds, or {@link Long#MIN_VALUE} if never sent. */
    long utimeNow();

    /** {@code UTIME_OMIT}, or {@link Long#MIN_VALUE} if never sent. */
    long utimeOmit();

    /** Bits this engine asks for in {@code fuse_conn_info.want} when the library offers them. */
    int wantedCapabilities(boolean writebackCache);

    /**
     * The {@code want} bits for a whole mount. Platforms that express mount options as capabilities
     * override this: WinFsp makes a volume read-only only through {@code FSP_FUSE_CAP_READ_ONLY}, it
     * has no {@code ro} option.
     */
    default int wantedCapabilities(MountOptions options) {
        return wantedCapabilities(options.cache().writebackCache());
    }

    /**
     * The {@code argv} for {@code fuse_new}: program name first, then options. Timeouts go here rather
     * than into {@code fuse_config} (WinFsp ignores that struct; libfuse's layout of it varies by version).
     */
    List<String> fuseArguments(MountOptions options);

    /** The platform for the running JVM. */
    static NativePlatform current() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return forSystem(os, arch);
    }

    /** {@code osName} and {@code archName} as the {@code os.name}/{@code os.arch} properties give them, in any case. */
    static NativePlatform forSystem(String osName, String archName) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = archName.toLowerCase(Locale.ROOT);
        String normalizedArch = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
        if (os.startsWith("linux")) {
            return LinuxPlatform.forArch(normalizedArch);
        }
        if (os.startsWith("windows")) {
            return WindowsPlatform.forArch(normalizedArch);
        }
        throw new UnsupportedOperationException("CloudMount has no FUSE binding for " + osName + "/" + archName);
    }
}
