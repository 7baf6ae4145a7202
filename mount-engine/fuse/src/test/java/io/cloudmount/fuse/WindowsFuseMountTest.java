package io.cloudmount.fuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudmount.engine.names.CaseInsensitiveProvider;
import io.cloudmount.engine.vfs.Vfs;
import io.cloudmount.engine.vfs.VfsOptions;
import io.cloudmount.provider.StorageProvider;
import io.cloudmount.provider.memory.MemoryProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FuseMount} with WinFsp's lifecycle over a {@link FakeFuseLibrary}: what reaches
 * {@code fuse_new}/{@code fuse_mount}, when the mount counts as ready, and the shutdown order.
 * No native Windows call is made.
 */
class WindowsFuseMountTest {
    /** {@code fuse3_version()} on every WinFsp. */
    private static final int WINFSP_VERSION = 32;
    private static final int CAP_CASE_INSENSITIVE = 1 << 29;

    private final FakeWindows windows = new FakeWindows();
    private final FakeFuseLibrary lib = new FakeFuseLibrary(WINFSP_VERSION);
    private FuseMount mount;

    @AfterEach
    void unmount() {
        if (mount != null) {
            mount.close();
        }
    }

    private FuseMount mount(String mountPoint, StorageProvider store) throws MountException {
        Vfs vfs = new Vfs(store, VfsOptions.defaults());
        MountOptions options = MountOptions.defaults("Work files", KernelCachePolicy.exclusive());
        mount = FuseMount.mount(vfs, mountPoint, options, windows.lifecycle(), lib);
        return mount;
    }

    private FuseMount mount(String mountPoint) throws MountException {
        return mount(mountPoint, MemoryProvider.withCapacity(1 << 20));
    }

    private void driveAppearsAfterInit(String root) {
        lib.afterInit(() -> windows.appear(root));
    }

    private List<String> lifecycleCalls() {
        return lib.calls().stream().filter(call -> !call.startsWith("new")).toList();
    }

    @Test
    void aNetworkDriveGoesOnTheFirstFreeLetterWithItsShareAsVolumePrefix() throws Exception {
        driveAppearsAfterInit("Z:\\");

        FuseMount drive = mount("\\\\cloudmount\\ci");

        assertThat(lib.calls()).contains("mount Z:");
        assertThat(lib.arguments()).contains("--VolumePrefix=\\cloudmount\\ci");
        assertThat(drive.mountPoint()).isEqualTo(Path.of("Z:\\"));
    }

    @Test
    void filesBelongToTheMountingUserAndTheLabelIsTheVolumeName() throws Exception {
        driveAppearsAfterInit("X:\\");

        mount("x:");

        assertThat(lib.calls()).contains("mount X:");
        assertThat(lib.arguments()).first().isEqualTo("cloudmount");
        assertThat(lib.arguments()).noneMatch(argument -> argument.startsWith("--VolumePrefix"));
        String options = lib.arguments().get(lib.arguments().indexOf("-o") + 1);
        assertThat(options.split(",")).contains("uid=-1", "gid=-1", "volname=Work files");
    }

    @Test
    void aDefaultVolumeNameLongerThanAWindowsLabelStillMountsWithTheLabelCut() throws Exception {
        driveAppearsAfterInit("X:\\");
        String bucketName = "s3-" + "quarterly-reports-archive-bucket-2024";
        Vfs vfs = new Vfs(MemoryProvider.withCapacity(1 << 20), VfsOptions.defaults());

        mount = FuseMount.mount(vfs, "X:", MountOptions.defaults(bucketName, KernelCachePolicy.shared()),
                windows.lifecycle(), lib);

        String options = lib.arguments().get(lib.arguments().indexOf("-o") + 1);
        assertThat(options.split(",")).contains("volname=" + bucketName.substring(0, 32));
        assertThat(mount.isMounted()).isTrue();
    }

    /** The public entry point, on a JVM that says it is a 32-bit Java on Windows: a message, no stack trace. */
    @Test
    void a32BitJavaOnWindowsIsAMountErrorThatSaysSo() {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        Vfs vfs = new Vfs(MemoryProvider.withCapacity(1 << 20), VfsOptions.defaults());
        try {
            System.setProperty("os.name", "Windows 11");
            System.setProperty("os.arch", "x86");

            assertThatThrownBy(() -> FuseMount.mount(vfs, "X:", MountOptions.defaults("Work files", KernelCachePolicy.shared())))
                    .isInstanceOfSatisfying(MountException.class,
                            e -> assertThat(e.reason()).isEqualTo(MountException.Reason.FUSE_NOT_INSTALLED))
                    .hasMessageContaining("64-bit");
        } finally {
            System.setProperty("os.name", os);
            System.setProperty("os.arch", arch);
        }
        assertThat(lib.calls()).isEmpty();
    }

    @Test
    void aCaseInsensitiveDriveAsksWinFspToMatchNamesWithoutCase() throws Exception {
        driveAppearsAfterInit("X:\\");

        mount("X:", new CaseInsensitiveProvider(MemoryProvider.withCapacity(1 << 20)));

        assertThat(lib.want() & CAP_CASE_INSENSITIVE).isEqualTo(CAP_CASE_INSENSITIVE);
    }

    @Test
    void aCaseSensitiveStoreKeepsWinFspCaseSensitive() throws Exception {
        driveAppearsAfterInit("X:\\");

        mount("X:");

        assertThat(lib.want() & CAP_CASE_INSENSITIVE).isZero();
    }

    @Test
    void mountReturnsOnlyOnceTheDriveIsVisibleNotAtInit() throws Exception {
        windows.appearAfterPolls("X:\\", 5);

        mount("X:");

        assertThat(windows.queries()).as("polled after init until the root existed").isEqualTo(6);
        assertThat(windows.exists("X:\\")).isTrue();
        assertThat(mount.isMounted()).isTrue();
    }

    @Test
    void closeExitsThenWaitsForTheLoopThenUnmountsThenDestroys() throws Exception {
        driveAppearsAfterInit("X:\\");
        mount("X:");

        mount.close();

        assertThat(lifecycleCalls()).containsExactly("mount X:", "loop", "exit", "loop returned", "unmount", "destroy");
        assertThat(mount.isMounted()).isFalse();
    }

    @Test
    void exitGetsTheFuseNewHandleNeverTheContextsInternalObject() throws Exception {
        driveAppearsAfterInit("X:\\");
        mount("X:");

        mount.close();

        assertThat(lib.exitedWith()).isEqualTo(lib.handle).isNotEqualTo(lib.internalFuse);
    }

    @Test
    void aRefusedMountPointIsDestroyedWithoutExitOrUnmount() {
        lib.mountResult(-1);

        assertThatThrownBy(() -> mount("X:"))
                .isInstanceOf(MountException.class)
                .hasMessageContaining("WinFsp refused the mount point X:");
        assertThat(lifecycleCalls()).containsExactly("mount X:", "destroy");
        mount = null;
    }

    @Test
    void aLoopEndedByCtrlCCountsAsUnmountedAndIsReleasedWithoutExit() throws Exception {
        driveAppearsAfterInit("X:\\");
        mount("X:");

        lib.endLoopByItself();

        assertThat(mount.awaitUnmounted(Duration.ofSeconds(5))).isTrue();
        assertThat(mount.isMounted()).isFalse();
        mount.close();
        assertThat(lifecycleCalls()).containsExactly("mount X:", "loop", "loop stopped by Ctrl+C", "loop returned",
                "unmount", "destroy");
    }

    @Test
    void aLoopThatEndsBeforeTheDriveAppearsFailsTheMountAndIsReleased() {
        lib.loopFailsAfterInit(-22); // WinFsp's answer when the root's statfs or getattr fails

        assertThatThrownBy(() -> mount("X:"))
                .isInstanceOf(MountException.class)
                .hasMessageContaining("did not come up (loop result -22)");
        assertThat(lifecycleCalls()).containsExactly("mount X:", "loop", "loop returned", "unmount", "destroy");
        mount = null;
    }

    @Test
    void aMountPointWindowsCannotUseFailsBeforeAnythingNativeHappens() {
        assertThatThrownBy(() -> mount("C:"))
                .isInstanceOf(MountException.class)
                .extracting(e -> ((MountException) e).reason()).isEqualTo(MountException.Reason.ALREADY_MOUNTED);
        assertThat(lib.calls()).isEmpty();
        mount = null;
    }
}
