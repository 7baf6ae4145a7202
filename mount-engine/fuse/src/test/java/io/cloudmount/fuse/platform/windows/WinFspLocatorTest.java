package io.cloudmount.fuse.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudmount.fuse.platform.FuseUnavailableException;
import io.cloudmount.fuse.platform.windows.WindowsFiles.FileVersion;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WinFspLocatorTest {
    private static final String DEFAULT_X64 = "C:\\Program Files (x86)\\WinFsp\\bin\\winfsp-x64.dll";
    private static final FileVersion WINFSP_2023 = new FileVersion(2, 0, 23075);

    @Test
    void theDllFollowsTheJvmArchitecture() {
        assertThat(WinFspLocator.dllName("x86_64")).isEqualTo("winfsp-x64.dll");
        assertThat(WinFspLocator.dllName("aarch64")).isEqualTo("winfsp-a64.dll");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "C:\\Program Files (x86)\\WinFsp\\ | C:\\Program Files (x86)\\WinFsp\\bin\\winfsp-x64.dll",
            "C:\\Program Files (x86)\\WinFsp   | C:\\Program Files (x86)\\WinFsp\\bin\\winfsp-x64.dll",
            "D:/Tools/WinFsp/                  | D:\\Tools\\WinFsp\\bin\\winfsp-x64.dll",
            "\"E:\\WinFsp\"                    | E:\\WinFsp\\bin\\winfsp-x64.dll",
    })
    void joinsInstallDirWithOrWithoutTrailingBackslash(String installDir, String expected) {
        assertThat(WinFspLocator.join(installDir, "winfsp-x64.dll")).isEqualTo(expected);
    }

    @Test
    void usesTheRegistryInstallDir() throws Exception {
        String dll = "D:\\Apps\\WinFsp\\bin\\winfsp-a64.dll";
        var locator = new WinFspLocator("aarch64", () -> Optional.of("D:\\Apps\\WinFsp\\"),
                new FakeWindowsFiles().dll(dll, WINFSP_2023));

        assertThat(locator.locate()).isEqualTo(dll);
    }

    @Test
    void fallsBackToTheDefaultDirectoryWithoutRegistryValue() throws Exception {
        var locator = new WinFspLocator("x86_64", Optional::empty, new FakeWindowsFiles().file(DEFAULT_X64));

        assertThat(locator.candidates()).containsExactly(DEFAULT_X64);
        assertThat(locator.locate()).isEqualTo(DEFAULT_X64);
    }

    @Test
    void fallsBackToTheDefaultDirectoryWhenTheRegistryPointsNowhere() throws Exception {
        var locator = new WinFspLocator("x86_64", () -> Optional.of("D:\\Gone\\"), new FakeWindowsFiles().file(DEFAULT_X64));

        assertThat(locator.candidates()).containsExactly("D:\\Gone\\bin\\winfsp-x64.dll", DEFAULT_X64);
        assertThat(locator.locate()).isEqualTo(DEFAULT_X64);
    }

    @Test
    void theDefaultDirectoryIsNotListedTwice() {
        var locator = new WinFspLocator("x86_64", () -> Optional.of("c:\\program files (x86)\\winfsp"), new FakeWindowsFiles());

        assertThat(locator.candidates()).hasSize(1);
    }

    @Test
    void missingWinFspSaysSoAndWhereToGetIt() {
        var locator = new WinFspLocator("x86_64", Optional::empty, new FakeWindowsFiles());

        assertThatThrownBy(locator::locate)
                .isInstanceOf(FuseUnavailableException.class)
                .hasMessageContaining("WinFsp is not installed")
                .hasMessageContaining("https://winfsp.dev/rel/")
                .hasMessageContaining(DEFAULT_X64);
    }

    @Test
    void aDirectoryNamedLikeTheDllDoesNotCount() {
        var locator = new WinFspLocator("x86_64", Optional::empty, new FakeWindowsFiles().directory(DEFAULT_X64));

        assertThatThrownBy(locator::locate).hasMessageContaining("not installed");
    }

    @Test
    void winFspOlderThan2023IsRefused() {
        var locator = new WinFspLocator("x86_64", Optional::empty,
                new FakeWindowsFiles().dll(DEFAULT_X64, new FileVersion(1, 12, 22339)));

        assertThatThrownBy(locator::locate)
                .isInstanceOf(FuseUnavailableException.class)
                .hasMessageContaining("WinFsp 1.12.22339")
                .hasMessageContaining("too old")
                .hasMessageContaining("2.0")
                .hasMessageContaining("https://winfsp.dev/rel/");
    }

    @Test
    void newerAndUnversionedDllsAreAccepted() throws Exception {
        var newer = new WinFspLocator("x86_64", Optional::empty,
                new FakeWindowsFiles().dll(DEFAULT_X64, new FileVersion(2, 1, 25156)));
        var unversioned = new WinFspLocator("x86_64", Optional::empty, new FakeWindowsFiles().file(DEFAULT_X64));

        assertThat(newer.locate()).isEqualTo(DEFAULT_X64);
        assertThat(unversioned.locate()).isEqualTo(DEFAULT_X64);
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(new FileVersion(2, 0, 23075)).isGreaterThan(new FileVersion(1, 12, 22339));
        assertThat(new FileVersion(1, 12, 0)).isGreaterThan(new FileVersion(1, 9, 99999));
        assertThat(new FileVersion(2, 0, 0)).isEqualByComparingTo(WinFspLocator.MINIMUM_VERSION);
    }
}
