package io.cloudmount.fuse.platform.windows;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import java.util.Optional;

/** Where the WinFsp installer recorded its directory. A separate interface so tests need no registry. */
@FunctionalInterface
public interface WinFspRegistry {

    /** The {@code InstallDir} value, e.g. {@code C:\Program Files (x86)\WinFsp\}; empty if WinFsp is not installed. */
    Optional<String> installDir();

    /**
     * The real registry. The WinFsp installer is a 32-bit MSI, so its key lives in the 32-bit view
     * ({@code HKLM\SOFTWARE\WOW6432Node\WinFsp} on x64 and ARM64), which {@code KEY_WOW64_32KEY} opens
     * from a 64-bit JVM as well.
     */
    static WinFspRegistry system() {
        return () -> {
            try {
                return Optional.ofNullable(Advapi32Util.registryGetStringValue(WinReg.HKEY_LOCAL_MACHINE,
                        "SOFTWARE\\WinFsp", "InstallDir", WinNT.KEY_WOW64_32KEY));
            } catch (Win32Exception | UnsatisfiedLinkError | NoClassDefFoundError notThere) {
                return Optional.empty();
            }
        };
    }
}
