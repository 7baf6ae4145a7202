package io.cloudmount.fuse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudmount.engine.vfs.CacheSettings;
import io.cloudmount.engine.writeback.WritebackSettings;
import io.cloudmount.provider.s3.S3StorageProvider;
import io.cloudmount.provider.s3.testing.Exchange;
import io.cloudmount.provider.s3.testing.FaultyS3Proxy;
import io.cloudmount.provider.s3.testing.RequestMatch;
import io.cloudmount.provider.s3.testing.S3ServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * What a mounted S3 drive asks the server for per-file operations in one directory, counted by a
 * loopback proxy: the directory is listed once, and names are answered from that listing.
 */
class S3MetadataRequestsIT {
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();
    private static final int FILES = 30;
    /** MetadataCache's: where a stat is cheaper than a listing (S3), lookups asked alone before listing. */
    private static final int LOOKUPS_BEFORE_LISTING = 8;
    private static final Duration LONG_TTL = Duration.ofMinutes(5);
    private static final Duration SHORT_TTL = Duration.ofSeconds(2);

    @TempDir
    Path work;
    private String bucket;
    private FaultyS3Proxy proxy;
    private MountedDrive drive;

    @BeforeEach
    void filesInABucketBehindAProxy() throws Exception {
        bucket = S3.server().createBucket();
        for (int i = 0; i < FILES; i++) {
            storeDirectly("d/f" + i, "file " + i);
        }
        proxy = FaultyS3Proxy.inFrontOf(S3.server());
    }

    private void mount(Duration ttl) throws Exception {
        mount(ttl, Duration.ofMillis(50));
    }

    private void mount(Duration ttl, Duration uploadDelay) throws Exception {
        var store = new S3StorageProvider(S3.server().settings(bucket).endpoint(proxy.endpoint()).build());
        WritebackSettings defaults = WritebackSettings.defaults();
        WritebackSettings wb = new WritebackSettings(uploadDelay, defaults.maxConcurrent(),
                defaults.maxAttempts(), Duration.ofMillis(50), Duration.ofSeconds(1), defaults.drainTimeout());
        drive = MountedDrive.mountCached(store, work, CacheSettings.defaults(work.resolve("cache"))
                .withWriteback(wb).withMetadataTtl(ttl));
    }

    @AfterEach
    void unmount() throws Exception {
        if (drive != null) {
            drive.close();
        }
        proxy.close();
    }

    @Test
    void statOfEveryFileInAColdDirectoryListsItOnceAfterAFewLookupsAlone() throws Exception {
        mount(LONG_TTL);
        for (int i = 0; i < FILES; i++) {
            assertThat(Files.size(drive.root().resolve("d/f" + i))).isEqualTo(("file " + i).length());
        }

        assertThat(directoryListings("d%2F(&|$)")).as("one listing of the directory").isEqualTo(1);
        assertThat(listings("d%2Ff")).as("per-name lookups before it: the engine's LOOKUPS_BEFORE_LISTING")
                .isEqualTo(LOOKUPS_BEFORE_LISTING);
    }

    @Test
    void readingOneFileOfAColdDirectoryAsksForNoOtherFile() throws Exception {
        mount(LONG_TTL);

        assertThat(Files.readString(drive.root().resolve("d/f7"))).isEqualTo("file 7");

        assertThat(directoryListings("d%2F(&|$)")).as("no listing of the directory").isZero();
        assertThat(proxy.exchanges().stream().filter(e -> e.method().equals("HEAD"))
                .filter(e -> e.target().contains("/d/f") && !e.target().contains("/d/f7")))
                .as("no HEAD of another file").isEmpty();
    }

    @Test
    void creatingFilesInAListedDirectorySendsNothingBeforeTheUploads() throws Exception {
        mount(LONG_TTL, Duration.ofHours(1));
        try (Stream<Path> names = Files.list(drive.root().resolve("d"))) {
            assertThat(names).hasSize(FILES);
        }
        long before = lastSequence();

        for (int i = 0; i < 10; i++) {
            Files.writeString(drive.root().resolve("d/new" + i), "new " + i);
            assertThat(Files.size(drive.root().resolve("d/new" + i))).isEqualTo(("new " + i).length());
        }

        assertThat(proxy.exchanges().stream().filter(e -> e.sequence() > before)).as("no request until the uploads").isEmpty();
    }

    @Test
    void renamesAndDeletesOfStoredFilesNeedNoLookups() throws Exception {
        mount(LONG_TTL);
        try (Stream<Path> names = Files.list(drive.root().resolve("d"))) {
            assertThat(names).hasSize(FILES);
        }
        long before = lastSequence();

        Files.move(drive.root().resolve("d/f0"), drive.root().resolve("d/g0"));
        Files.delete(drive.root().resolve("d/f1"));

        // The renamed file's old key is deleted after the rename returned (in the background), so
        // possibly after the delete of d/f1.
        await().atMost(Duration.ofSeconds(10)).until(() -> sentAfter(before).size() >= 3);
        List<String> sent = sentAfter(before);
        assertThat(sent.get(0)).isEqualTo("PUT /" + bucket + "/d/g0");
        assertThat(sent).containsExactlyInAnyOrder("PUT /" + bucket + "/d/g0",
                "DELETE /" + bucket + "/d/f0", "DELETE /" + bucket + "/d/f1");
        assertThat(S3.server().admin().listObjectsV2(b -> b.bucket(bucket).prefix("d/")).contents())
                .extracting(o -> o.key()).contains("d/g0").doesNotContain("d/f0", "d/f1");
    }

    @Test
    void aFileAnotherClientAddsShowsOnceTheListingExpires() throws Exception {
        mount(SHORT_TTL);
        Path late = drive.root().resolve("d/late");
        assertThat(Files.exists(late)).isFalse();

        storeDirectly("d/late", "from elsewhere");

        await().atMost(SHORT_TTL.multipliedBy(10)).until(() -> Files.exists(late));
        assertThat(Files.readString(late)).isEqualTo("from elsewhere");
    }

    private List<String> sentAfter(long sequence) {
        return proxy.exchanges().stream().filter(e -> e.sequence() > sequence)
                .map(e -> e.method() + " " + e.target().replaceAll("\\?.*", "")).toList();
    }

    private void storeDirectly(String key, String text) {
        S3.server().admin().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(text));
    }

    /** ListObjectsV2 requests whose prefix parameter (URL-encoded) matches {@code prefixRegex}. */
    private long listings(String prefixRegex) {
        return listingsOf(prefixRegex).count();
    }

    /** The ones among those that list a directory level ({@code delimiter=/}), not "is anything below". */
    private long directoryListings(String prefixRegex) {
        return listingsOf(prefixRegex).filter(e -> e.target().contains("delimiter=")).count();
    }

    private Stream<Exchange> listingsOf(String prefixRegex) {
        RequestMatch listing = RequestMatch.listing(bucket);
        var prefix = java.util.regex.Pattern.compile("[?&]prefix=" + prefixRegex);
        return proxy.exchanges().stream().filter(e -> listing.matches(e.method(), e.target()))
                .filter(e -> prefix.matcher(e.target()).find());
    }

    private long lastSequence() {
        List<Exchange> all = proxy.exchanges();
        return all.isEmpty() ? -1 : all.get(all.size() - 1).sequence();
    }
}
