package io.cloudmount.fuse.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudmount.fuse.platform.linux.LinuxPlatform;
import io.cloudmount.fuse.platform.windows.WindowsPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link NativePlatform#forSystem} with the values real JVMs put in {@code os.name} and {@code os.arch}. */
class NativePlatformTest {

    @ParameterizedTest
    @CsvSource({
            "Windows 11, amd64, windows-x86_64",
            "Windows 11, aarch64, windows-aarch64",
            "Windows Server 2022, amd64, windows-x86_64",
            "Linux, amd64, linux-x86_64",
            "Linux, aarch64, linux-aarch64",
    })
    void picksThePlatformForOsAndArch(String os, String arch, String id) {
        NativePlatform platform = NativePlatform.forSystem(os, arch);

        assertThat(platform.id()).isEqualTo(id);
        assertThat(platform).isInstanceOf(id.startsWith("windows") ? WindowsPlatform.class : LinuxPlatform.class);
    }

    @Test
    void a32BitJavaOnWindowsIsRefusedWithAHint() {
        assertThatThrownBy(() -> NativePlatform.forSystem("Windows 10", "x86"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("64-bit Java")
                .hasMessageContaining("x64 or ARM64");
    }

    @Test
    void unknownSystemsAreNamedInTheError() {
        assertThatThrownBy(() -> NativePlatform.forSystem("Mac OS X", "aarch64"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Mac OS X/aarch64");
    }

    @Test
    void windowsBindsTheFuse3ShimsAndLoopMt31() {
        NativePlatform windows = NativePlatform.forSystem("Windows 11", "amd64");

        assertThat(windows.symbols())
                .containsEntry("fuse_new", "fuse3_new")
                .containsEntry("fuse_mount", "fuse3_mount")
                .containsEntry("fuse_loop_mt", "fuse3_loop_mt_31")
                .containsEntry("fuse_exit", "fuse3_exit")
                .containsEntry("fuse_unmount", "fuse3_unmount")
                .containsEntry("fuse_destroy", "fuse3_destroy")
                .containsEntry("fuse_version", "fuse3_version")
                .containsEntry("fuse_get_context", "fuse3_get_context")
                .containsEntry("fuse_notify", "fuse_notify") // the FUSE2 shim: FUSE3 has no notify
                .doesNotContainValue("fuse3_loop_mt");
    }

    @Test
    void windowsUsesMsvcOpenFlags() {
        OpenFlagBits bits = NativePlatform.forSystem("Windows 11", "aarch64").openFlags();

        assertThat(bits).isEqualTo(new OpenFlagBits(0x8, 0x100, 0x200, 0x400));
        assertThat(NativePlatform.forSystem("Linux", "amd64").openFlags()).isEqualTo(new OpenFlagBits(0x400, 0x40, 0x200, 0x80));
    }

    @Test
    void windowsNeverSendsRenameFlagsNorUtimeSpecials() {
        NativePlatform windows = NativePlatform.forSystem("Windows 11", "amd64");

        assertThat(windows.renameNoReplace()).isZero();
        assertThat(windows.renameKnownFlags()).isZero();
        assertThat(windows.utimeNow()).isEqualTo(Long.MIN_VALUE);
        assertThat(windows.utimeOmit()).isEqualTo(Long.MIN_VALUE);
    }
}
