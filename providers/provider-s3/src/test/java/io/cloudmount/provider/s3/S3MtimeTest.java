package io.cloudmount.provider.s3;

import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.OpenMode;
import io.cloudmount.provider.UploadOptions;
import io.cloudmount.provider.s3.testing.S3ServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code mtime} user metadata that rclone and s3fs read and write. */
class S3MtimeTest {
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    private static final Instant SOME_TIME = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);

    @TempDir
    Path scratch;

    private String bucket;
    private S3StorageProvider provider;

    @BeforeEach
    void openDrive() {
        bucket = S3.server().createBucket();
        provider = new S3StorageProvider(S3.server().settings(bucket).build());
    }

    @AfterEach
    void closeDrive() {
        provider.close();
    }

    @Test
    void readsTheMtimeThatRcloneWrites() throws Exception {
        putRaw("by-rclone.txt", Map.of("mtime", "1700000000.123456789"));

        assertThat(provider.stat("/by-rclone.txt").modified()).isEqualTo(SOME_TIME);
        assertThat(provider.list("/", null).entries()).singleElement()
                .extracting(ObjectInfo::modified).isEqualTo(SOME_TIME);
    }

    @Test
    void readsWholeSecondsAsS3fsWritesThem() throws Exception {
        putRaw("by-s3fs.txt", Map.of("mtime", "1600000000"));

        assertThat(provider.stat("/by-s3fs.txt").modified()).isEqualTo(Instant.ofEpochSecond(1_600_000_000L));
    }

    @Test
    void fallsBackToLastModifiedWithoutAReadableMtime() throws Exception {
        putRaw("plain.txt", Map.of());
        putRaw("garbled.txt", Map.of("mtime", "last tuesday"));

        Instant lastModified = rawHead("plain.txt").lastModified();
        assertThat(provider.stat("/plain.txt").modified()).isEqualTo(lastModified);
        assertThat(provider.stat("/garbled.txt").modified()).isEqualTo(rawHead("garbled.txt").lastModified());
    }

    @Test
    void uploadsStoreTheMtimeInRcloneFormat() throws Exception {
        Path source = Files.writeString(scratch.resolve("a.txt"), "hello");

        ObjectInfo info = provider.upload("/a.txt", source, UploadOptions.modifiedAt(SOME_TIME));

        assertThat(rawHead("a.txt").metadata()).containsEntry("mtime", "1700000000.123456789");
        assertThat(info.modified()).isEqualTo(SOME_TIME);
        assertThat(provider.stat("/a.txt").modified()).isEqualTo(SOME_TIME);
    }

    @Test
    void setModifiedTimeRewritesTheMetadataAndKeepsContentAndType() throws Exception {
        provider.upload("/page.html", Files.writeString(scratch.resolve("p"), "<p>hi</p>"), UploadOptions.modifiedAt(SOME_TIME));
        Instant later = Instant.ofEpochSecond(1_800_000_000L, 42);

        provider.setModifiedTime("/page.html", later);

        HeadObjectResponse head = rawHead("page.html");
        assertThat(head.metadata()).containsEntry("mtime", "1800000000.000000042");
        assertThat(head.contentType()).startsWith("text/html");
        assertThat(provider.stat("/page.html").modified()).isEqualTo(later);
        try (var handle = provider.open("/page.html", OpenMode.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(100);
            handle.read(0, buffer);
            assertThat(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8)).isEqualTo("<p>hi</p>");
        }
    }

    @Test
    void aDirectoryKeepsItsTimeOnItsMarker() throws Exception {
        provider.mkdir("/d");

        provider.setModifiedTime("/d", SOME_TIME);

        assertThat(provider.stat("/d").modified()).isEqualTo(SOME_TIME);
        assertThat(provider.list("/", null).entries()).singleElement().extracting(ObjectInfo::modified).isEqualTo(SOME_TIME);
        assertThat(rawHead("d/").metadata()).containsEntry("mtime", "1700000000.123456789");
    }

    @Test
    void settingTheTimeOfAnImpliedDirectoryGivesItAMarker() throws Exception {
        putRaw("implied/child", Map.of());

        provider.setModifiedTime("/implied", SOME_TIME);

        assertThat(provider.stat("/implied").modified()).isEqualTo(SOME_TIME);
    }

    private void putRaw(String key, Map<String, String> metadata) {
        S3.server().admin().putObject(b -> b.bucket(bucket).key(key).metadata(metadata), RequestBody.fromString("content"));
    }

    private HeadObjectResponse rawHead(String key) {
        return S3.server().admin().headObject(b -> b.bucket(bucket).key(key));
    }
}
