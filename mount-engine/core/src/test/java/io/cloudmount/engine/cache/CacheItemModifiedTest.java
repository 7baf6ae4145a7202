package io.cloudmount.engine.cache;

import static io.cloudmount.engine.cache.CacheTesting.T0;
import static io.cloudmount.engine.cache.CacheTesting.all;
import static io.cloudmount.engine.cache.CacheTesting.remote;
import static io.cloudmount.engine.cache.CacheTesting.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The local modification time ({@link CacheItem#modified()}): which operations move it, and that it is
 * persisted with the record across a clean restart and a crash (the old {@link DataCache} abandoned as
 * after kill -9), including records written before the field existed.
 */
class CacheItemModifiedTest extends RestartableCacheFixture {
    /** A remote version's time, distinct from the clock's start. */
    private static final Instant REMOTE_TIME = Instant.parse("2025-06-07T08:09:10.5Z");

    private CacheItem remoteFile(String key, long size) throws IOException {
        return cache.acquire(key, new Fingerprint("e-" + key, size, REMOTE_TIME), size);
    }

    /** Moves the clock by an odd amount, so nanosecond precision matters, and returns the new now. */
    private Instant tick() {
        clock.advance(Duration.ofSeconds(61).plusNanos(123_456_789));
        return clock.instant();
    }

    private Path metaOf(String key) {
        return dir.resolve("meta").resolve(CacheFiles.sha256(key) + CacheFiles.META_SUFFIX);
    }

    // ---- what moves it -------------------------------------------------------------------------

    @Test
    void aNewItemStartsAtItsBaseTimeOrAtNowWhenCreatedLocally() throws IOException {
        tick();
        assertThat(remoteFile("/remote", 4).modified()).isEqualTo(REMOTE_TIME);
        assertThat(cache.acquire("/local", null, 0).modified()).isEqualTo(clock.instant());
    }

    @Test
    void everyWriteSetsTheClocksNow() throws IOException {
        CacheItem item = remoteFile("/a", 10);
        Instant first = tick();
        item.write(0, utf8("ab"));
        assertThat(item.modified()).isEqualTo(first);

        Instant second = tick();
        item.write(5, utf8("cd"));
        assertThat(item.modified()).isEqualTo(second);
    }

    @Test
    void fillNeverChangesIt() throws IOException {
        CacheItem clean = remoteFile("/clean", 10);
        tick();
        assertThat(clean.fill(0, utf8("0123456789"))).isTrue();
        assertThat(clean.modified()).isEqualTo(REMOTE_TIME);

        CacheItem dirty = remoteFile("/dirty", 10);
        Instant written = tick();
        dirty.write(0, utf8("ab"));
        tick();
        assertThat(dirty.fill(0, utf8("0123456789"))).isTrue();
        assertThat(all(dirty)).isEqualTo("ab23456789");
        assertThat(dirty.modified()).isEqualTo(written);
    }

    @Test
    void aTruncateSetsItOnlyWhenTheSizeChanges() throws IOException {
        CacheItem item = remoteFile("/a", 10);
        tick();
        item.truncate(10);
        assertThat(item.modified()).as("same size").isEqualTo(REMOTE_TIME);

        Instant shrunk = tick();
        item.truncate(4);
        assertThat(item.modified()).isEqualTo(shrunk);

        Instant grown = tick();
        item.truncate(20);
        assertThat(item.modified()).isEqualTo(grown);
    }

    @Test
    void resetToTakesTheRemoteTimeAndUploadKeepsTheLocalOne() throws IOException {
        CacheItem item = remoteFile("/a", 10);
        Instant written = tick();
        item.write(0, utf8("local"));

        tick();
        assertThat(item.markUploaded(remote("uploaded", 10), item.dirtyVersion())).isTrue();
        assertThat(item.modified()).as("after upload").isEqualTo(written);

        Instant remoteChange = Instant.parse("2027-01-01T00:00:00.000000001Z");
        item.resetTo(new Fingerprint("changed", 3, remoteChange));
        assertThat(item.modified()).isEqualTo(remoteChange);
        crashAndRestart();
        assertThat(reloaded("/a").modified()).as("a reset is recorded at once").isEqualTo(remoteChange);
    }

    @Test
    void setModifiedChangesNothingElse() throws IOException {
        CacheItem item = remoteFile("/a", 3);
        item.fill(0, utf8("abc"));
        long version = item.dirtyVersion();
        Instant chosen = Instant.parse("2001-02-03T04:05:06.700000008Z");

        item.setModified(chosen);

        assertThat(item.modified()).isEqualTo(chosen);
        assertThat(item.isDirty()).isFalse();
        assertThat(item.dirtyVersion()).isEqualTo(version);
        assertThat(item.size()).isEqualTo(3);
        assertThat(item.base()).isEqualTo(new Fingerprint("e-/a", 3, REMOTE_TIME));
        assertThatThrownBy(() -> item.setModified(null)).isInstanceOf(NullPointerException.class);
    }

    // ---- persistence ---------------------------------------------------------------------------

    @Test
    void setModifiedSurvivesCloseAndReopenOfTheCache() throws IOException {
        CacheItem clean = remoteFile("/clean", 3);
        clean.fill(0, utf8("abc"));
        Instant cleanTime = Instant.parse("2001-02-03T04:05:06.700000008Z");
        clean.setModified(cleanTime);
        clean.close();

        CacheItem dirty = cache.acquire("/dirty", null, 0);
        dirty.write(0, utf8("xyz"));
        Instant dirtyTime = Instant.parse("2030-12-31T23:59:59.999999999Z");
        dirty.setModified(dirtyTime);
        dirty.close();

        restart();
        assertThat(reloaded("/clean").modified()).isEqualTo(cleanTime);
        assertThat(reloaded("/clean").isDirty()).isFalse();
        assertThat(reloaded("/dirty").modified()).isEqualTo(dirtyTime);
        assertThat(reloaded("/dirty").isDirty()).isTrue();
    }

    @Test
    void setModifiedSurvivesACrashAfterPersistButALaterOneIsLost() throws IOException {
        CacheItem item = cache.acquire("/open", null, 0);
        item.write(0, utf8("data"));
        Instant persisted = Instant.parse("2020-05-06T07:08:09.123456789Z");
        item.setModified(persisted);
        item.persist();
        item.setModified(persisted.plusSeconds(3600)); // never recorded
        crashAndRestart();

        assertThat(reloaded("/open").modified()).isEqualTo(persisted);
        assertThat(reloaded("/open").isDirty()).isTrue();
    }

    @Test
    void aCrashFallsBackToTheTimeOfTheLastRecordedWrite() throws IOException {
        CacheItem item = remoteFile("/doc", 10);
        item.fill(0, utf8("0123456789"));
        item.close();
        item = cache.acquire("/doc", null, 0);
        Instant firstChange = tick();
        item.write(0, utf8("ab")); // the first change records the item dirty, with its time
        tick();
        item.write(2, utf8("cd")); // not recorded
        crashAndRestart();

        CacheItem back = reloaded("/doc");
        assertThat(back.isDirty()).isTrue();
        assertThat(back.modified()).isEqualTo(firstChange);
    }

    @Test
    void writeTimesSurviveSyncAndCrash() throws IOException {
        CacheItem item = cache.acquire("/journal", null, 0);
        item.write(0, utf8("one "));
        Instant last = tick();
        item.write(4, utf8("two"));
        item.sync();
        crashAndRestart();

        assertThat(reloaded("/journal").modified()).isEqualTo(last);
    }

    @Test
    void theRecordCarriesTheLineWithNanoseconds() throws IOException {
        CacheItem item = cache.acquire("/a", null, 0);
        item.setModified(Instant.parse("2026-01-02T03:04:05Z"));
        item.close();

        assertThat(Files.readString(metaOf("/a"), StandardCharsets.UTF_8))
                .contains("\nmodified=2026-01-02T03:04:05.000000000Z\n");
    }

    @Test
    void recordsOfTheOldFormatLoadWithTheBaseTimeOrTheRecordFileTime() throws IOException {
        CacheItem clean = remoteFile("/clean", 3);
        clean.fill(0, utf8("abc"));
        clean.setModified(T0.plusSeconds(1)); // dropped with the line below: old versions had none
        clean.close();
        CacheItem dirtyRemote = remoteFile("/dirty-remote", 3);
        dirtyRemote.write(0, utf8("xy"));
        dirtyRemote.close();
        CacheItem local = cache.acquire("/local", null, 0);
        local.write(0, utf8("new"));
        local.close();
        cache.close();

        Instant recordWritten = Instant.parse("2024-04-04T04:04:04Z");
        for (String key : new String[] {"/clean", "/dirty-remote", "/local"}) {
            Path meta = metaOf(key);
            byte[] old = CacheTesting.withoutLine(Files.readAllBytes(meta), "modified=");
            assertThat(new String(old, StandardCharsets.UTF_8)).doesNotContain("\nmodified=");
            Files.write(meta, old);
            Files.setLastModifiedTime(meta, FileTime.from(recordWritten));
        }
        crashAndRestart();

        assertThat(cache.itemCount()).as("no record discarded").isEqualTo(3);
        assertThat(reloaded("/clean").modified()).as("clean: the base's time").isEqualTo(REMOTE_TIME);
        assertThat(reloaded("/dirty-remote").modified()).as("dirty: when the record was written")
                .isEqualTo(recordWritten);
        assertThat(reloaded("/local").modified()).isEqualTo(recordWritten);
        CacheItem local2 = cache.acquire("/local", null, 0);
        assertThat(all(local2)).isEqualTo("new");
        local2.close();

        restart();
        assertThat(Files.readString(metaOf("/local"), StandardCharsets.UTF_8))
                .as("written in the new format from then on").contains("\nmodified=2024-04-04T04:04:04.000000000Z\n");
        assertThat(reloaded("/local").modified()).isEqualTo(recordWritten);
        assertThat(reloaded("/clean").modified()).isEqualTo(REMOTE_TIME);
    }
}
