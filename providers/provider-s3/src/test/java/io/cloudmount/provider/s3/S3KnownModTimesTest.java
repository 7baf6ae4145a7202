package io.cloudmount.provider.s3;

import io.cloudmount.provider.Capability;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.UploadOptions;
import io.cloudmount.provider.s3.testing.FaultyS3Proxy;
import io.cloudmount.provider.s3.testing.RequestMatch;
import io.cloudmount.provider.s3.testing.S3ServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Listing a directory again HEADs only the files that changed since a HEAD last showed them. */
class S3KnownModTimesTest {
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();
    private static final Instant TIME_A = Instant.parse("2024-01-02T03:04:05.5Z");
    private static final Instant TIME_B = Instant.parse("2024-05-06T07:08:09.25Z");

    @TempDir
    Path temp;
    private FaultyS3Proxy proxy;
    private String bucket;

    @BeforeEach
    void start() throws Exception {
        proxy = FaultyS3Proxy.inFrontOf(S3.server());
        bucket = S3.server().createBucket();
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    @Test
    void listingAgainHeadsOnlyTheFileThatChanged() throws Exception {
        // Trusts answers given in the very second of a write, which only a test without a second
        // writer may do: the objects here are seconds old at most.
        try (var provider = provider(new KnownModTimes(Duration.ofSeconds(-1)))) {
            upload(provider, "/a", "alpha", TIME_A);
            upload(provider, "/b", "beta", TIME_A);
            assertThat(times(provider)).containsEntry("a", TIME_A).containsEntry("b", TIME_A);
            int heads = heads();

            assertThat(times(provider)).containsEntry("a", TIME_A).containsEntry("b", TIME_A);
            assertThat(heads()).isEqualTo(heads);

            // Another client rewrites b.
            S3.server().admin().putObject(r -> r.bucket(bucket).key("b")
                    .metadata(Map.of(MtimeMetadata.KEY, MtimeMetadata.format(TIME_B))), RequestBody.fromString("beta 2"));
            assertThat(times(provider)).containsEntry("a", TIME_A).containsEntry("b", TIME_B);
            assertThat(heads()).isEqualTo(heads + 1);
        }
    }

    @Test
    void aRemountListsWhatThisDriveWroteWithoutHeads() throws Exception {
        var settings = S3.server().settings(bucket).endpoint(proxy.endpoint())
                .modTimesFile(temp.resolve("cache/s3-modtimes")).build();
        try (var provider = new S3StorageProvider(settings)) {
            upload(provider, "/a", "alpha", TIME_A);
            upload(provider, "/b", "beta", TIME_A);
            provider.setModifiedTime("/b", TIME_B);
            provider.createFile("/empty", false);
        }
        Instant created = MtimeMetadata.parse(S3.server().admin().headObject(r -> r.bucket(bucket).key("empty"))
                .metadata());
        int heads = heads();

        try (var remounted = new S3StorageProvider(settings)) {
            assertThat(times(remounted)).containsEntry("a", TIME_A).containsEntry("b", TIME_B)
                    .containsEntry("empty", created);
        }
        assertThat(heads()).isEqualTo(heads);
    }

    @Test
    void aFileCopiedOntoOneThisDriveWroteShowsTheCopiedTime() throws Exception {
        var known = new KnownModTimes(KnownModTimes.SETTLE);
        try (var provider = provider(known)) {
            // Same content, so the same ETag.
            upload(provider, "/a", "same", TIME_A);
            upload(provider, "/b", "same", TIME_B);
            // As if the server's answer to b's upload came late (or its clock runs ahead): the copy's
            // LastModified then falls within what that answer allows, as it does within its second.
            String etag = S3.server().admin().headObject(r -> r.bucket(bucket).key("b")).eTag();
            known.wrote("b", new StoredVersion(etag, Instant.now().plusSeconds(3600)), TIME_B);

            provider.rename("/a", "/b", true);

            assertThat(times(provider)).containsOnlyKeys("b").containsEntry("b", TIME_A);
        }
    }

    @Test
    void aTimeChangedRightAfterAHeadIsSeenAtTheNextListing() throws Exception {
        try (var provider = provider(new KnownModTimes(KnownModTimes.SETTLE))) {
            upload(provider, "/a", "alpha", TIME_A);
            assertThat(times(provider)).containsEntry("a", TIME_A);

            // Same content, so same ETag; LastModified likely in the same second as the first write.
            provider.setModifiedTime("/a", TIME_B);

            assertThat(times(provider)).containsEntry("a", TIME_B);
        }
    }

    @Test
    void aRemountWithTheSameCacheListsWithoutHeads() throws Exception {
        var settings = S3.server().settings(bucket).endpoint(proxy.endpoint())
                .modTimesFile(temp.resolve("cache/s3-modtimes")).build();
        // As above, trusting answers given right after the write.
        try (var provider = new S3StorageProvider(settings, KnownModTimes.load(settings.modTimesFile(),
                settings.storeName(), Duration.ofSeconds(-1)))) {
            upload(provider, "/a", "alpha", TIME_A);
            upload(provider, "/b", "beta", TIME_B);
            times(provider);
        }
        int heads = heads();

        try (var remounted = new S3StorageProvider(settings, KnownModTimes.load(settings.modTimesFile(),
                settings.storeName(), Duration.ofSeconds(-1)))) {
            assertThat(times(remounted)).containsEntry("a", TIME_A).containsEntry("b", TIME_B);
        }
        assertThat(heads()).isEqualTo(heads);
    }

    @Test
    void theSameBucketMountedThroughAnotherEndpointListsWithoutHeads() throws Exception {
        Path file = temp.resolve("cache/s3-modtimes");
        var direct = S3.server().settings(bucket).modTimesFile(file).build();
        try (var provider = new S3StorageProvider(direct, KnownModTimes.load(file, direct.storeName(),
                Duration.ofSeconds(-1)))) {
            upload(provider, "/a", "alpha", TIME_A);
            times(provider);
        }

        var viaProxy = S3.server().settings(bucket).endpoint(proxy.endpoint()).modTimesFile(file).build();
        try (var remounted = new S3StorageProvider(viaProxy)) {
            assertThat(times(remounted)).containsEntry("a", TIME_A);
        }
        assertThat(heads()).isZero();
    }

    @Test
    void aDriveShowingServerTimesNeitherReadsNorWritesTheFile() throws Exception {
        Path file = temp.resolve("cache/s3-modtimes");
        var settings = S3.server().settings(bucket).endpoint(proxy.endpoint()).modTimesFile(file)
                .modTimesInListings(false).build();
        try (var provider = new S3StorageProvider(settings)) {
            upload(provider, "/a", "alpha", TIME_A);
            times(provider);
        }

        assertThat(file).doesNotExist();
        assertThat(heads()).isZero();
        try (var provider = new S3StorageProvider(settings)) {
            assertThat(provider.capabilities().has(Capability.STAT_CHEAPER_THAN_LISTING))
                    .as("a listing costs a request per 1000 files: listing first is cheaper").isFalse();
        }
    }

    @Test
    void namesAreListedWithoutAHeadPerFile() throws Exception {
        try (var provider = provider(new KnownModTimes(KnownModTimes.SETTLE))) {
            upload(provider, "/a", "alpha", TIME_A);
            upload(provider, "/b", "beta", TIME_B);
            int heads = heads();

            assertThat(provider.listNames("/", null).entries()).extracting(ObjectInfo::name, ObjectInfo::size)
                    .containsExactly(tuple("a", 5L), tuple("b", 4L));

            assertThat(heads()).isEqualTo(heads);
            assertThat(provider.capabilities().has(Capability.STAT_CHEAPER_THAN_LISTING))
                    .as("a listing with stored times costs a HEAD per file, a stat does not").isTrue();
        }
    }

    private S3StorageProvider provider(KnownModTimes known) {
        return new S3StorageProvider(S3.server().settings(bucket).endpoint(proxy.endpoint()).build(), known);
    }

    private void upload(S3StorageProvider provider, String path, String text, Instant modified) throws Exception {
        Path file = Files.writeString(temp.resolve("upload"), text);
        provider.upload(path, file, new UploadOptions(modified, sent -> { }));
    }

    private static Map<String, Instant> times(S3StorageProvider provider) throws Exception {
        return provider.list("/", null).entries().stream().collect(Collectors.toMap(ObjectInfo::name, ObjectInfo::modified));
    }

    private int heads() {
        return proxy.count(RequestMatch.method("HEAD"));
    }
}
