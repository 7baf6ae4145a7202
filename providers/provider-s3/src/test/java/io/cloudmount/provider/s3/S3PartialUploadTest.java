package io.cloudmount.provider.s3;

import static io.cloudmount.provider.s3.S3TransferSettings.MIN_PART_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.cloudmount.provider.Capability;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.UploadOptions;
import io.cloudmount.provider.s3.testing.Exchange;
import io.cloudmount.provider.s3.testing.Fault;
import io.cloudmount.provider.s3.testing.FaultyS3Proxy;
import io.cloudmount.provider.s3.testing.RequestMatch;
import io.cloudmount.provider.s3.testing.S3ServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@link S3StorageProvider#uploadChanged} against a real S3 server, with 5 MiB parts. The provider talks
 * through a {@link FaultyS3Proxy} that only counts (and, in one test, delays), so each test can tell the
 * parts sent ({@code UploadPart}) from those copied on the server ({@code UploadPartCopy}, which carries
 * {@code x-amz-copy-source}) and add up the bytes that really left this machine. Base objects are
 * written past the proxy, as another tool would.
 */
class S3PartialUploadTest {
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    private static final long P = MIN_PART_SIZE;
    private static final S3TransferSettings SMALL_PARTS = new S3TransferSettings(P, P, P, P, 3);
    private static final Instant MODIFIED = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);
    private static final Pattern PART_NUMBER = Pattern.compile("[?&]partNumber=(\\d+)");

    @TempDir
    Path scratch;

    private FaultyS3Proxy proxy;
    private String bucket;
    private S3StorageProvider provider;
    private final AtomicLong progress = new AtomicLong();

    @BeforeEach
    void start() throws Exception {
        proxy = FaultyS3Proxy.inFrontOf(S3.server());
        bucket = S3.server().createBucket();
        provider = new S3StorageProvider(S3.server().settings(bucket).endpoint(proxy.endpoint()).transfer(SMALL_PARTS).build());
    }

    @AfterEach
    void stop() {
        provider.close();
        proxy.close();
    }

    @Test
    void declaresTheCapability() {
        assertThat(provider.capabilities().has(Capability.PARTIAL_UPLOAD)).isTrue();
    }

    @Test
    void oneChangedByteInTheMiddlePartSendsOnlyThatPart() throws Exception {
        byte[] base = randomBytes((int) (3 * P - 1000), 1);
        String etag = storeDirectly("big.bin", base);
        byte[] local = base.clone();
        long changedAt = P + 12_345;
        local[(int) changedAt] ^= 0x5a;

        ObjectInfo info = provider.uploadChanged("/big.bin", localFile(local), List.of(new long[] {changedAt, changedAt + 1}),
                etag, options());

        assertThat(stored("big.bin")).isEqualTo(local);
        assertThat(sentParts()).containsExactly(2);
        assertThat(copiedParts()).containsExactlyInAnyOrder(1, 3);
        assertThat(bytesSent()).as("one 5 MiB part of a 15 MiB object").isEqualTo(P);
        assertThat(copyPreconditions()).containsOnly(etag);
        assertThat(progress.get()).as("sent plus copied").isEqualTo(local.length);
        assertThat(info.size()).isEqualTo(local.length);
        assertThat(info.etag()).endsWith("-3\"").isEqualTo(provider.stat("/big.bin").etag());
        assertThat(provider.stat("/big.bin").modified()).isEqualTo(MODIFIED);
    }

    @Test
    void aGrownFileCopiesTheOldPartsAndSendsTheNewTail() throws Exception {
        byte[] base = randomBytes((int) (2 * P + 100), 2);
        String etag = storeDirectly("grown.bin", base);
        byte[] local = Arrays.copyOf(base, (int) (3 * P + 500));
        System.arraycopy(randomBytes(local.length - base.length, 3), 0, local, base.length, local.length - base.length);

        provider.uploadChanged("/grown.bin", localFile(local), List.of(new long[] {base.length, local.length}), etag, options());

        assertThat(stored("grown.bin")).isEqualTo(local);
        assertThat(copiedParts()).containsExactlyInAnyOrder(1, 2);
        assertThat(sentParts()).as("the part across the old end, and the new last one").containsExactlyInAnyOrder(3, 4);
        assertThat(bytesSent()).isEqualTo(P + 500);
        assertThat(progress.get()).isEqualTo(local.length);
    }

    @Test
    void aTruncatedFileIsCopiedWholeFromTheOldPrefix() throws Exception {
        byte[] base = randomBytes((int) (3 * P + 10), 4);
        String etag = storeDirectly("cut.bin", base);
        byte[] local = Arrays.copyOf(base, (int) (2 * P + 7));

        ObjectInfo info = provider.uploadChanged("/cut.bin", localFile(local), List.of(), etag, options());

        assertThat(stored("cut.bin")).isEqualTo(local);
        assertThat(copiedParts()).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(sentParts()).isEmpty();
        assertThat(bytesSent()).isZero();
        assertThat(info.size()).isEqualTo(local.length);
    }

    @Test
    void anObjectReplacedBeforehandIsAConflictAndStaysAsItIs() throws Exception {
        byte[] base = randomBytes((int) (2 * P + 1), 5);
        String etag = storeDirectly("f.bin", base);
        byte[] replacement = randomBytes(base.length, 6);
        storeDirectly("f.bin", replacement);

        assertThatThrownBy(() -> provider.uploadChanged("/f.bin", localFile(base), List.of(new long[] {0, 1}), etag, options()))
                .isInstanceOf(ProviderException.Conflict.class);

        assertThat(stored("f.bin")).isEqualTo(replacement);
        assertThat(proxy.count(RequestMatch.of("POST", "[?&]uploads"))).as("no multipart upload started").isZero();
    }

    /**
     * The replacement lands after the provider's HEAD saw the base ETag, while the start of the
     * multipart upload is held back by the proxy: only {@code x-amz-copy-source-if-match} can notice.
     */
    @Test
    void anObjectReplacedDuringTheUploadFailsTheCopiesAsAConflictAndTheUploadIsAborted() throws Exception {
        byte[] base = randomBytes((int) (3 * P), 7);
        String etag = storeDirectly("race.bin", base);
        byte[] local = base.clone();
        local[0] ^= 1;
        Path file = localFile(local);
        RequestMatch starts = RequestMatch.of("POST", "^/" + bucket + "/race\\.bin\\?(.*&)?uploads");
        proxy.inject(starts, 1, Fault.delay(Duration.ofSeconds(4)));
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<ObjectInfo> upload = caller.submit(
                    () -> provider.uploadChanged("/race.bin", file, List.of(new long[] {0, 1}), etag, options()));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> proxy.count(starts) == 1);
            byte[] replacement = randomBytes(base.length, 8);
            storeDirectly("race.bin", replacement);

            Throwable failure = catchThrowable(() -> upload.get(60, TimeUnit.SECONDS));

            assertThat(failure).hasCauseInstanceOf(ProviderException.Conflict.class);
            assertThat(stored("race.bin")).isEqualTo(replacement);
            assertThat(copiedParts()).isNotEmpty();
            assertThat(proxy.count(RequestMatch.of("DELETE", "^/" + bucket + "/race\\.bin\\?(.*&)?uploadId="))).isEqualTo(1);
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void aSmallFileIsUploadedWholeAfterCheckingTheBase() throws Exception {
        byte[] base = randomBytes(300_000, 9);
        String etag = storeDirectly("small.bin", base);
        byte[] local = base.clone();
        local[1000] ^= 1;

        ObjectInfo info = provider.uploadChanged("/small.bin", localFile(local), List.of(new long[] {1000, 1001}), etag, options());

        assertThat(stored("small.bin")).isEqualTo(local);
        assertThat(info.etag()).doesNotContain("-");
        assertThat(proxy.count(RequestMatch.of("POST", "[?&]uploads"))).isZero();
        assertThat(provider.stat("/small.bin").modified()).isEqualTo(MODIFIED);
        assertThat(progress.get()).isEqualTo(local.length);

        assertThatThrownBy(() -> provider.uploadChanged("/small.bin", localFile(base), List.of(), etag, options()))
                .as("the base is gone now").isInstanceOf(ProviderException.Conflict.class);
    }

    @Test
    void whenEveryPartChangedNothingIsCopied() throws Exception {
        byte[] base = randomBytes((int) (2 * P + 10), 10);
        String etag = storeDirectly("all.bin", base);
        byte[] local = base.clone();
        local[0] ^= 1;
        local[(int) P] ^= 1;
        local[(int) (2 * P)] ^= 1;
        List<long[]> changed = List.of(new long[] {0, 1}, new long[] {P, P + 1}, new long[] {2 * P, 2 * P + 1});

        provider.uploadChanged("/all.bin", localFile(local), changed, etag, options());

        assertThat(stored("all.bin")).isEqualTo(local);
        assertThat(copiedParts()).isEmpty();
        assertThat(bytesSent()).isEqualTo(local.length);
    }

    @Test
    void unsortedOrOverlappingRangesAreRejected() throws Exception {
        byte[] base = randomBytes(100, 11);
        String etag = storeDirectly("a.bin", base);
        Path file = localFile(base);

        assertThatThrownBy(() -> provider.uploadChanged("/a.bin", file, List.of(new long[] {50, 60}, new long[] {10, 20}), etag, options()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> provider.uploadChanged("/a.bin", file, List.of(new long[] {10, 30}, new long[] {20, 40}), etag, options()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> provider.uploadChanged("/a.bin", file, List.of(new long[] {90, 101}), etag, options()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private UploadOptions options() {
        return new UploadOptions(MODIFIED, done -> progress.accumulateAndGet(done, Math::max));
    }

    private List<Exchange> partRequests() {
        return proxy.exchanges(RequestMatch.of("PUT", "^/" + bucket + "/[^?]+\\?(.*&)?partNumber="));
    }

    private List<Integer> sentParts() {
        return partRequests().stream().filter(e -> e.header("x-amz-copy-source") == null).map(S3PartialUploadTest::partNumber).toList();
    }

    private List<Integer> copiedParts() {
        return partRequests().stream().filter(e -> e.header("x-amz-copy-source") != null).map(S3PartialUploadTest::partNumber).toList();
    }

    private List<String> copyPreconditions() {
        return partRequests().stream().filter(e -> e.header("x-amz-copy-source") != null)
                .map(e -> e.header("x-amz-copy-source-if-match")).toList();
    }

    /** Payload bytes of the UploadPart requests (without the chunk signatures of {@code aws-chunked}). */
    private long bytesSent() {
        return partRequests().stream().filter(e -> e.header("x-amz-copy-source") == null)
                .mapToLong(e -> Long.parseLong(e.header("x-amz-decoded-content-length") != null
                        ? e.header("x-amz-decoded-content-length") : e.header("content-length")))
                .sum();
    }

    private static int partNumber(Exchange exchange) {
        Matcher m = PART_NUMBER.matcher(exchange.target());
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** One plain PUT past the proxy; returns its ETag. */
    private String storeDirectly(String key, byte[] content) {
        return S3.server().admin().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content)).eTag();
    }

    private byte[] stored(String key) {
        return S3.server().admin().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    private Path localFile(byte[] content) throws Exception {
        return Files.write(Files.createTempFile(scratch, "local", ".bin"), content);
    }

    private static byte[] randomBytes(int size, int seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
