package io.cloudmount.engine.vfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.engine.cache.CacheItem;
import io.cloudmount.engine.cache.DataCache;
import io.cloudmount.engine.cache.Fingerprint;
import io.cloudmount.provider.UploadOptions;
import io.cloudmount.provider.memory.MemoryProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a sequential reader's hint ({@code aheadFrom}: read-ahead handled by earlier calls) changes in the requests. */
class ChunkFetcherTest {
    private static final int MIB = ChunkFetcher.CHUNK;

    @TempDir
    Path dir;
    private final SwitchableProvider store = new SwitchableProvider(MemoryProvider.withCapacity(64L << 20));
    private final ExecutorService downloads = Executors.newFixedThreadPool(4);
    private DataCache cache;
    private CacheItem item;
    private Fingerprint remote;
    private ChunkFetcher fetcher;

    @BeforeEach
    void storeAFileOfSixteenChunks() throws Exception {
        Path source = Files.write(dir.resolve("source.bin"), new byte[16 * MIB]);
        remote = Fingerprint.of(store.upload("/big.bin", source, UploadOptions.modifiedAt(Instant.now())));
        cache = DataCache.open(dir.resolve("cache"), 64L << 20, 0, Clock.systemUTC());
        item = cache.getOrCreate("/big.bin", remote, remote.size());
        fetcher = new ChunkFetcher(store, downloads);
        store.readRequests.set(0);
    }

    @AfterEach
    void close() {
        downloads.shutdownNow();
        cache.close();
    }

    @Test
    void readAheadBeforeTheHandledEndIsNotLookedAtAgain() throws Exception {
        fetcher.ensure(item, "/big.bin", remote, 0, MIB, 0, MIB);

        long handled = fetcher.ensure(item, "/big.bin", remote, 0, MIB, 8 * MIB, 16 * MIB);
        fetcher.ensure(item, "/big.bin", remote, 8 * MIB, 16 * MIB, 0, 16 * MIB); // waits for the read-ahead

        assertThat(handled).isEqualTo(16 * MIB);
        assertThat(store.bytesRequested.get()).as("chunk 0, then chunks 8-15").isEqualTo(9L * MIB);
        assertThat(item.isPresent(MIB, 8 * MIB)).isFalse();
    }

    @Test
    void aReadThatHasToFetchItsOwnChunkLooksAtTheWholeWindowAgain() throws Exception {
        // Chunks 1-7 were handled by earlier calls but are missing: their request failed.
        fetcher.ensure(item, "/big.bin", remote, 0, MIB, 8 * MIB, 16 * MIB);
        fetcher.ensure(item, "/big.bin", remote, 0, 16 * MIB, 0, 16 * MIB); // waits for the read-ahead

        assertThat(item.isPresent(0, 16 * MIB)).isTrue();
        assertThat(store.bytesRequested.get()).as("every chunk once").isEqualTo(16L * MIB);
    }
}
