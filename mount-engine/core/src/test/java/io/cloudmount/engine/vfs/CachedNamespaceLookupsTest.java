package io.cloudmount.engine.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cloudmount.engine.writeback.WritebackSettings;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.memory.MemoryProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many lookups (stats and listing pages) the write-back namespace sends the store for the
 * per-file operations of a busy directory: one listing of the directory, then none per file.
 */
class CachedNamespaceLookupsTest {
    private static final int FILES = 50;

    @TempDir
    Path cacheDir;
    private final MemoryProvider memory = MemoryProvider.withCapacity(64L << 20);
    private final CountingProvider store = new CountingProvider(memory);
    private Vfs vfs;

    @AfterEach
    void close() throws IOException {
        if (vfs != null) {
            vfs.close();
        }
    }

    private Vfs vfs(Duration uploadDelay) throws IOException {
        WritebackSettings wb = WritebackSettings.defaults();
        wb = new WritebackSettings(uploadDelay, wb.maxConcurrent(), wb.maxAttempts(), Duration.ofMillis(20),
                Duration.ofMillis(200), wb.drainTimeout());
        vfs = Vfs.cached(store, VfsOptions.defaults(), CacheSettings.defaults(cacheDir).withWriteback(wb));
        return vfs;
    }

    @Test
    void creatingFilesInADirectoryListsItOnceAndLooksUpNoFile() throws Exception {
        memory.mkdir("/d");
        Vfs vfs = vfs(Duration.ofHours(1));

        for (int i = 0; i < FILES; i++) {
            assertThatThrownBy(() -> vfs.getattr("/d/f")).isInstanceOf(ProviderException.NotFound.class);
            write(vfs, "/d/f" + i, "content " + i);
            assertThat(vfs.getattr("/d/f" + i).size()).isEqualTo(("content " + i).length());
        }

        assertThat(store.stats.get()).isZero();
        assertThat(store.listings.get()).isEqualTo(1);
    }

    @Test
    void uploadsKeepTheListingSoNamesStayVisibleWithoutNewLookups() throws Exception {
        memory.mkdir("/d");
        Vfs vfs = vfs(Duration.ZERO);
        vfs.getattr("/d");
        for (int i = 0; i < FILES; i++) {
            write(vfs, "/d/f" + i, "x");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> vfs.pendingUploads().isEmpty());
        int listingsAfterUploads = store.listings.get();

        for (int i = 0; i < FILES; i++) {
            assertThat(vfs.getattr("/d/f" + i).size()).isEqualTo(1);
        }
        assertThat(vfs.readdir(vfs.opendir("/d"))).hasSize(FILES);
        assertThat(store.listings.get()).isEqualTo(listingsAfterUploads);
        assertThat(memory.list("/d", null).entries()).extracting(ObjectInfo::name).hasSize(FILES);
    }

    @Test
    void renamingAndDeletingUploadedFilesUpdatesTheCacheAndTheStore() throws Exception {
        memory.mkdir("/d");
        for (int i = 0; i < FILES; i++) {
            memory.createFile("/d/f" + i, true);
        }
        Vfs vfs = vfs(Duration.ofHours(1));
        vfs.getattr("/d"); // what the kernel looks up first: the directory, then a name in it
        vfs.getattr("/d/f0");
        int lookups = store.lookups();

        renameAllThenDeleteEverySecond(vfs);

        assertThat(store.lookups()).as("answered from the listing").isEqualTo(lookups);
        assertThat(vfs.readdir(vfs.opendir("/d"))).hasSize(FILES / 2);
        assertThatThrownBy(() -> vfs.getattr("/d/f1")).isInstanceOf(ProviderException.NotFound.class);
        assertThat(vfs.getattr("/d/g1").directory()).isFalse();
        assertThat(memory.list("/d", null).entries()).extracting(ObjectInfo::name)
                .hasSize(FILES / 2).allMatch(name -> name.startsWith("g"));
    }

    @Test
    void renamingAndDeletingFilesWhoseUploadNeverStartedSendsNothingToTheStore() throws Exception {
        memory.mkdir("/d");
        Vfs vfs = vfs(Duration.ofHours(1));
        for (int i = 0; i < FILES; i++) {
            write(vfs, "/d/f" + i, "content " + i);
        }
        int lookups = store.lookups();

        renameAllThenDeleteEverySecond(vfs);

        assertThat(store.lookups()).as("no store can hold them: none was ever sent").isEqualTo(lookups);
        assertThat(store.changes.get()).isZero();
        assertThat(vfs.readdir(vfs.opendir("/d"))).hasSize(FILES / 2);
        assertThat(vfs.getattr("/d/g1").size()).isEqualTo("content 1".length());
        assertThat(vfs.flushUploads(Duration.ofSeconds(10))).isTrue();
        assertThat(memory.list("/d", null).entries()).extracting(ObjectInfo::name)
                .hasSize(FILES / 2).allMatch(name -> name.startsWith("g"));
    }

    @Test
    void mkdirDashPLooksUpEachNewLevelWithoutAskingTheStore() throws Exception {
        Vfs vfs = vfs(Duration.ofHours(1));
        vfs.getattr("/");
        vfs.opendir("/");
        int lookups = store.lookups();

        String path = "";
        for (int level = 0; level < 10; level++) {
            path += "/l" + level;
            String dir = path;
            assertThatThrownBy(() -> vfs.getattr(dir)).isInstanceOf(ProviderException.NotFound.class);
            vfs.mkdir(dir, 0755);
            assertThat(vfs.getattr(dir).directory()).isTrue();
        }

        assertThat(store.lookups()).isEqualTo(lookups);
        assertThat(memory.stat(path).isDirectory()).isTrue();
    }

    private static void write(Vfs vfs, String path, String content) throws IOException {
        long fh = vfs.create(path, 0644, OpenFlags.READ_WRITE);
        vfs.write(fh, 0, ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
        vfs.release(fh);
    }

    /** Renames /d/fN to /d/gN for every file, then deletes every second one. */
    private static void renameAllThenDeleteEverySecond(Vfs vfs) throws IOException {
        for (int i = 0; i < FILES; i++) {
            vfs.rename("/d/f" + i, "/d/g" + i, false);
        }
        for (int i = 0; i < FILES; i += 2) {
            vfs.unlink("/d/g" + i);
        }
    }
}
