package io.cloudmount.engine.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.cloudmount.engine.vfs.VfsFiles.write;
import static org.awaitility.Awaitility.await;

import io.cloudmount.engine.writeback.WritebackSettings;
import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.OpenMode;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.memory.MemoryProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * New folders on a store without modes (S3): mkdir returns at once, and the folder is written to the
 * store by the upload queue, journaled in between. What a program and the store observe.
 */
class CachedDirectoriesTest {
    private static final Duration NEVER = Duration.ofHours(1);
    private static final Duration SOON = Duration.ofMillis(50);
    private static final Duration FLUSH = Duration.ofSeconds(20);

    @TempDir
    Path cacheDir;
    private final MemoryProvider memory = MemoryProvider.withCapacity(64L << 20);
    private final SwitchableProvider store = new SwitchableProvider(memory);
    private final List<Vfs> opened = new ArrayList<>();

    @BeforeEach
    void storeWithoutModes() {
        store.withoutModes = true;
    }

    @AfterEach
    void closeAll() {
        for (Vfs vfs : opened) {
            try {
                vfs.close();
            } catch (IOException ignored) {
                // the test already failed or succeeded
            }
        }
    }

    private Vfs vfs(Duration uploadDelay) throws IOException {
        return vfs(uploadDelay, Duration.ofMillis(20));
    }

    private Vfs vfs(Duration uploadDelay, Duration firstBackoff) throws IOException {
        return vfs(uploadDelay, firstBackoff, CacheSettings.defaults(cacheDir).metadataTtl());
    }

    private Vfs vfs(Duration uploadDelay, Duration firstBackoff, Duration listingTtl) throws IOException {
        WritebackSettings wb = WritebackSettings.defaults().withDelay(uploadDelay)
                .withBackoff(firstBackoff, firstBackoff.multipliedBy(10));
        Vfs vfs = Vfs.cached(store, VfsOptions.defaults(),
                CacheSettings.defaults(cacheDir).withWriteback(wb).withMetadataTtl(listingTtl));
        opened.add(vfs);
        return vfs;
    }

    @Test
    void aNewFolderTreeIsThereAtOnceAndInTheStoreAfterItsUpload() throws Exception {
        Vfs vfs = vfs(NEVER);
        vfs.mkdir("/d", 0755);
        vfs.mkdir("/d/e", 0755);

        assertThat(inStore("/d")).as("not written yet").isFalse();
        assertThat(store.mkdirs).hasValue(0);
        assertThat(vfs.getattr("/d/e").directory()).isTrue();
        assertThat(names(vfs, "/")).contains("d");
        assertThat(names(vfs, "/d")).containsExactly("e");
        assertThat(names(vfs, "/d/e")).isEmpty();

        assertThat(vfs.flushUploads(FLUSH)).isTrue();
        assertThat(memory.stat("/d/e").isDirectory()).isTrue();
        assertThat(cacheDir.resolve(PendingDirectories.FILE_NAME)).as("journal emptied").doesNotExist();
    }

    @Test
    void aFileInANewFolderIsUploadedAfterItsFolder() throws Exception {
        Vfs vfs = vfs(NEVER, Duration.ofSeconds(2));
        vfs.mkdir("/d", 0755);
        vfs.mkdir("/d/e", 0755);
        write(vfs, "/d/e/f", "inside");
        // The folders' own uploads fail first and wait out a backoff: the file's upload comes first.
        store.failingMkdirs.set(2);

        assertThat(vfs.flushUploads(FLUSH)).isTrue();
        assertThat(vfs.pendingUploads()).isEmpty();
        assertThat(read(memory, "/d/e/f")).isEqualTo("inside");
    }

    @Test
    void aFolderRemovedBeforeItsUploadNeverReachesTheStore() throws Exception {
        Vfs vfs = vfs(NEVER);
        vfs.mkdir("/d", 0755);
        vfs.rmdir("/d");

        assertThat(vfs.flushUploads(FLUSH)).isTrue();
        assertThat(store.mkdirs).hasValue(0);
        assertThat(inStore("/d")).isFalse();
        assertThatThrownBy(() -> vfs.getattr("/d")).isInstanceOf(ProviderException.NotFound.class);
        assertThat(names(vfs, "/")).doesNotContain("d");
    }

    @Test
    void aNewFolderWithANewSubfolderIsNotEmpty() throws Exception {
        Vfs vfs = vfs(NEVER);
        vfs.mkdir("/d", 0755);
        vfs.mkdir("/d/e", 0755);

        assertThatThrownBy(() -> vfs.rmdir("/d")).isInstanceOf(ProviderException.NotEmpty.class);
        assertThat(vfs.getattr("/d/e").directory()).isTrue();
    }

    /** rename(2) replaces only an empty folder: a file waiting for its upload is in it, though the store lacks it. */
    @Test
    void aFolderHoldingAFileNotUploadedYetIsNotReplacedByARename() throws Exception {
        Vfs vfs = vfs(NEVER);
        vfs.mkdir("/empty", 0755);
        vfs.mkdir("/full", 0755);
        write(vfs, "/full/pending.txt", "not uploaded yet");
        vfs.mkdir("/stored", 0755);
        vfs.mkdir("/stored-full", 0755);
        assertThat(vfs.flushUploads(FLUSH)).isTrue();
        write(vfs, "/stored-full/pending.txt", "not uploaded yet");

        assertThatThrownBy(() -> vfs.rename("/empty", "/full", false)).isInstanceOf(ProviderException.NotEmpty.class);
        assertThatThrownBy(() -> vfs.rename("/stored", "/stored-full", false))
                .isInstanceOf(ProviderException.NotEmpty.class);

        assertThat(names(vfs, "/full")).containsExactly("pending.txt");
        assertThat(names(vfs, "/stored-full")).containsExactly("pending.txt");
        assertThat(vfs.flushUploads(FLUSH)).isTrue();
        assertThat(read(memory, "/full/pending.txt")).isEqualTo("not uploaded yet");
        assertThat(read(memory, "/stored-full/pending.txt")).isEqualTo("not uploaded yet");
    }

    @Test
    void renamingANewFolderBeforeItsUploadSendsOnlyTheNewName() throws Exception {
        Vfs vfs = vfs(NEVER);
        names(vfs, "/");
        vfs.mkdir("/New folder", 0755);
        vfs.mkdir("/New folder/sub", 0755);
        write(vfs, "/New folder/sub/f", "kept");
        int listings = store.listings.get();

        vfs.rename("/New folder", "/Reports", false);

        assertThat(store.mkdirs).as("nothing sent yet").hasValue(0);
        assertThat(store.listings.get()).as("nor listed").isEqualTo(listings);
        assertThat(names(vfs, "/")).contains("Reports").doesNotContain("New folder");
        assertThatThrownBy(() -> vfs.getattr("/New folder/sub")).isInstanceOf(ProviderException.NotFound.class);
        assertThat(names(vfs, "/Reports/sub")).containsExactly("f");

        assertThat(vfs.flushUploads(FLUSH)).isTrue();
        assertThat(inStore("/New folder")).isFalse();
        assertThat(read(memory, "/Reports/sub/f")).isEqualTo("kept");
        assertThat(memory.stat("/Reports/sub").isDirectory()).isTrue();
    }

    @Test
    void aNewFolderWithANewFileMovesToTheNameOfADeletedFile() throws Exception {
        Vfs vfs = vfs(NEVER);
        names(vfs, "/");
        vfs.mkdir("/x y", 0755);
        write(vfs, "/x y/f", "inside");
        write(vfs, "/t", "old file");
        vfs.unlink("/t");

        vfs.rename("/x y", "/t", false);

        assertThat(names(vfs, "/")).contains("t").doesNotContain("x y");
        assertThat(names(vfs, "/t")).containsExactly("f");
        assertThat(vfs.flushUploads(FLUSH)).isTrue();
        assertThat(read(memory, "/t/f")).isEqualTo("inside");
    }

    @Test
    void aNewFolderMovedOverAnotherAfterItsParentWasListedAgainMovesInTheStore() throws Exception {
        Vfs vfs = vfs(NEVER, Duration.ofMillis(20), Duration.ofMillis(50));
        vfs.mkdir("/a", 0755);
        vfs.mkdir("/b", 0755);
        write(vfs, "/a/f", "inside");
        int listings = store.listings.get();
        // The root's listing expires and is read again from the store, where neither folder is yet.
        await().atMost(FLUSH).until(() -> {
            names(vfs, "/");
            return store.listings.get() > listings;
        });

        vfs.rename("/a", "/b", false); // over an empty new folder: written to the store, then moved there

        assertThat(names(vfs, "/")).contains("b").doesNotContain("a");
        assertThat(names(vfs, "/b")).containsExactly("f");
        assertThat(vfs.flushUploads(FLUSH)).isTrue();
        assertThat(inStore("/a")).isFalse();
        assertThat(read(memory, "/b/f")).isEqualTo("inside");
    }

    @Test
    void aRenamedNewFolderSurvivesARestart() throws Exception {
        Vfs first = vfs(NEVER);
        first.mkdir("/New folder", 0755);
        first.rename("/New folder", "/Named", false);
        first.close();
        opened.remove(first);

        Vfs second = vfs(SOON);

        await().atMost(FLUSH).until(() -> inStore("/Named"));
        assertThat(second.flushUploads(FLUSH)).isTrue();
        assertThat(inStore("/New folder")).isFalse();
    }

    @Test
    void renamingANewFolderMovesItsContents() throws Exception {
        Vfs vfs = vfs(NEVER);
        vfs.mkdir("/d", 0755);
        vfs.mkdir("/d/e", 0755);
        write(vfs, "/d/e/f", "inside");

        vfs.rename("/d", "/x", false);

        assertThat(vfs.flushUploads(FLUSH)).isTrue();
        assertThat(inStore("/d")).isFalse();
        assertThat(memory.stat("/x/e").isDirectory()).isTrue();
        assertThat(read(memory, "/x/e/f")).isEqualTo("inside");
        assertThat(names(vfs, "/x/e")).containsExactly("f");
    }

    @Test
    void aStoredFileMovesIntoANewFolder() throws Exception {
        Vfs vfs = vfs(NEVER);
        write(vfs, "/a", "stored");
        assertThat(vfs.flushUploads(FLUSH)).isTrue();
        vfs.mkdir("/d", 0755);
        vfs.mkdir("/d/e", 0755);

        vfs.rename("/a", "/d/e/a", false);

        assertThat(read(memory, "/d/e/a")).isEqualTo("stored");
        assertThat(inStore("/a")).isFalse();
        assertThat(names(vfs, "/d/e")).containsExactly("a");
    }

    @Test
    void settingTheTimeOfANewFolderKeepsIt() throws Exception {
        Vfs vfs = vfs(NEVER);
        vfs.mkdir("/d", 0755);
        Instant time = Instant.parse("2020-01-02T03:04:05Z");

        vfs.setTimes("/d", time);

        assertThat(memory.stat("/d").modified()).isEqualTo(time);
    }

    @Test
    void aPendingFileWhoseFolderIsNoLongerInTheStoreIsUploadedIntoItAgain() throws Exception {
        // A kill -9 in the middle of renaming a folder leaves some of its pending files under the old
        // name, which neither the store nor the journal of new folders has any more; another client
        // removing the folder leaves the same. Those files must not stay pending, unlisted, for ever.
        Vfs first = vfs(SOON);
        first.mkdir("/D", 0755);
        await().atMost(FLUSH).until(() -> inStore("/D"));
        first.close();
        opened.remove(first);
        Vfs second = vfs(NEVER);
        write(second, "/D/notes.txt", "not lost");
        second.close();
        opened.remove(second);
        memory.deleteDirectory("/D");

        Vfs third = vfs(SOON);

        await().atMost(FLUSH).until(() -> inStore("/D/notes.txt"));
        assertThat(read(memory, "/D/notes.txt")).isEqualTo("not lost");
        assertThat(third.flushUploads(FLUSH)).isTrue();
        assertThat(third.pendingUploads()).isEmpty();
        assertThat(names(third, "/")).contains("D");
    }

    @Test
    void foldersMadeWhileTheStoreIsDownAreCreatedByTheNextMount() throws Exception {
        Vfs first = vfs(SOON);
        first.getattr("/"); // the root's listing is cached: mkdir needs no request
        names(first, "/");
        store.offline = true;
        first.mkdir("/d", 0755);
        first.mkdir("/d/e", 0755);
        assertThat(first.getattr("/d/e").directory()).isTrue();
        first.close();
        opened.remove(first);
        assertThat(cacheDir.resolve(PendingDirectories.FILE_NAME)).exists();

        store.offline = false;
        Vfs second = vfs(SOON);

        assertThat(second.getattr("/d/e").directory()).as("shown before it is written").isTrue();
        await().atMost(FLUSH).until(() -> inStore("/d/e"));
        assertThat(second.flushUploads(FLUSH)).isTrue();
        assertThat(cacheDir.resolve(PendingDirectories.FILE_NAME)).doesNotExist();
    }

    @Test
    void aStoreWithModesGetsNewFoldersAtOnce() throws Exception {
        store.withoutModes = false;
        Vfs vfs = vfs(NEVER);

        vfs.mkdir("/d", 0755);

        assertThat(inStore("/d")).isTrue();
        assertThat(store.mkdirs).hasValue(1);
    }

    private boolean inStore(String path) throws ProviderException {
        try {
            memory.stat(path);
            return true;
        } catch (ProviderException.NotFound e) {
            return false;
        }
    }

    private static List<String> names(Vfs vfs, String directory) throws IOException {
        long dh = vfs.opendir(directory);
        try {
            return vfs.readdir(dh).stream().map(io.cloudmount.engine.vfs.FileAttributes::name).toList();
        } finally {
            vfs.releasedir(dh);
        }
    }

    private static String read(MemoryProvider memory, String path) throws IOException {
        try (ObjectHandle handle = memory.open(path, OpenMode.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1024);
            handle.read(0, buf);
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        }
    }
}
