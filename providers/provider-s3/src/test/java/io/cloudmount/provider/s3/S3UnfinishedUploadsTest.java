package io.cloudmount.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.provider.UploadOptions;
import io.cloudmount.provider.s3.testing.S3ServerExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** Parts of a multipart upload that a killed process never finished are aborted by the next run. */
class S3UnfinishedUploadsTest {
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    @TempDir
    Path cacheDir;

    @Test
    void theNextRunAbortsTheUploadsAKilledRunLeftUnfinished() throws Exception {
        String bucket = S3.server().createBucket();
        S3Client admin = S3.server().admin();
        // What a run killed in the middle of a large upload leaves: a started upload with a part, and its record.
        String leftover = admin.createMultipartUpload(b -> b.bucket(bucket).key("big.bin")).uploadId();
        admin.uploadPart(b -> b.bucket(bucket).key("big.bin").uploadId(leftover).partNumber(1),
                software.amazon.awssdk.core.sync.RequestBody.fromString("part one"));
        var settings = S3.server().settings(bucket).modTimesKeptIn(cacheDir).build();
        Path journal = cacheDir.resolve(S3StorageProvider.UNFINISHED_UPLOADS_FILE);
        Files.writeString(journal, "cloudmount-s3-unfinished-uploads 1 "
                + URLEncoder.encode(settings.storeName(), StandardCharsets.UTF_8) + "\n+ " + leftover + " big.bin\n",
                StandardCharsets.UTF_8);
        assertThat(admin.listMultipartUploads(b -> b.bucket(bucket)).uploads()).hasSize(1);

        try (var provider = new S3StorageProvider(settings)) {
            provider.upload("/small.txt", Files.writeString(cacheDir.resolveSibling(cacheDir.getFileName() + ".src"),
                    "x"), UploadOptions.modifiedAt(Instant.parse("2024-01-01T00:00:00Z")));
        }

        assertThat(admin.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        assertThat(journal).as("nothing left open").doesNotExist();
    }

    @Test
    void aMountThatOnlyReadsAlsoAbortsTheUploadsAKilledRunLeftUnfinished() throws Exception {
        String bucket = S3.server().createBucket();
        S3Client admin = S3.server().admin();
        String leftover = admin.createMultipartUpload(b -> b.bucket(bucket).key("big.bin")).uploadId();
        var settings = S3.server().settings(bucket).modTimesKeptIn(cacheDir).build();
        Files.writeString(cacheDir.resolve(S3StorageProvider.UNFINISHED_UPLOADS_FILE), "cloudmount-s3-unfinished-uploads 1 "
                + URLEncoder.encode(settings.storeName(), StandardCharsets.UTF_8) + "\n+ " + leftover + " big.bin\n",
                StandardCharsets.UTF_8);

        try (var provider = new S3StorageProvider(settings)) {
            provider.stat("/");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> admin.listMultipartUploads(b -> b.bucket(bucket)).uploads().isEmpty());
        }
    }

    @Test
    void aCompletedMultipartUploadLeavesNothingRecorded() throws Exception {
        String bucket = S3.server().createBucket();
        S3TransferSettings smallParts = new S3TransferSettings(S3TransferSettings.MIN_PART_SIZE,
                S3TransferSettings.MIN_PART_SIZE, S3TransferSettings.MIN_PART_SIZE, S3TransferSettings.MIN_PART_SIZE, 2);
        Path source = cacheDir.resolveSibling(cacheDir.getFileName() + ".big");
        Files.write(source, new byte[(int) (2 * S3TransferSettings.MIN_PART_SIZE + 1)]);

        try (var provider = new S3StorageProvider(S3.server().settings(bucket).modTimesKeptIn(cacheDir)
                .transfer(smallParts).build())) {
            provider.upload("/big.bin", source, UploadOptions.modifiedAt(Instant.parse("2024-01-01T00:00:00Z")));
        }

        assertThat(cacheDir.resolve(S3StorageProvider.UNFINISHED_UPLOADS_FILE)).as("nothing open").doesNotExist();
        assertThat(S3.server().admin().listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    }
}
