package io.cloudmount.engine.vfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.engine.writeback.WritebackSettings;
import io.cloudmount.provider.memory.MemoryProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel sends a file's release (its last close) asynchronously: it can land in the middle of other
 * operations on the same name. Driven at the namespace, where such an order can be forced.
 */
class CachedNamespaceReleaseTest {
    private static final OpenFlags WRITE = new OpenFlags(false, true, false, false, false);

    @TempDir
    Path cacheDir;
    private final MemoryProvider store = MemoryProvider.withCapacity(64L << 20);
    private CachedNamespace names;

    @BeforeEach
    void open() throws IOException {
        WritebackSettings defaults = WritebackSettings.defaults();
        WritebackSettings soon = new WritebackSettings(Duration.ofMillis(50), defaults.maxConcurrent(),
                defaults.maxAttempts(), Duration.ofMillis(20), Duration.ofMillis(200), defaults.drainTimeout());
        names = CachedNamespace.open(store, CacheSettings.defaults(cacheDir).withWriteback(soon), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        names.close();
    }

    @Test
    void aReleaseLandingInsideARenameOfTheFileQueuesItUnderItsNewName() throws Exception {
        FileHandle draft = names.create("/draft", WRITE);
        draft.write(0, utf8("new content"));
        draft.flush();
        // rsync or an editor: write a temp file, close it, rename it into place. The rename runs while the
        // writer is still counted (so it leaves the queuing to the close)...
        names.rename("/draft", "/final.txt", true);
        // ...and the release arrives before the handle learns the new name.
        draft.release();
        draft.moved("/final.txt");

        assertThat(names.flushUploads(Duration.ofSeconds(10))).isTrue();
        assertThat(names.pendingUploads()).isEmpty();
        assertThat(remote("/final.txt")).isEqualTo("new content");
        assertThat(exists("/draft")).isFalse();
    }

    @Test
    void closingAnUnlinkedFileDoesNotUploadTheNewFileStillBeingWrittenUnderItsName() throws Exception {
        FileHandle old = names.create("/log.txt", WRITE);
        old.write(0, utf8("old"));
        names.unlink("/log.txt");
        FileHandle writer = names.create("/log.txt", WRITE);
        writer.write(0, utf8("first half"));

        old.release(); // the program that held the unlinked file closes it

        assertThat(names.flushUploads(Duration.ofSeconds(10))).isTrue();
        assertThat(exists("/log.txt")).as("no upload of a file still open for writing").isFalse();
        writer.write(10, utf8(", second half"));
        writer.release();
        assertThat(names.flushUploads(Duration.ofSeconds(10))).isTrue();
        assertThat(remote("/log.txt")).isEqualTo("first half, second half");
    }

    private boolean exists(String path) {
        return StoreFiles.exists(store, path);
    }

    private String remote(String path) throws IOException {
        return StoreFiles.text(store, path);
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
