package io.cloudmount.fuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.jna.Pointer;
import io.cloudmount.engine.vfs.CacheSettings;
import io.cloudmount.engine.vfs.OpenFlags;
import io.cloudmount.engine.vfs.Vfs;
import io.cloudmount.engine.vfs.VfsOptions;
import io.cloudmount.fuse.MountLifecycle.Session;
import io.cloudmount.fuse.platform.linux.LinuxPlatform;
import io.cloudmount.fuse.platform.windows.NotifyAction;
import io.cloudmount.fuse.nativeapi.FuseLibrary;
import io.cloudmount.fuse.platform.windows.WindowsMountLifecycle;
import io.cloudmount.provider.UploadOptions;
import io.cloudmount.provider.memory.MemoryProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changes the engine learns of beside the mount reach the OS: on Windows as {@code fuse_notify} on
 * WinFsp's internal object (Explorer refreshes), never once stopping began; on Linux as
 * {@code fuse_invalidate_path} on the handle.
 */
class ChangeAnnouncementTest {
    @TempDir
    Path work;

    private final FakeFuseLibrary lib = new FakeFuseLibrary(32);
    private final FakeWindows windows = new FakeWindows();

    @Test
    void aFileChangedInTheStoreIsAnnouncedToExplorerOnTheInternalObject() throws Exception {
        MemoryProvider store = MemoryProvider.withCapacity(1 << 20);
        upload(store, "/report.txt", "first");
        Vfs vfs = Vfs.cached(store, VfsOptions.defaults(), CacheSettings.defaults(work.resolve("cache")));
        lib.afterInit(() -> windows.appear("X:\\"));
        try (FuseMount mount = FuseMount.mount(vfs, "X:", MountOptions.defaults("x", KernelCachePolicy.exclusive()),
                windows.lifecycle(), lib)) {
            readWhole(vfs, "/report.txt");
            upload(store, "/report.txt", "second, longer");

            readWhole(vfs, "/report.txt"); // the open finds the new version in the store

            await().atMost(Duration.ofSeconds(5)).until(() -> !lib.notifications().isEmpty());
            assertThat(lib.notifications()).containsExactly("notify /report.txt 144 on internal");
        }
    }

    @Test
    void theChangedFileActionIsCreateWithTimeAndSize() {
        assertThat(NotifyAction.CHANGED_FILE).isEqualTo(NotifyAction.CREATE | NotifyAction.UTIME | NotifyAction.TRUNCATE)
                .isEqualTo(0x144);
        assertThat(NotifyAction.CHANGED_FILE & (NotifyAction.MKDIR | NotifyAction.RMDIR | NotifyAction.UNLINK))
                .as("would make WinFsp report a folder, or a removal").isZero();
    }

    @Test
    void nothingIsAnnouncedBeforeInitNorOnceStoppingBegan() throws Exception {
        WindowsMountLifecycle lifecycle = windows.lifecycle();
        lifecycle.prepare("X:", new Vfs(MemoryProvider.withCapacity(1 << 20), VfsOptions.defaults()));
        Session session = new StubSession(lib);

        lifecycle.announceChange(session, "/before-init.txt");
        lifecycle.onInit(lib);
        lifecycle.announceChange(session, "/a.txt");
        lifecycle.stopLoop(session);
        lifecycle.announceChange(session, "/after-stop.txt");

        assertThat(lib.notifications()).containsExactly("notify /a.txt 144 on internal");
    }

    @Test
    void linuxDropsTheKernelsCacheOfThePathOnTheHandle() throws Exception {
        LinuxMountLifecycle lifecycle = new LinuxMountLifecycle(LinuxPlatform.forArch("x86_64"));

        lifecycle.announceChange(new StubSession(lib), "/a.txt");

        assertThat(lib.notifications()).containsExactly("invalidate /a.txt");
    }

    private static void upload(MemoryProvider store, String path, String content) throws IOException {
        Path file = Files.createTempFile("upload", ".txt");
        try {
            Files.writeString(file, content);
            store.upload(path, file, UploadOptions.modifiedAt(Instant.now()));
        } finally {
            Files.delete(file);
        }
    }

    private static void readWhole(Vfs vfs, String path) throws IOException {
        long fh = vfs.open(path, OpenFlags.READ_ONLY);
        try {
            vfs.read(fh, 0, ByteBuffer.allocate(64));
        } finally {
            vfs.release(fh);
        }
    }

    /** A session whose loop runs until the fake library's loop would have ended. */
    private record StubSession(FakeFuseLibrary lib) implements Session {
        @Override
        public FuseLibrary library() {
            return lib;
        }

        @Override
        public Pointer fuse() {
            return lib.handle;
        }

        @Override
        public int fuseVersion() {
            return lib.fuse_version();
        }

        @Override
        public Path root() {
            return Path.of("X:\\");
        }

        @Override
        public boolean loopEnded() {
            return false;
        }

        @Override
        public boolean awaitLoopEnd(Duration timeout) {
            return true;
        }
    }
}
