package io.cloudmount.app.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudmount.app.secrets.FileSecretStore;
import io.cloudmount.provider.s3.testing.S3TestServer;
import io.cloudmount.engine.vfs.CacheSettings;
import io.cloudmount.fuse.MountException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriveServiceTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    static final io.cloudmount.provider.s3.testing.S3ServerExtension S3 = new io.cloudmount.provider.s3.testing.S3ServerExtension();

    @TempDir
    Path dir;

    private final FakeMounter mounter = new FakeMounter();
    private final List<DriveState> seen = new CopyOnWriteArrayList<>();
    private DriveService service;
    private DriveConfig drive;

    @BeforeEach
    void setUp() {
        service = new DriveService(new ProviderFactory(new FileSecretStore(dir.resolve("secrets.json"))), mounter,
                DriveActivitySource.NONE, d -> CacheSettings.defaults(dir.resolve("cache")), Runnable::run);
        service.addListener((id, status) -> seen.add(status.state()));
        drive = new DriveConfig("d1", "Scratch", new StorageSpec.Memory(1L << 20), dir.resolve("mnt").toString(),
                false, false, 0, false);
    }

    @AfterEach
    void tearDown() {
        service.close();
    }

    @Test
    void mountingGoesThroughMountingToMountedAndCreatesTheFolder() throws Exception {
        DriveStatus result = service.mount(drive).get(10, TimeUnit.SECONDS);

        assertThat(result.state()).isEqualTo(DriveState.MOUNTED);
        assertThat(seen).containsExactly(DriveState.MOUNTING, DriveState.MOUNTED);
        assertThat(dir.resolve("mnt")).isDirectory();
        assertThat(mounter.mounts.get(0).options.volumeName()).isEqualTo("Scratch");
        assertThat(service.mountPoint("d1")).contains(dir.resolve("mnt"));
        assertThat(mounter.threads).singleElement().asString().startsWith("drive-worker-");
    }

    @Test
    void theProgramsUsingAMountedDriveAreNamedForTheUnmountQuestion() throws Exception {
        assertThat(service.users("d1")).as("not mounted").isEmpty();
        service.mount(drive).get(10, TimeUnit.SECONDS);
        Process shell = new ProcessBuilder("sleep", "600").directory(dir.resolve("mnt").toFile()).start();
        try {
            assertThat(service.users("d1")).containsExactly(
                    "sleep (pid " + shell.pid() + "): working folder " + dir.resolve("mnt").toRealPath());
        } finally {
            shell.destroy();
        }
        shell.waitFor(10, TimeUnit.SECONDS);
        assertThat(service.users("d1")).as("once it ended").isEmpty();
    }

    @Test
    void aSecondMountWhileTheFirstRunsDoesNothing() throws Exception {
        mounter.gate = new CountDownLatch(1);
        CompletableFuture<DriveStatus> first = service.mount(drive);

        DriveStatus second = service.mount(drive).get(1, TimeUnit.SECONDS);
        mounter.gate.countDown();

        assertThat(second.state()).isEqualTo(DriveState.MOUNTING);
        assertThat(first.get(10, TimeUnit.SECONDS).state()).isEqualTo(DriveState.MOUNTED);
        assertThat(mounter.mounts).hasSize(1);
    }

    /** What Remove does: unmount, then forget. A mount under way must not be left behind, mounted but unlisted. */
    @Test
    void aDriveRemovedWhileItMountsIsUnmountedOnceItIsUp() throws Exception {
        mounter.gate = new CountDownLatch(1);
        CompletableFuture<DriveStatus> mounting = service.mount(drive);

        CompletableFuture<DriveStatus> unmounted = service.unmount("d1");
        mounter.gate.countDown();

        assertThat(unmounted.get(10, TimeUnit.SECONDS)).isEqualTo(DriveStatus.UNMOUNTED);
        assertThat(mounting.get(10, TimeUnit.SECONDS).state()).isEqualTo(DriveState.MOUNTED);
        assertThat(mounter.mounts).singleElement().satisfies(mount -> assertThat(mount.gone.getCount()).isZero());
        service.forget("d1");
        assertThat(service.mountPoint("d1")).isEmpty();
        assertThat(service.status("d1")).isEqualTo(DriveStatus.UNMOUNTED);
    }

    @Test
    void quittingWhileADriveMountsUnmountsItToo() throws Exception {
        mounter.gate = new CountDownLatch(1);
        service.mount(drive);

        Thread quit = new Thread(service::close, "quit");
        quit.start();
        // Either close() returned at once (leaving the mount to finish unwatched) or it waits for it.
        await().atMost(Duration.ofSeconds(10)).until(() -> quit.getState() == Thread.State.TERMINATED
                || quit.getState() == Thread.State.TIMED_WAITING || quit.getState() == Thread.State.WAITING);
        mounter.gate.countDown();
        quit.join(30_000);

        await().atMost(Duration.ofSeconds(10)).until(() -> !mounter.mounts.isEmpty());
        assertThat(mounter.mounts.get(0).gone.getCount()).as("unmounted by close()").isZero();
    }

    /** An S3 drive goes through the disk cache, which a failed mount must let go of (its folder lock). */
    @Test
    void aFailedS3MountReleasesItsCacheSoTheRetryMounts() throws Exception {
        new FileSecretStore(dir.resolve("secrets.json")).put(DriveConfig.secretKeyFor("d9"), S3TestServer.SECRET_KEY);
        DriveConfig s3 = new DriveConfig("d9", "Bucket", ConnectionTesterTest.spec(S3.server().endpoint().toString(),
                S3.server().createBucket()), dir.resolve("mnt9").toString(), false, false, 0, false);
        mounter.failWith = new MountException(MountException.Reason.MOUNT_POINT_NOT_EMPTY, "Mount point /x is not empty");

        DriveStatus failed = service.mount(s3).get(30, TimeUnit.SECONDS);
        mounter.failWith = null;
        DriveStatus retried = service.mount(s3).get(30, TimeUnit.SECONDS);

        assertThat(failed.state()).isEqualTo(DriveState.ERROR);
        assertThat(retried.state()).as(retried.toString()).isEqualTo(DriveState.MOUNTED);
        service.unmount(s3.id()).get(30, TimeUnit.SECONDS);
    }

    @Test
    void aFailedMountIsAnErrorWithTheEngineMessageAndCanBeRetried() throws Exception {
        mounter.failWith = new MountException(MountException.Reason.MOUNT_POINT_NOT_EMPTY, "Mount point /x is not empty");

        DriveStatus failed = service.mount(drive).get(10, TimeUnit.SECONDS);
        mounter.failWith = null;
        DriveStatus retried = service.mount(drive).get(10, TimeUnit.SECONDS);

        assertThat(failed).isEqualTo(DriveStatus.error("Mount point /x is not empty"));
        assertThat(retried.state()).isEqualTo(DriveState.MOUNTED);
    }

    @Test
    void aMemoryDriveLargerThanTheAppCanHoldIsAnErrorSayingWhatToDo() throws Exception {
        long tooLarge = Runtime.getRuntime().maxMemory();
        DriveConfig memory = new DriveConfig("d3", "RAM", new StorageSpec.Memory(tooLarge), dir.resolve("mnt3").toString(),
                false, false, 0, false);

        DriveStatus failed = service.mount(memory).get(10, TimeUnit.SECONDS);

        assertThat(failed.state()).isEqualTo(DriveState.ERROR);
        assertThat(failed.message()).contains("A memory drive of " + Bytes.format(tooLarge) + " is more than CloudMount"
                + " can keep in memory").endsWith("edit the drive and lower its capacity");
    }

    @Test
    void aMissingLocalFolderIsAnErrorNamingTheFolder() throws Exception {
        DriveConfig local = new DriveConfig("d2", "Docs", new StorageSpec.Local(dir.resolve("nope").toString()),
                dir.resolve("mnt2").toString(), false, false, 0, false);

        DriveStatus failed = service.mount(local).get(10, TimeUnit.SECONDS);

        assertThat(failed.state()).isEqualTo(DriveState.ERROR);
        assertThat(failed.message()).isEqualTo("The folder " + dir.resolve("nope") + " does not exist");
    }

    @Test
    void aLocalFolderMountedInsideItselfIsRefusedBeforeAnyFolderIsMade() throws Exception {
        java.nio.file.Path folder = java.nio.file.Files.createDirectories(dir.resolve("docs"));
        DriveConfig inside = new DriveConfig("d4", "Docs", new StorageSpec.Local(folder.toString()),
                folder.resolve("mnt").toString(), false, false, 0, false);

        DriveStatus failed = service.mount(inside).get(10, TimeUnit.SECONDS);

        assertThat(failed.state()).isEqualTo(DriveState.ERROR);
        assertThat(failed.message()).startsWith("Cannot mount \"Docs\": the mount point").contains("own folder");
        assertThat(folder.resolve("mnt")).doesNotExist();
        assertThat(mounter.mounts).isEmpty();
    }

    @Test
    void unmountingClosesTheMount() throws Exception {
        service.mount(drive).get(10, TimeUnit.SECONDS);

        DriveStatus result = service.unmount("d1").get(10, TimeUnit.SECONDS);

        assertThat(result.state()).isEqualTo(DriveState.UNMOUNTED);
        assertThat(mounter.mounts.get(0).gone.getCount()).isZero();
        assertThat(seen).endsWith(DriveState.UNMOUNTING, DriveState.UNMOUNTED);
        assertThat(service.mountPoint("d1")).isEmpty();
    }

    @Test
    void aDriveUnmountedOutsideTheAppShowsAsUnmounted() throws Exception {
        service.mount(drive).get(10, TimeUnit.SECONDS);

        mounter.mounts.get(0).vanish();

        await().atMost(Duration.ofSeconds(5)).until(() -> service.status("d1").state() == DriveState.UNMOUNTED);
        assertThat(service.status("d1").message()).contains("outside CloudMount");
    }

    /** The app applies the drive naming the CLI does (on by default on Windows), here forced on Linux. */
    @Test
    void withWindowsNamingADriveShowsEncodedNamesAndFindsThemRegardlessOfCase() throws Exception {
        java.nio.file.Path folder = java.nio.file.Files.createDirectories(dir.resolve("docs"));
        java.nio.file.Files.writeString(folder.resolve("a:b"), "colon");
        java.nio.file.Files.writeString(folder.resolve("Report.txt"), "report");
        DriveService windowsLike = new DriveService(new ProviderFactory(new FileSecretStore(dir.resolve("secrets.json"))),
                mounter, DriveActivitySource.NONE, d -> CacheSettings.defaults(dir.resolve("cache")), Runnable::run,
                io.cloudmount.engine.names.DriveNaming.WINDOWS);
        DriveConfig local = new DriveConfig("d5", "Docs", new StorageSpec.Local(folder.toString()),
                dir.resolve("mnt5").toString(), false, false, 0, false);
        try {
            assertThat(windowsLike.mount(local).get(10, TimeUnit.SECONDS).state()).isEqualTo(DriveState.MOUNTED);
            io.cloudmount.engine.vfs.Vfs vfs = mounter.mounts.get(0).vfs;
            long dh = vfs.opendir("/");
            List<String> names = vfs.readdir(dh).stream().map(io.cloudmount.engine.vfs.FileAttributes::name).toList();
            vfs.releasedir(dh);

            String shown = io.cloudmount.engine.names.WindowsNameCodec.encode("a:b");
            assertThat(shown).doesNotContain(":");
            assertThat(names).contains(shown, "Report.txt").doesNotContain("a:b");
            assertThat(vfs.getattr("/" + shown).size()).isEqualTo("colon".length());
            assertThat(vfs.getattr("/REPORT.TXT").size()).isEqualTo("report".length());
        } finally {
            windowsLike.close();
        }
    }

    @Test
    void aCaseInsensitiveMemoryDriveOnLinuxIsNotCachedForLong() throws Exception {
        DriveService caseInsensitive = new DriveService(new ProviderFactory(new FileSecretStore(dir.resolve("secrets.json"))),
                mounter, DriveActivitySource.NONE, d -> CacheSettings.defaults(dir.resolve("cache")), Runnable::run,
                new io.cloudmount.engine.names.DriveNaming(false, true));
        try {
            caseInsensitive.mount(drive).get(10, TimeUnit.SECONDS);

            // Linux keeps each spelling of a name apart, so no long-kept "no such file" (WinFsp matches itself).
            assertThat(mounter.mounts.get(0).options.cache()).isEqualTo(MountPoints.isWindows()
                    ? io.cloudmount.fuse.KernelCachePolicy.exclusive() : io.cloudmount.fuse.KernelCachePolicy.shared());
        } finally {
            caseInsensitive.close();
        }
    }

    @Test
    void anS3DriveWithoutItsSecretSaysSo() throws Exception {
        DriveConfig s3 = new DriveConfig("d3", "Photos", new StorageSpec.S3("http://127.0.0.1:1", "us-east-1", "b", "",
                StorageSpec.S3Auth.KEYS, "AK", "", true), dir.resolve("mnt3").toString(), false, false, 0, false);

        DriveStatus failed = service.mount(s3).get(10, TimeUnit.SECONDS);

        assertThat(failed.message()).contains("secret key of \"Photos\" is not in");
    }
}
