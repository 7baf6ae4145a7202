package io.cloudmount.engine.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudmount.engine.writeback.WritebackSettings;
import io.cloudmount.provider.memory.MemoryProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cache folder serves one mount at a time, and its unsent changes go to the store they were made on. */
class CacheFolderClaimTest {
    private static final Duration NEVER = Duration.ofHours(1);

    @TempDir
    Path cacheDir;
    private final MemoryProvider bucketA = MemoryProvider.withCapacity(16L << 20);
    private final MemoryProvider bucketB = MemoryProvider.withCapacity(16L << 20);
    private final List<Vfs> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws IOException {
        for (Vfs vfs : opened) {
            vfs.close();
        }
    }

    private static SwitchableProvider store(MemoryProvider memory, String description) {
        SwitchableProvider store = new SwitchableProvider(memory);
        store.withoutModes = true;
        store.description = description;
        return store;
    }

    private Vfs mount(SwitchableProvider store, Duration uploadDelay) throws IOException {
        Vfs vfs = Vfs.cached(store, VfsOptions.defaults(), CacheSettings.defaults(cacheDir)
                .withWriteback(WritebackSettings.defaults().withDelay(uploadDelay)));
        opened.add(vfs);
        return vfs;
    }

    private void unmount(Vfs vfs) throws IOException {
        opened.remove(vfs);
        vfs.close();
    }

    @Test
    void aSecondMountOfTheSameFolderIsRefusedUntilTheFirstEnds() throws IOException {
        Vfs first = mount(store(bucketA, "s3://a"), NEVER);

        assertThatThrownBy(() -> mount(store(bucketA, "s3://a"), NEVER))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("in use by another mount").hasMessageContaining(cacheDir.toString());

        unmount(first);
        assertThat(mount(store(bucketA, "s3://a"), NEVER).getattr("/").directory()).isTrue();
    }

    @Test
    void unsentChangesAreNeverSentToAnotherStore() throws Exception {
        Vfs onA = mount(store(bucketA, "s3://a"), NEVER);
        VfsFiles.write(onA, "/for-a.txt", "only for a");
        unmount(onA);

        assertThatThrownBy(() -> mount(store(bucketB, "s3://b"), Duration.ZERO))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("1 change(s) not yet uploaded to s3://a");
        assertThat(bucketB.list("/", null).entries()).isEmpty();

        Vfs again = mount(store(bucketA, "s3://a"), Duration.ZERO);
        assertThat(again.flushUploads(Duration.ofSeconds(20))).isTrue();
        assertThat(bucketA.stat("/for-a.txt").size()).isEqualTo(10);
    }

    @Test
    void theSameBucketAtAnotherEndpointKeepsItsChanges() throws Exception {
        Vfs viaHttp = mount(store(bucketA, "s3://a at http://127.0.0.1:9000"), NEVER);
        VfsFiles.write(viaHttp, "/kept.txt", "kept");
        unmount(viaHttp);

        Vfs viaHttps = mount(store(bucketA, "s3://a at https://127.0.0.1:9443"), Duration.ZERO);

        assertThat(viaHttps.flushUploads(Duration.ofSeconds(20))).isTrue();
        assertThat(bucketA.stat("/kept.txt").size()).isEqualTo(4);
    }

    @Test
    void cachedCopiesOfAnotherStoreAreDropped() throws Exception {
        Vfs onA = mount(store(bucketA, "s3://a"), Duration.ZERO);
        VfsFiles.write(onA, "/same-name.txt", "content of a");
        assertThat(onA.flushUploads(Duration.ofSeconds(20))).isTrue();
        unmount(onA);
        write(bucketB, "/same-name.txt", "b");

        Vfs onB = mount(store(bucketB, "s3://b"), NEVER);

        assertThat(VfsFiles.read(onB, "/same-name.txt")).isEqualTo("b");
    }

    private static void write(MemoryProvider store, String path, String text) throws IOException {
        store.createFile(path, false);
        try (var handle = store.open(path, io.cloudmount.provider.OpenMode.READ_WRITE)) {
            handle.write(0, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

}
