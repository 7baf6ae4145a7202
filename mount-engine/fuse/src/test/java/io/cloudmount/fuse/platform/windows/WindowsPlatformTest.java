package io.cloudmount.fuse.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudmount.fuse.KernelCachePolicy;
import io.cloudmount.fuse.MountOptions;
import org.junit.jupiter.api.Test;

class WindowsPlatformTest {
    private static final WindowsPlatform WINDOWS = WindowsPlatform.forArch("aarch64");

    @Test
    void capabilityBitsAreWinFspsNotLinuxs() {
        assertThat(WindowsPlatform.CAP_READDIRPLUS).isEqualTo(1 << 13);
        assertThat(WindowsPlatform.CAP_READ_ONLY).isEqualTo(1 << 22);
        assertThat(WindowsPlatform.CAP_STAT_EX).isEqualTo(1 << 23);
        assertThat(WindowsPlatform.CAP_CASE_INSENSITIVE).isEqualTo(1 << 29);
    }

    @Test
    void asksForReaddirPlusAndNothingElseByDefault() {
        assertThat(WINDOWS.wantedCapabilities(false)).isEqualTo(WindowsPlatform.CAP_READDIRPLUS);
        assertThat(WINDOWS.wantedCapabilities(true)).as("no write-back cache on WinFsp")
                .isEqualTo(WindowsPlatform.CAP_READDIRPLUS);
    }

    @Test
    void neverAsksForStatExSoEveryStatBufferIs128Bytes() {
        WindowsPlatform all = WINDOWS.withSettings(WindowsMountSettings.networkDrive("x", true));
        var readOnly = new MountOptions("x", true, false, 4, false, KernelCachePolicy.exclusive(), java.util.List.of());

        assertThat(all.wantedCapabilities(readOnly) & WindowsPlatform.CAP_STAT_EX).isZero();
        assertThat(all.stat().size()).isEqualTo(128);
    }

    @Test
    void caseInsensitiveStoresAskWinFspToMatchNamesWithoutCase() {
        WindowsPlatform insensitive = WINDOWS.withSettings(WindowsMountSettings.localDisk(true));

        assertThat(insensitive.wantedCapabilities(false))
                .isEqualTo(WindowsPlatform.CAP_READDIRPLUS | WindowsPlatform.CAP_CASE_INSENSITIVE);
        assertThat(WINDOWS.settings().caseInsensitive()).isFalse();
    }

    /** What WinFsp offers in {@code capable} (facts §6): everything we ask for is in it. */
    @Test
    void everythingWeAskForIsOfferedByWinFsp() {
        int capable = 0x21C02061;
        WindowsPlatform all = WINDOWS.withSettings(WindowsMountSettings.localDisk(true));
        var readOnly = new MountOptions("x", true, false, 4, false, KernelCachePolicy.shared(), java.util.List.of());

        assertThat(all.wantedCapabilities(readOnly) & ~capable).isZero();
    }

    @Test
    void idNamesTheArchitecture() {
        assertThat(WindowsPlatform.forArch("x86_64").id()).isEqualTo("windows-x86_64");
        assertThat(WINDOWS.id()).isEqualTo("windows-aarch64");
        assertThat(WINDOWS.withSettings(WindowsMountSettings.localDisk(true)).id()).isEqualTo("windows-aarch64");
    }

    @Test
    void unsupportedArchitecturesAreNamed() {
        assertThatThrownBy(() -> WindowsPlatform.forArch("x86")).hasMessageContaining("32-bit");
        assertThatThrownBy(() -> WindowsPlatform.forArch("riscv64")).hasMessageContaining("riscv64");
    }
}
