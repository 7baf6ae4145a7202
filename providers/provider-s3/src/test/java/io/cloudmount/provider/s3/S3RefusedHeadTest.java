package io.cloudmount.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.s3.testing.Fault;
import io.cloudmount.provider.s3.testing.FaultyS3Proxy;
import io.cloudmount.provider.s3.testing.RequestMatch;
import io.cloudmount.provider.s3.testing.S3ServerExtension;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Entries the credentials may list but not HEAD: AWS's "home folder" IAM policy lets a user list
 * the bucket and read only {@code home/alice/*}, so a HEAD of {@code home/bob/} is 403 AccessDenied;
 * an SSE-C object HEADed without its key answers 400. Listings and a folder's stat show such
 * entries as the LIST shows them instead of failing whole. Failures of the server or the network
 * on those HEADs still fail the listing, as before.
 */
class S3RefusedHeadTest {
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    private static final int ATTEMPTS = 3;
    private static final Instant ALICE_TIME = Instant.ofEpochSecond(1_700_000_000L);

    private FaultyS3Proxy proxy;
    private String bucket;
    private S3StorageProvider provider;

    @BeforeEach
    void startProxyAndHomeFolders() throws Exception {
        proxy = FaultyS3Proxy.inFrontOf(S3.server());
        bucket = S3.server().createBucket();
        provider = new S3StorageProvider(S3.server().settings(bucket)
                .endpoint(proxy.endpoint())
                .maxAttempts(ATTEMPTS)
                .modTimesInListings(true) // the HEAD per entry this is about
                .build());

        putDirectly("home/", 0, null);
        putDirectly("home/alice/", 0, null);
        putDirectly("home/alice/notes.txt", 3, ALICE_TIME);
        putDirectly("home/bob/", 0, null);
        putDirectly("home/bob/diary.txt", 4, null);
        putDirectly("home/shared.txt", 5, ALICE_TIME);
        putDirectly("home/bob-only.bin", 7, null);
    }

    @AfterEach
    void stop() {
        provider.close();
        proxy.close();
    }

    @Test
    void aFileAndAFolderWhoseHeadIsAccessDeniedAreListedAsTheListingShowsThem() throws Exception {
        RequestMatch bobsMarker = RequestMatch.object("HEAD", bucket, "home/bob/");
        RequestMatch bobsFile = RequestMatch.object("HEAD", bucket, "home/bob-only.bin");
        proxy.inject(bobsMarker, Integer.MAX_VALUE, new Fault.Status(403, "AccessDenied"));
        proxy.inject(bobsFile, Integer.MAX_VALUE, new Fault.Status(403, "AccessDenied"));

        var entries = provider.list("/home", null).entries();

        assertThat(entries).extracting(ObjectInfo::name, ObjectInfo::isDirectory, ObjectInfo::size).containsExactly(
                tuple("alice", true, 0L),
                tuple("bob-only.bin", false, 7L), // key order: "bob-" before "bob/"
                tuple("bob", true, 0L),
                tuple("shared.txt", false, 5L));
        assertThat(entry(entries, "bob").modified()).as("the marker's LastModified, as listed")
                .isEqualTo(listedLastModified("home/bob/"));
        assertThat(entry(entries, "bob-only.bin").modified()).as("the listing's LastModified")
                .isEqualTo(listedLastModified("home/bob-only.bin"));
        assertThat(entry(entries, "shared.txt").modified()).as("the stored mtime, read by its HEAD")
                .isEqualTo(ALICE_TIME);
        assertThat(proxy.count(bobsMarker)).as("HEADs of bob's marker refused").isPositive();
        assertThat(proxy.count(bobsFile)).as("HEADs of bob's file refused").isPositive();
    }

    @Test
    void theStatOfAFolderWhoseMarkerIsAccessDeniedShowsTheMarkersListedTime() throws Exception {
        RequestMatch bobsMarker = RequestMatch.object("HEAD", bucket, "home/bob/");
        proxy.inject(bobsMarker, Integer.MAX_VALUE, new Fault.Status(403, "AccessDenied"));

        ObjectInfo bob = provider.stat("/home/bob");

        assertThat(bob.isDirectory()).isTrue();
        assertThat(bob.modified()).isEqualTo(listedLastModified("home/bob/"));
        assertThat(proxy.count(bobsMarker)).isPositive();
    }

    @Test
    void theRootListsAFolderWhoseMarkerIsAccessDenied() throws Exception {
        proxy.inject(RequestMatch.object("HEAD", bucket, "home/"), Integer.MAX_VALUE, new Fault.Status(403, "AccessDenied"));

        assertThat(provider.list("/", null).entries()).extracting(ObjectInfo::name, ObjectInfo::isDirectory)
                .containsExactly(tuple("home", true));
        assertThat(provider.stat("/home").isDirectory()).isTrue();
    }

    @Test
    void aFileWhoseHeadIsABadRequestIsListedWithItsListedSize() throws Exception {
        // What S3 answers to a HEAD without the key of an object encrypted with SSE-C.
        proxy.inject(RequestMatch.object("HEAD", bucket, "home/bob-only.bin"), Integer.MAX_VALUE,
                new Fault.Status(400, "InvalidRequest"));

        var entries = provider.list("/home", null).entries();

        assertThat(entry(entries, "bob-only.bin").size()).isEqualTo(7);
        assertThat(entry(entries, "bob-only.bin").modified()).isEqualTo(listedLastModified("home/bob-only.bin"));
        assertThat(entry(entries, "shared.txt").modified()).isEqualTo(ALICE_TIME);
    }

    @Test
    void aHeadThatKeepsMeetingAServerErrorStillFailsTheListingAsUnavailable() {
        RequestMatch heads = RequestMatch.object("HEAD", bucket, "home/bob-only.bin");
        proxy.inject(heads, Integer.MAX_VALUE, Fault.slowDown());

        var failure = catchThrowableOfType(() -> provider.list("/home", null), ProviderException.Unavailable.class);

        assertThat(failure).isNotNull();
        assertThat(failure.isRetryable()).isTrue();
        assertThat(proxy.count(heads)).isEqualTo(ATTEMPTS);
    }

    @Test
    void aFolderMarkerThatKeepsMeetingAServerErrorStillFailsItsStat() {
        proxy.inject(RequestMatch.object("HEAD", bucket, "home/bob/"), Integer.MAX_VALUE, Fault.internalError());

        assertThat(catchThrowableOfType(() -> provider.stat("/home/bob"), ProviderException.Unavailable.class)).isNotNull();
    }

    private static ObjectInfo entry(Iterable<ObjectInfo> entries, String name) {
        for (ObjectInfo e : entries) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no entry " + name + " in " + entries);
    }

    /** The LastModified a LIST shows for {@code key}, read past the proxy. */
    private Instant listedLastModified(String key) {
        return S3.server().admin().listObjectsV2(b -> b.bucket(bucket).prefix(key)).contents().stream()
                .filter(o -> o.key().equals(key)).map(S3Object::lastModified).findFirst().orElseThrow();
    }

    /** Writes an object past the proxy, as another tool would; with a stored mtime if {@code mtime} is set. */
    private void putDirectly(String key, int size, Instant mtime) {
        S3.server().admin().putObject(b -> {
            b.bucket(bucket).key(key);
            if (mtime != null) {
                b.metadata(Map.of("mtime", MtimeMetadata.format(mtime)));
            }
        }, RequestBody.fromBytes(new byte[size]));
    }
}
