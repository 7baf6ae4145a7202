package io.cloudmount.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.engine.vfs.Vfs;
import io.cloudmount.engine.vfs.VfsOptions;
import io.cloudmount.fuse.platform.FuseUnavailableException;
import io.cloudmount.fuse.platform.NativePlatform;
import io.cloudmount.fuse.platform.windows.WindowsMountLifecycle;
import io.cloudmount.provider.memory.MemoryProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which lifecycle each platform gets, what each tells a user without FUSE, and the Linux sequence on a fake. */
class MountLifecycleTest {
    @TempDir
    Path work;

    @Test
    void windowsGetsWinFspsLifecycleAndLinuxLibfusesOne() {
        assertThat(MountLifecycle.forPlatform(NativePlatform.forSystem("Windows 11", "amd64")))
                .isInstanceOf(WindowsMountLifecycle.class);
        assertThat(MountLifecycle.forPlatform(NativePlatform.forSystem("Windows 11", "aarch64")))
                .isInstanceOf(WindowsMountLifecycle.class);
        assertThat(MountLifecycle.forPlatform(NativePlatform.forSystem("Linux", "amd64")))
                .isInstanceOf(LinuxMountLifecycle.class);
        assertThat(MountLifecycle.forPlatform(NativePlatform.forSystem("Linux", "aarch64")))
                .isInstanceOf(LinuxMountLifecycle.class);
    }

    @Test
    void windowsUsersAreSentToWinFspNotToApt() {
        MountLifecycle windows = MountLifecycle.forPlatform(NativePlatform.forSystem("Windows 11", "amd64"));
        var missing = new FuseUnavailableException("WinFsp is not installed (winfsp-x64.dll is not in C:\\Program Files"
                + " (x86)\\WinFsp\\bin\\winfsp-x64.dll). CloudMount needs WinFsp 2023 (2.0) or newer to show drives in"
                + " Windows: download it from https://winfsp.dev/rel/, install it, then start CloudMount again.");
        var broken = new FuseUnavailableException("Cannot load C:\\Program Files (x86)\\WinFsp\\bin\\winfsp-x64.dll:"
                + " The specified module could not be found.");

        assertThat(windows.libraryMissing(missing)).isEqualTo(missing.getMessage());
        assertThat(windows.libraryMissing(broken)).startsWith(broken.getMessage())
                .contains("https://winfsp.dev/rel/").doesNotContain("apt-get");
    }

    @Test
    void linuxUsersAreToldToInstallFuse3() {
        MountLifecycle linux = MountLifecycle.forPlatform(NativePlatform.forSystem("Linux", "amd64"));

        assertThat(linux.libraryMissing(new FuseUnavailableException("Cannot load libfuse3.so.3")))
                .isEqualTo("libfuse3 is not installed. Install it with: sudo apt-get install fuse3");
    }

    /** The Linux order on a fake library: the same safe order, with exit woken by a request. */
    @Test
    void linuxClosesInTheSafeOrderToo() throws Exception {
        Path device = Files.createFile(work.resolve("fuse-device"));
        Path folder = Files.createDirectory(work.resolve("mnt"));
        FakeFuseLibrary lib = new FakeFuseLibrary(39); // below 3.12: the plain loop, no native loop config
        String saved = System.setProperty("cloudmount.fuse.device", device.toString());
        try {
            FuseMount mount = FuseMount.mount(new Vfs(MemoryProvider.withCapacity(1 << 20), VfsOptions.defaults()),
                    folder.toString(), MountOptions.defaults("x", KernelCachePolicy.exclusive()),
                    MountLifecycle.forPlatform(NativePlatform.forSystem("Linux", "amd64")), lib);

            mount.close();

            assertThat(mount.mountPoint()).isEqualTo(folder);
            assertThat(lib.calls()).isEqualTo(List.of("new", "mount " + folder, "loop", "exit", "loop returned",
                    "unmount", "destroy"));
        } finally {
            if (saved == null) {
                System.clearProperty("cloudmount.fuse.device");
            } else {
                System.setProperty("cloudmount.fuse.device", saved);
            }
        }
    }
}
