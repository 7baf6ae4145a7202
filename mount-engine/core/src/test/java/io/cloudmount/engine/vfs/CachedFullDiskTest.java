package io.cloudmount.engine.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudmount.engine.SmallDisk;
import io.cloudmount.engine.writeback.WritebackSettings;
import io.cloudmount.provider.memory.MemoryProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write-back cache on a disk that is really full (a tmpfs of a few MiB, filled by another file). */
class CachedFullDiskTest {
    private static final OpenFlags WRITE = new OpenFlags(false, true, false, false, false);

    @TempDir
    Path dir;
    private final MemoryProvider store = MemoryProvider.withCapacity(64L << 20);

    @Test
    void aFileClosedWhenItsJournalRecordCannotBeWrittenIsUploadedAnyway() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir, 2)) {
            CachedNamespace names = open(disk.root().resolve("cache"));
            try {
                disk.fill();
                FileHandle file = names.create("/notes.txt", WRITE); // `echo text > notes.txt` on a full disk
                assertThatThrownBy(() -> file.write(0, ByteBuffer.wrap("text".getBytes(StandardCharsets.UTF_8))))
                        .hasMessageContaining("No space left");
                assertThatThrownBy(file::release).hasMessageContaining("No space left"); // the journal has no room

                // The file is on the drive (as on a full local disk: created, empty); the store must get it
                // too. It was left out of the upload queue, dirty in the cache until a restart.
                assertThat(names.flushUploads(Duration.ofSeconds(10))).isTrue();
                assertThat(StoreFiles.exists(store, "/notes.txt")).isTrue();
                assertThat(names.pendingUploads()).isEmpty();
            } finally {
                names.close();
            }
        }
    }

    private CachedNamespace open(Path cacheDir) throws IOException {
        WritebackSettings defaults = WritebackSettings.defaults();
        WritebackSettings soon = new WritebackSettings(Duration.ofMillis(50), defaults.maxConcurrent(),
                defaults.maxAttempts(), Duration.ofMillis(20), Duration.ofMillis(200), defaults.drainTimeout());
        return CachedNamespace.open(store, CacheSettings.defaults(cacheDir).withWriteback(soon).withLimits(1L << 30, 0),
                Clock.systemUTC());
    }
}
