package io.cloudmount.fuse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudmount.provider.s3.S3StorageProvider;
import io.cloudmount.provider.s3.S3TransferSettings;
import io.cloudmount.provider.s3.testing.Exchange;
import io.cloudmount.provider.s3.testing.Fault;
import io.cloudmount.provider.s3.testing.FaultyS3Proxy;
import io.cloudmount.provider.s3.testing.RequestMatch;
import io.cloudmount.provider.s3.testing.S3ServerExtension;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;

/**
 * Faults injected between the mounted engine and the S3 server (a loopback proxy): errors are
 * retried, visibly, and nothing is lost or corrupted.
 */
class S3FaultsIT {
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    private static final long PART = 5L << 20;

    @TempDir
    Path work;

    @Test
    void uploadsOutlastMoreServerErrorsThanTheSdkRetries() throws Exception {
        String bucket = S3.server().createBucket();
        byte[] data = new byte[3 << 20];
        new Random(7).nextBytes(data);
        try (FaultyS3Proxy proxy = FaultyS3Proxy.inFrontOf(S3.server());
             MountedDrive drive = S3Drives.mount(new S3StorageProvider(
                     S3.server().settings(bucket).endpoint(proxy.endpoint()).build()), work, Duration.ofMillis(50))) {
            RequestMatch puts = RequestMatch.object("PUT", bucket, "data.bin");
            proxy.inject(puts, 6, Fault.slowDown());
            Files.write(drive.root().resolve("data.bin"), data);
            await().atMost(Duration.ofSeconds(60)).until(() -> drive.fuseMount().vfs().pendingUploads().isEmpty());
            assertThat(proxy.count(puts)).as("retries are visible at the server").isGreaterThanOrEqualTo(7);
        }
        byte[] stored = S3.server().admin().getObject(b -> b.bucket(bucket).key("data.bin"), ResponseTransformer.toBytes())
                .asByteArray();
        assertThat(stored).isEqualTo(data);
    }

    @Test
    void changingOneByteOfALargeObjectSendsOnlyThePartAroundIt() throws Exception {
        Edit edit = changeOneByte("video.mp4", 3, PART + 1234, 1L << 30);
        assertThat(edit.partsSent()).hasSize(1);
        assertThat(edit.partsCopied()).hasSize(2);
    }

    @Test
    void anEditOfAnObjectLargerThanTheCacheFetchesAndSendsOnlyThePartAroundIt() throws Exception {
        Edit edit = changeOneByte("disk.img", 4, 2 * PART + 77, 8L << 20); // room for the part to send, not the object
        assertThat(edit.partsSent()).hasSize(1);
        assertThat(edit.partsCopied()).hasSize(3);
        assertThat(edit.downloads().stream().mapToLong(S3FaultsIT::rangeLength).sum())
                .as("bytes downloaded to send the changed part").isLessThanOrEqualTo(PART);
    }

    /** The requests that uploaded an edit: the parts of the multipart upload, and the object's downloads. */
    private record Edit(List<Exchange> parts, List<Exchange> downloads) {
        List<Exchange> partsSent() {
            return parts.stream().filter(e -> e.header("x-amz-copy-source") == null).toList();
        }

        List<Exchange> partsCopied() {
            return parts.stream().filter(e -> e.header("x-amz-copy-source") != null).toList();
        }
    }

    /**
     * Stores an object of {@code parts} random 5 MiB parts, changes the byte at {@code offset} through a drive
     * uploading in 5 MiB parts with a cache of {@code cacheSize}, waits for the upload and checks the bucket has
     * the edited bytes.
     */
    private Edit changeOneByte(String key, int parts, long offset, long cacheSize) throws Exception {
        String bucket = S3.server().createBucket();
        byte[] data = new byte[(int) (parts * PART)];
        new Random(parts).nextBytes(data);
        S3.server().admin().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
        Edit edit;
        try (FaultyS3Proxy proxy = FaultyS3Proxy.inFrontOf(S3.server());
             MountedDrive drive = S3Drives.mount(new S3StorageProvider(S3.server().settings(bucket).endpoint(proxy.endpoint())
                     .transfer(new S3TransferSettings(PART, PART, PART, PART, 3)).build()), work, Duration.ofMillis(50),
                     cacheSize)) {
            try (FileChannel ch = FileChannel.open(drive.root().resolve(key), StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(new byte[] {42}), offset);
            }
            data[(int) offset] = 42;
            await().atMost(Duration.ofSeconds(60)).until(() -> drive.fuseMount().vfs().pendingUploads().isEmpty());
            String partUploads = "^/" + Pattern.quote(bucket + "/" + key) + "\\?(.*&)?partNumber=";
            edit = new Edit(proxy.exchanges(RequestMatch.of("PUT", partUploads)),
                    proxy.exchanges(RequestMatch.object("GET", bucket, key)));
        }
        byte[] stored = S3.server().admin().getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toBytes())
                .asByteArray();
        assertThat(stored).isEqualTo(data);
        return edit;
    }

    /** The length a ranged GET asked for ({@code Range: bytes=a-b}). */
    private static long rangeLength(Exchange get) {
        String range = get.header("range");
        assertThat(range).as("every download is ranged").startsWith("bytes=");
        String[] ends = range.substring("bytes=".length()).split("-");
        return Long.parseLong(ends[1]) - Long.parseLong(ends[0]) + 1;
    }

    @Test
    void cachedFilesStayReadableWhileTheEndpointIsDown() throws Exception {
        String bucket = S3.server().createBucket();
        byte[] data = new byte[3 << 20];
        new Random(10).nextBytes(data);
        S3.server().admin().putObject(b -> b.bucket(bucket).key("offline.bin"), RequestBody.fromBytes(data));
        try (FaultyS3Proxy proxy = FaultyS3Proxy.inFrontOf(S3.server());
             MountedDrive drive = S3Drives.mount(new S3StorageProvider(S3.server().settings(bucket).endpoint(proxy.endpoint())
                     .maxAttempts(1).build()), work, Duration.ofMillis(50))) {
            Path file = drive.root().resolve("offline.bin");
            assertThat(Files.readAllBytes(file)).isEqualTo(data);
            proxy.inject(RequestMatch.any(), 1_000_000, new Fault.Reset(0)); // the endpoint is gone
            assertThat(Files.readAllBytes(file)).as("served from the cache").isEqualTo(data);
            assertThat(proxy.exchanges().stream().filter(Exchange::faulted)).as("the store was asked and did not answer")
                    .isNotEmpty();
        }
    }

    @Test
    void aSequentialReadOfALargeObjectTakesFarFewerGetsThanMebibytes() throws Exception {
        String bucket = S3.server().createBucket();
        byte[] data = new byte[48 << 20];
        new Random(12).nextBytes(data);
        S3.server().admin().putObject(b -> b.bucket(bucket).key("movie.mkv"), RequestBody.fromBytes(data));
        try (FaultyS3Proxy proxy = FaultyS3Proxy.inFrontOf(S3.server());
             MountedDrive drive = S3Drives.mount(new S3StorageProvider(
                     S3.server().settings(bucket).endpoint(proxy.endpoint()).build()), work, Duration.ofMillis(50))) {
            assertThat(Files.readAllBytes(drive.root().resolve("movie.mkv"))).isEqualTo(data);
            assertThat(proxy.count(RequestMatch.object("GET", bucket, "movie.mkv"))).as("one GET per MiB would be 48")
                    .isLessThanOrEqualTo(16);
        }
    }

    @Test
    void aConnectionResetInTheMiddleOfALongDownloadIsContinuedAndTheBytesAreRight() throws Exception {
        String bucket = S3.server().createBucket();
        byte[] data = new byte[64 << 20];
        new Random(13).nextBytes(data);
        S3.server().admin().putObject(b -> b.bucket(bucket).key("long.bin"), RequestBody.fromBytes(data));
        try (FaultyS3Proxy proxy = FaultyS3Proxy.inFrontOf(S3.server());
             MountedDrive drive = S3Drives.mount(new S3StorageProvider(
                     S3.server().settings(bucket).endpoint(proxy.endpoint()).build()), work, Duration.ofMillis(50))) {
            RequestMatch gets = RequestMatch.object("GET", bucket, "long.bin");
            java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
            try (java.io.InputStream in = Files.newInputStream(drive.root().resolve("long.bin"))) {
                read.write(in.readNBytes(8 << 20));
                // By now the read-ahead window is long: the next GET asks for several MiB; cut it inside.
                proxy.inject(gets, 1, new Fault.Reset(2 << 20));
                read.write(in.readAllBytes());
            }
            assertThat(read.toByteArray()).isEqualTo(data);
            assertThat(proxy.exchanges(gets).stream().filter(Exchange::faulted)).hasSize(1);
        }
    }

    @Test
    void aConnectionResetInTheMiddleOfADownloadIsRetriedAndTheBytesAreRight() throws Exception {
        String bucket = S3.server().createBucket();
        byte[] data = new byte[2 << 20];
        new Random(8).nextBytes(data);
        S3.server().admin().putObject(b -> b.bucket(bucket).key("photo.raw"), RequestBody.fromBytes(data));
        try (FaultyS3Proxy proxy = FaultyS3Proxy.inFrontOf(S3.server());
             MountedDrive drive = S3Drives.mount(new S3StorageProvider(
                     S3.server().settings(bucket).endpoint(proxy.endpoint()).build()), work, Duration.ofMillis(50))) {
            RequestMatch gets = RequestMatch.object("GET", bucket, "photo.raw");
            proxy.inject(gets, 1, new Fault.Reset(10_000));
            proxy.inject(gets, 1, new Fault.Truncate(20_000));
            assertThat(Files.readAllBytes(drive.root().resolve("photo.raw"))).isEqualTo(data);
            assertThat(proxy.count(gets)).isGreaterThanOrEqualTo(3);
        }
    }
}
