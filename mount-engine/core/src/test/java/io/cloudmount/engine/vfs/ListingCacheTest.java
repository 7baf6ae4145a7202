package io.cloudmount.engine.vfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.provider.memory.MemoryProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Listings of a directly used store are answered again from memory within the TTL, but never after a
 * change made through the drive; changes made beside the drive show once the TTL has passed.
 */
class ListingCacheTest {
    private static final Duration TTL = Duration.ofSeconds(1);
    private Instant now = Instant.parse("2026-01-02T03:04:05Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final MemoryProvider store = MemoryProvider.withCapacity(16L << 20);
    private final SwitchableProvider counting = new SwitchableProvider(store);
    private final AtomicInteger storeListings = counting.listings;
    private final Vfs vfs = new Vfs(counting, VfsOptions.defaults().withClock(clock).withListingTtl(TTL));

    @Test
    void aRepeatedListingWithinTheTtlIsAnsweredWithoutTheStore() throws IOException {
        write("/a", "1");
        list("/");
        int before = storeListings.get();

        list("/");
        list("/");

        assertThat(storeListings.get()).isEqualTo(before);
    }

    @Test
    void everyChangeThroughTheDriveShowsInTheNextListing() throws IOException {
        write("/a", "1");
        assertThat(list("/")).containsEntry("a", 1L);

        write("/a", "12345"); // same name, new size: readdirplus would hand a stale size to the kernel
        assertThat(list("/")).containsEntry("a", 5L);

        long fh = vfs.open("/a", OpenFlags.READ_WRITE);
        vfs.ftruncate(fh, 2);
        assertThat(list("/")).containsEntry("a", 2L);
        vfs.write(fh, 10, utf8("x"));
        assertThat(list("/")).containsEntry("a", 11L);
        vfs.release(fh);

        vfs.truncate("/a", 3);
        assertThat(list("/")).containsEntry("a", 3L);
        vfs.rename("/a", "/b", false);
        assertThat(list("/")).containsOnlyKeys("b");
        vfs.mkdir("/d", 0755);
        assertThat(list("/")).containsOnlyKeys("b", "d");
        vfs.rmdir("/d");
        vfs.unlink("/b");
        assertThat(list("/")).isEmpty();
    }

    @Test
    void aChangeBesideTheDriveShowsOnceTheTtlHasPassed() throws IOException {
        list("/");
        store.createFile("/outside", true);

        assertThat(list("/")).doesNotContainKey("outside");
        now = now.plus(TTL).plusMillis(1);
        assertThat(list("/")).containsKey("outside");
    }

    @Test
    void aListingThatRacedAChangeIsNotServedAgain() throws IOException {
        list("/");
        now = now.plus(TTL).plusMillis(1);
        // The store is read, then a change lands through the drive before the listing is stored.
        counting.afterNextListing = () -> {
            try {
                write("/late", "x");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };
        assertThat(list("/")).doesNotContainKey("late");

        assertThat(list("/")).containsKey("late");
    }

    @Test
    void withoutATtlEveryListingReadsTheStore() throws IOException {
        Vfs uncached = new Vfs(counting, VfsOptions.defaults().withClock(clock));
        int before = storeListings.get();
        for (int i = 0; i < 3; i++) {
            long dh = uncached.opendir("/");
            uncached.releasedir(dh);
        }
        assertThat(storeListings.get()).isEqualTo(before + 3);
    }

    private Map<String, Long> list(String dir) throws IOException {
        long dh = vfs.opendir(dir);
        try {
            List<FileAttributes> entries = vfs.readdir(dh);
            return entries.stream().collect(Collectors.toMap(FileAttributes::name, FileAttributes::size));
        } finally {
            vfs.releasedir(dh);
        }
    }

    private void write(String path, String content) throws IOException {
        long fh = vfs.create(path, 0644, new OpenFlags(true, true, false, true, false));
        vfs.write(fh, 0, utf8(content));
        vfs.release(fh);
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}
