package io.cloudmount.fuse.platform.windows;

import io.cloudmount.fuse.platform.FuseUnavailableException;
import io.cloudmount.fuse.platform.windows.WindowsFiles.FileVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds WinFsp's DLL the way WinFsp's own loader ({@code FspLoad} in {@code winfsp.h}) does:
 * {@code InstallDir} from the registry plus {@code bin\winfsp-<arch>.dll}. The DLL is deliberately
 * not on the search path (WinFsp FAQ), so loading it by bare name would usually fail; the default
 * install directory is the fallback when the registry value is missing.
 *
 * <p>The DLL follows the JVM, not Windows: an x64 JVM emulated on ARM64 Windows loads
 * {@code winfsp-x64.dll}. Every WinFsp installer ships all architectures' DLLs in {@code bin\}.
 */
final class WinFspLocator {
    private static final Logger LOG = LoggerFactory.getLogger(WinFspLocator.class);

    static final String DOWNLOAD_URL = "https://winfsp.dev/rel/";
    /** Where the (32-bit) installer puts WinFsp on 64-bit Windows unless told otherwise. */
    static final String DEFAULT_INSTALL_DIR = "C:\\Program Files (x86)\\WinFsp\\";
    /**
     * WinFsp 2023 (2.0), the oldest release this binding is written against. The FUSE3 exports exist
     * since 1.4 and ARM64 since 1.11, but nothing older than 2.0 is tested.
     */
    static final FileVersion MINIMUM_VERSION = new FileVersion(2, 0, 0);
    /** Points at a specific DLL instead (a portable WinFsp, tests); same property as on Linux. */
    static final String LIBRARY_PROPERTY = "cloudmount.fuse.library";

    private final String arch;
    private final WinFspRegistry registry;
    private final WindowsFiles files;

    WinFspLocator(String arch, WinFspRegistry registry, WindowsFiles files) {
        this.arch = arch;
        this.registry = registry;
        this.files = files;
    }

    /** {@code winfsp-x64.dll} or {@code winfsp-a64.dll} for the JVM's architecture ({@code os.arch}, normalized). */
    static String dllName(String arch) {
        return switch (arch) {
            case "x86_64" -> "winfsp-x64.dll";
            case "aarch64" -> "winfsp-a64.dll";
            default -> throw new IllegalArgumentException("WinFsp has no 64-bit DLL for " + arch);
        };
    }

    /**
     * {@code dir} + {@code bin\} + {@code file}. WinFsp's loader appends to InstallDir directly, so the
     * value should end with a backslash, but one without it (edited by hand, other installers) must work too.
     */
    static String join(String dir, String file) {
        String base = dir.strip().replace('/', '\\');
        if (base.length() >= 2 && base.startsWith("\"") && base.endsWith("\"")) {
            base = base.substring(1, base.length() - 1);
        }
        if (!base.endsWith("\\")) {
            base += "\\";
        }
        return base + "bin\\" + file;
    }

    /** The places to look, in order: the registry's InstallDir, then the default directory. */
    List<String> candidates() {
        String dll = dllName(arch);
        List<String> paths = new ArrayList<>();
        registry.installDir().filter(dir -> !dir.isBlank()).ifPresent(dir -> paths.add(join(dir, dll)));
        String fallback = join(DEFAULT_INSTALL_DIR, dll);
        if (paths.stream().noneMatch(fallback::equalsIgnoreCase)) {
            paths.add(fallback);
        }
        return paths;
    }

    /** The DLL's full path; checks its version when the DLL has a readable version resource. */
    String locate() throws FuseUnavailableException {
        String override = System.getProperty(LIBRARY_PROPERTY);
        if (override != null && !override.isBlank()) {
            return override;
        }
        List<String> candidates = candidates();
        for (String path : candidates) {
            if (files.exists(path) && !files.isDirectory(path)) {
                checkVersion(path, files.fileVersion(path));
                LOG.debug("Using WinFsp at {}", path);
                return path;
            }
        }
        throw new FuseUnavailableException("WinFsp is not installed (" + dllName(arch) + " is not in "
                + String.join(" nor in ", candidates) + "). CloudMount needs WinFsp 2023 (2.0) or newer"
                + " to show drives in Windows: download it from " + DOWNLOAD_URL
                + ", install it, then start CloudMount again.");
    }

    static void checkVersion(String path, Optional<FileVersion> version) throws FuseUnavailableException {
        if (version.isEmpty()) {
            LOG.debug("{} has no readable version; assuming WinFsp {} or newer", path, MINIMUM_VERSION);
            return;
        }
        if (version.get().compareTo(MINIMUM_VERSION) < 0) {
            throw new FuseUnavailableException("WinFsp " + version.get() + " (" + path + ") is too old."
                    + " CloudMount needs WinFsp 2023 (2.0) or newer: download it from " + DOWNLOAD_URL
                    + " and install it over the old one.");
        }
    }
}
