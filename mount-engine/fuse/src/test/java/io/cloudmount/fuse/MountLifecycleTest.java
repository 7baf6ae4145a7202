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
        FakeFuseLibrary lib = new FakeFuseLibrary(39); // below 3.12: the plain loop, no native loop config
        FuseMount mount = linuxMount(lib);

        mount.close();

        assertThat(mount.mountPoint()).isEqualTo(work.resolve("mnt"));
        assertThat(lib.calls()).isEqualTo(List.of("new", "mount " + work.resolve("mnt"), "loop", "exit", "loop returned",
                "unmount", "destroy"));
    }

    /** A second Ctrl+C while unmounting: the close still waits for the loop before freeing it. */
    @Test
    void anInterruptedCloseStillWaitsForTheLoopToEnd() throws Exception {
        FakeFuseLibrary lib = new FakeFuseLibrary(39).loopIgnoresExit();
        FuseMount mount = linuxMount(lib);
        // The loop takes a moment to end after fuse_exit, as libfuse's does while workers finish requests.
        var loopEnds = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        loopEnds.schedule(lib::endLoopByItself, 300, java.util.concurrent.TimeUnit.MILLISECONDS);

        Thread.currentThread().interrupt();
        mount.close();
        loopEnds.shutdown();

        assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
        assertThat(lib.calls()).endsWith("exit", "loop stopped by Ctrl+C", "loop returned", "unmount", "destroy");
    }

    /** A loop that does not end (a worker stuck in a request) is not freed under its threads. */
    @Test
    void aLinuxLoopThatDoesNotEndIsNotDestroyed() throws Exception {
        FakeFuseLibrary lib = new FakeFuseLibrary(39).loopIgnoresExit();
        FuseMount mount = linuxMount(lib);
        try {
            mount.close(); // waits twice the exit timeout

            assertThat(lib.calls()).contains("exit").doesNotContain("unmount", "destroy");
        } finally {
            lib.endLoopByItself();
        }
    }

    private FuseMount linuxMount(FakeFuseLibrary lib) throws Exception {
        Path device = Files.createFile(work.resolve("fuse-device"));
        Path folder = Files.createDirectory(work.resolve("mnt"));
        String saved = System.setProperty("cloudmount.fuse.device", device.toString());
        try {
            return FuseMount.mount(new Vfs(MemoryProvider.withCapacity(1 << 20), VfsOptions.defaults()),
                    folder.toString(), MountOptions.defaults("x", KernelCachePolicy.exclusive()),
                    MountLifecycle.forPlatform(NativePlatform.forSystem("Linux", "amd64")), lib);
        } finally {
            if (saved == null) {
                System.clearProperty("cloudmount.fuse.device");
            } else {
                System.setProperty("cloudmount.fuse.device", saved);
            }
        }
    }
}
