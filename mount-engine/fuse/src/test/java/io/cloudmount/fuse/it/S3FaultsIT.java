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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
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
        String bucket = S3.server().createBucket();
        long part = 5L << 20;
        byte[] data = new byte[(int) (3 * part)];
        new Random(9).nextBytes(data);
        S3.server().admin().putObject(b -> b.bucket(bucket).key("video.mp4"), RequestBody.fromBytes(data));
        try (FaultyS3Proxy proxy = FaultyS3Proxy.inFrontOf(S3.server());
             MountedDrive drive = S3Drives.mount(new S3StorageProvider(S3.server().settings(bucket).endpoint(proxy.endpoint())
                     .transfer(new S3TransferSettings(part, part, part, part, 3)).build()), work, Duration.ofMillis(50))) {
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(drive.root().resolve("video.mp4"),
                    java.nio.file.StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {42}), part + 1234);
            }
            data[(int) part + 1234] = 42;
            await().atMost(Duration.ofSeconds(60)).until(() -> drive.fuseMount().vfs().pendingUploads().isEmpty());
            List<Exchange> parts = proxy.exchanges(RequestMatch.of("PUT", "^/" + bucket + "/video\\.mp4\\?(.*&)?partNumber="));
            assertThat(parts.stream().filter(e -> e.header("x-amz-copy-source") == null)).as("parts sent").hasSize(1);
            assertThat(parts.stream().filter(e -> e.header("x-amz-copy-source") != null)).as("parts copied").hasSize(2);
        }
        byte[] stored = S3.server().admin().getObject(b -> b.bucket(bucket).key("video.mp4"), ResponseTransformer.toBytes())
                .asByteArray();
        assertThat(stored).isEqualTo(data);
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
