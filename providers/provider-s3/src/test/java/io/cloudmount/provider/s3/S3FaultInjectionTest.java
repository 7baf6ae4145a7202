package io.cloudmount.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cloudmount.provider.ListPage;
import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.OpenMode;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.UploadOptions;
import io.cloudmount.provider.s3.testing.Exchange;
import io.cloudmount.provider.s3.testing.Fault;
import io.cloudmount.provider.s3.testing.FaultyS3Proxy;
import io.cloudmount.provider.s3.testing.RequestMatch;
import io.cloudmount.provider.s3.testing.S3ServerExtension;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Faults injected between the provider and a real S3 server by {@link FaultyS3Proxy}: what the SDK
 * retries (the proxy counts the attempts), what reaches the user as which {@link ProviderException},
 * and that no fault ever loses an upload or passes wrong bytes off as a successful read.
 */
class S3FaultInjectionTest {
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    private static final int ATTEMPTS = 3;
    /** DeleteObjects requests. */
    private static final RequestMatch BATCH_DELETES = RequestMatch.of("POST", "[?&]delete");

    @TempDir
    Path scratch;

    private FaultyS3Proxy proxy;
    private String bucket;
    private S3StorageProvider provider;

    @BeforeEach
    void startProxy() throws Exception {
        proxy = FaultyS3Proxy.inFrontOf(S3.server());
        bucket = S3.server().createBucket();
        provider = providerWith(UnaryOperator.identity());
    }

    @AfterEach
    void stop() {
        provider.close();
        proxy.close();
    }

    // Uploads: nothing lost.

    @Test
    void aSlowDownOnUploadIsRetriedAndTheObjectLandsIntact() throws Exception {
        byte[] content = randomBytes(300_000, 1);
        RequestMatch puts = RequestMatch.object("PUT", bucket, "f.bin");
        proxy.inject(puts, 1, Fault.slowDown());

        provider.upload("/f.bin", localFile(content), UploadOptions.modifiedAt(Instant.EPOCH));

        assertThat(stored("f.bin")).isEqualTo(content);
        assertThat(proxy.exchanges(puts)).extracting(Exchange::faulted).containsExactly(true, false);
    }

    @Test
    void anUploadWhoseResponseIsLostIsRetriedAndLandsIntact() throws Exception {
        byte[] content = randomBytes(200_000, 2);
        RequestMatch puts = RequestMatch.object("PUT", bucket, "f.bin");
        proxy.inject(puts, 1, Fault.resetBeforeResponse());

        provider.upload("/f.bin", localFile(content), UploadOptions.modifiedAt(Instant.EPOCH));

        assertThat(stored("f.bin")).isEqualTo(content);
        assertThat(proxy.count(puts)).isEqualTo(2);
    }

    @Test
    void aMultipartUploadWhoseCompletionAnswerIsLostStillSucceeds() throws Exception {
        long part = useSmallestParts();
        byte[] content = randomBytes((int) (2 * part + 12_345), 4);
        // The server completes the upload; the answer never arrives, so the SDK sends the completion again.
        RequestMatch complete = RequestMatch.of("POST", "^/" + bucket + "/big\\.bin\\?(.*&)?uploadId=");
        proxy.inject(complete, 1, Fault.resetBeforeResponse());

        provider.upload("/big.bin", localFile(content), UploadOptions.modifiedAt(Instant.EPOCH));

        assertThat(stored("big.bin")).isEqualTo(content);
        assertThat(proxy.count(complete)).isEqualTo(2);
    }

    @Test
    void aThrottledPartOfAMultipartUploadIsRetriedAndTheObjectIsIntact() throws Exception {
        long part = useSmallestParts();
        byte[] content = randomBytes((int) (2 * part + 12_345), 3);
        RequestMatch secondPart = RequestMatch.of("PUT", "^/" + bucket + "/big\\.bin\\?(.*&)?partNumber=2(&|$)");
        proxy.inject(secondPart, 2, Fault.slowDown());

        provider.upload("/big.bin", localFile(content), UploadOptions.modifiedAt(Instant.EPOCH));

        assertThat(stored("big.bin")).isEqualTo(content);
        assertThat(proxy.count(secondPart)).isEqualTo(3);
    }

    @Test
    void anUploadThrottledOnEveryAttemptFailsAsUnavailableAndStoresNothing() throws Exception {
        RequestMatch puts = RequestMatch.object("PUT", bucket, "f.bin");
        proxy.inject(puts, 100, Fault.slowDown());

        var failure = catchThrowableOfType(() -> provider.upload("/f.bin", localFile(randomBytes(1000, 4)),
                UploadOptions.modifiedAt(Instant.EPOCH)), ProviderException.Unavailable.class);

        assertThat(failure).isNotNull();
        assertThat(failure.isRetryable()).isTrue();
        assertThat(proxy.count(puts)).isEqualTo(ATTEMPTS);
        assertThat(catchThrowableOfType(() -> stored("f.bin"), NoSuchKeyException.class)).isNotNull();
    }

    // Reads: never wrong bytes.

    @Test
    void aResetBeforeTheReadResponseIsRetriedByTheSdk() throws Exception {
        byte[] content = storeDirectly("f.bin", 100_000, 5);
        RequestMatch gets = RequestMatch.object("GET", bucket, "f.bin");
        try (ObjectHandle handle = provider.open("/f.bin", OpenMode.READ)) {
            proxy.inject(gets, 1, Fault.resetBeforeResponse());

            assertThat(read(handle, 4096, 50_000)).isEqualTo(Arrays.copyOfRange(content, 4096, 54_096));
        }
        assertThat(proxy.count(gets)).isEqualTo(2);
    }

    @Test
    void aResetInTheMiddleOfARangedReadFailsAsUnavailableAndAReadAfterwardsIsCorrect() throws Exception {
        byte[] content = storeDirectly("f.bin", 100_000, 6);
        RequestMatch gets = RequestMatch.object("GET", bucket, "f.bin");
        try (ObjectHandle handle = provider.open("/f.bin", OpenMode.READ)) {
            proxy.inject(gets, 1, Fault.resetAfterBodyBytes(1000));

            var failure = catchThrowableOfType(() -> read(handle, 4096, 50_000), ProviderException.Unavailable.class);

            assertThat(failure).as("the read fails instead of returning 1000 of 50000 bytes").isNotNull();
            assertThat(failure.isRetryable()).isTrue();
            assertThat(proxy.count(gets)).as("the SDK does not retry once the body streams").isEqualTo(1);
            assertThat(read(handle, 4096, 50_000)).isEqualTo(Arrays.copyOfRange(content, 4096, 54_096));
        }
    }

    @Test
    void aTruncatedReadBodyFailsAsUnavailableInsteadOfReturningShortOrWrongBytes() throws Exception {
        storeDirectly("f.bin", 100_000, 7);
        RequestMatch gets = RequestMatch.object("GET", bucket, "f.bin");
        try (ObjectHandle handle = provider.open("/f.bin", OpenMode.READ)) {
            proxy.inject(gets, 1, Fault.truncateBodyAt(30_000));
            proxy.inject(gets, 1, Fault.truncateBodyAt(0));

            assertThat(catchThrowableOfType(() -> read(handle, 0, 60_000), ProviderException.Unavailable.class)).isNotNull();
            assertThat(catchThrowableOfType(() -> read(handle, 0, 60_000), ProviderException.Unavailable.class)).isNotNull();
        }
        assertThat(proxy.count(gets)).isEqualTo(2);
    }

    @Test
    void aSlowDownOnStatIsRetried() throws Exception {
        storeDirectly("f.bin", 10, 8);
        RequestMatch heads = RequestMatch.object("HEAD", bucket, "f.bin");
        proxy.inject(heads, 1, Fault.slowDown());

        ObjectInfo info = provider.stat("/f.bin");

        assertThat(info.size()).isEqualTo(10);
        assertThat(proxy.count(heads)).isEqualTo(2);
    }

    // Listings.

    @Test
    void internalErrorsOnListingAreRetriedUntilOneSucceeds() throws Exception {
        storeDirectly("a.txt", 1, 9);
        RequestMatch listings = RequestMatch.listing(bucket);
        proxy.inject(listings, ATTEMPTS - 1, Fault.internalError());

        ListPage page = provider.list("/", null);

        assertThat(page.entries()).extracting(ObjectInfo::name).containsExactly("a.txt");
        assertThat(proxy.count(listings)).isEqualTo(ATTEMPTS);
    }

    @Test
    void anInternalErrorOnEveryListingAttemptFailsAsUnavailable() {
        RequestMatch listings = RequestMatch.listing(bucket);
        proxy.inject(listings, 100, Fault.internalError());

        var failure = catchThrowableOfType(() -> provider.list("/", null), ProviderException.Unavailable.class);

        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains("InternalError", "500");
        assertThat(proxy.count(listings)).isEqualTo(ATTEMPTS);
    }

    /**
     * Unlike a broken connection before the answer, a listing cut inside its (chunked) XML body is not
     * retried: the SDK reports an XML parse error whose cause is not an {@code IOException} its retry
     * condition recognizes. The provider still calls it what it is, a retryable network failure.
     */
    @Test
    void aTruncatedListingFailsAsUnavailableAndTheNextListingWorks() throws Exception {
        storeDirectly("a.txt", 1, 10);
        RequestMatch listings = RequestMatch.listing(bucket);
        proxy.inject(listings, 1, Fault.truncateBodyAt(20));

        var failure = catchThrowableOfType(() -> provider.list("/", null), ProviderException.Unavailable.class);

        assertThat(failure).isNotNull();
        assertThat(proxy.count(listings)).isEqualTo(1);
        assertThat(provider.list("/", null).entries()).extracting(ObjectInfo::name).containsExactly("a.txt");
    }

    // Folder renames: the old keys go, however the server deletes.

    @Test
    void aFolderRenameOnAServerWithoutDeleteObjectsDeletesTheOldKeysOneByOne() throws Exception {
        storeDirectly("d/a", 10, 13);
        storeDirectly("d/b", 10, 14);
        proxy.inject(BATCH_DELETES, 100, Fault.notImplemented());

        provider.rename("/d", "/e", false);

        assertThat(keysInBucket()).containsExactlyInAnyOrder("e/a", "e/b");
        assertThat(proxy.count(RequestMatch.method("DELETE"))).isEqualTo(2);

        provider.rename("/e", "/f", false);

        assertThat(keysInBucket()).containsExactlyInAnyOrder("f/a", "f/b");
        assertThat(proxy.count(BATCH_DELETES)).as("asked once, then known").isEqualTo(1);
    }

    @Test
    void keysADeleteBatchRefusesForNowAreDeletedOnASecondTry() throws Exception {
        storeDirectly("d/a", 10, 15);
        storeDirectly("d/b", 10, 16);
        // The server takes the request and refuses each key (AWS does so when it sheds load).
        proxy.inject(BATCH_DELETES, 1, Fault.reply(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Error><Key>d/a</Key><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"
                + "<Error><Key>d/b</Key><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>"
                + "</DeleteResult>"));

        provider.rename("/d", "/e", false);

        assertThat(keysInBucket()).containsExactlyInAnyOrder("e/a", "e/b");
        assertThat(proxy.count(BATCH_DELETES)).isEqualTo(2);
    }

    // Slow answers.

    @Test
    void aSlowAnswerWithinTheReadTimeoutSucceedsWithoutRetry() throws Exception {
        byte[] content = storeDirectly("f.bin", 5000, 11);
        RequestMatch gets = RequestMatch.object("GET", bucket, "f.bin");
        try (ObjectHandle handle = provider.open("/f.bin", OpenMode.READ)) {
            proxy.inject(gets, 1, Fault.delay(Duration.ofMillis(300)));

            assertThat(read(handle, 0, 5000)).isEqualTo(content);
        }
        assertThat(proxy.count(gets)).isEqualTo(1);
    }

    @Test
    void answersSlowerThanTheReadTimeoutFailAsUnavailableAfterEveryAttempt() throws Exception {
        provider.close();
        provider = providerWith(s -> s.readTimeout(Duration.ofMillis(400)));
        storeDirectly("f.bin", 5000, 12);
        RequestMatch gets = RequestMatch.object("GET", bucket, "f.bin");
        try (ObjectHandle handle = provider.open("/f.bin", OpenMode.READ)) {
            proxy.inject(gets, 100, Fault.delay(Duration.ofSeconds(60)));

            var failure = catchThrowableOfType(() -> read(handle, 0, 5000), ProviderException.Unavailable.class);

            assertThat(failure).isNotNull();
            assertThat(failure.getMessage()).contains("in time");
        }
        assertThat(proxy.count(gets)).isEqualTo(ATTEMPTS);
    }

    // Servers written in Go.

    @Test
    void theStoredTimeIsReadAndReplacedWhenTheServerSendsItsHeaderNamesInGoCase() throws Exception {
        Instant stored = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);
        S3.server().admin().putObject(b -> b.bucket(bucket).key("by-minio.txt")
                .metadata(java.util.Map.of("mtime", MtimeMetadata.format(stored))), RequestBody.fromBytes(new byte[] {1, 2}));
        proxy.inject(RequestMatch.any(), Integer.MAX_VALUE, Fault.goHeaderCase()); // X-Amz-Meta-Mtime, as MinIO sends it

        assertThat(provider.stat("/by-minio.txt").modified()).isEqualTo(stored);

        Instant touched = Instant.ofEpochSecond(1_800_000_000L);
        provider.setModifiedTime("/by-minio.txt", touched);
        proxy.clearFaults();
        assertThat(S3.server().admin().headObject(b -> b.bucket(bucket).key("by-minio.txt")).metadata())
                .as("one mtime, the new one").containsOnly(java.util.Map.entry("mtime", MtimeMetadata.format(touched)));
        assertThat(provider.stat("/by-minio.txt").modified()).isEqualTo(touched);
    }

    private S3StorageProvider providerWith(UnaryOperator<S3Settings.Builder> settings) {
        return new S3StorageProvider(settings.apply(S3.server().settings(bucket)
                .endpoint(proxy.endpoint())
                .maxAttempts(ATTEMPTS)
                .modTimesInListings(false)).build());
    }

    /** Reads {@code length} bytes at {@code position} in one call, as the engine does; only a full buffer counts. */
    private static byte[] read(ObjectHandle handle, long position, int length) throws ProviderException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        int n = handle.read(position, buffer);
        assertThat(n).as("bytes a successful read returned").isEqualTo(length);
        return buffer.array();
    }

    /** Writes an object past the proxy, as another tool would. */
    private byte[] storeDirectly(String key, int size, int seed) {
        byte[] content = randomBytes(size, seed);
        S3.server().admin().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
        return content;
    }

    /** Every key in the bucket, listed past the proxy. */
    private List<String> keysInBucket() {
        return S3.server().admin().listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    /** What the server holds, read past the proxy. */
    private byte[] stored(String key) {
        return S3.server().admin().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    private Path localFile(byte[] content) throws Exception {
        return Files.write(Files.createTempFile(scratch, "upload", ".bin"), content);
    }

    private static byte[] randomBytes(int size, int seed) {
        byte[] bytes = new byte[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    /** Reopens the provider with parts of the smallest size S3 allows; returns that size. */
    private long useSmallestParts() throws Exception {
        provider.close();
        long part = S3TransferSettings.MIN_PART_SIZE;
        provider = providerWith(s -> s.transfer(new S3TransferSettings(part, part, part, part, 2)));
        return part;
    }
}
