package io.cloudmount.provider.s3;

import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.OpenMode;
import io.cloudmount.provider.UploadOptions;
import io.cloudmount.provider.s3.testing.S3ServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static io.cloudmount.provider.s3.S3TransferSettings.MIN_PART_SIZE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multipart upload and multipart copy ({@code UploadPartCopy}), with thresholds lowered to S3's
 * 5 MiB minimum part size so that 5-16 MiB objects take the multipart paths. An ETag ending in
 * {@code -N} is how S3 marks an object assembled from N parts, so it proves which path ran; the
 * sources of copies are written with one raw PUT so that their own ETag has no part count.
 */
class S3MultipartTest {
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    private static final Instant SOME_TIME = Instant.ofEpochSecond(1_650_000_000L, 5);
    private static final S3TransferSettings SMALL_PARTS =
            new S3TransferSettings(MIN_PART_SIZE, MIN_PART_SIZE, MIN_PART_SIZE, MIN_PART_SIZE, 3);

    @TempDir
    Path scratch;

    private String bucket;
    private S3StorageProvider provider;

    @BeforeEach
    void openDrive() {
        bucket = S3.server().createBucket();
        provider = new S3StorageProvider(S3.server().settings(bucket).transfer(SMALL_PARTS).build());
    }

    @AfterEach
    void closeDrive() {
        provider.close();
    }

    @Test
    void aLargeUploadGoesUpInParallelPartsAndReadsBackIntact() throws Exception {
        byte[] data = randomBytes((int) (2 * MIN_PART_SIZE + 12_345), 1);
        AtomicLong highest = new AtomicLong();

        ObjectInfo info = provider.upload("/big.bin", localFile(data),
                new UploadOptions(SOME_TIME, sent -> highest.accumulateAndGet(sent, Math::max)));

        assertThat(info.etag()).endsWith("-3\"");
        assertThat(info.size()).isEqualTo(data.length);
        assertThat(highest.get()).isEqualTo(data.length);
        assertThat(readAll("/big.bin")).isEqualTo(data);
        assertThat(provider.stat("/big.bin").modified()).isEqualTo(SOME_TIME);
    }

    @Test
    void aSmallUploadIsOnePut() throws Exception {
        ObjectInfo info = provider.upload("/small.bin", localFile(randomBytes(1000, 2)), UploadOptions.modifiedAt(SOME_TIME));

        assertThat(info.etag()).doesNotContain("-");
    }

    @Test
    void renamingALargeFileCopiesItInPartsAndKeepsItsTime() throws Exception {
        byte[] data = randomBytes((int) (2 * MIN_PART_SIZE + 7), 3);
        putWhole("from.bin", data);

        provider.rename("/from.bin", "/to.bin", false);

        ObjectInfo moved = provider.stat("/to.bin");
        assertThat(moved.etag()).endsWith("-3\"");
        assertThat(moved.modified()).isEqualTo(SOME_TIME);
        assertThat(readAll("/to.bin")).isEqualTo(data);
        assertThat(provider.list("/", null).entries()).extracting(ObjectInfo::name).containsExactly("to.bin");
    }

    @Test
    void copyingALargeFileCopiesItInParts() throws Exception {
        byte[] data = randomBytes((int) (MIN_PART_SIZE + 1), 4);
        putWhole("a.bin", data);

        provider.copy("/a.bin", "/b.bin");

        assertThat(provider.stat("/b.bin").etag()).endsWith("-2\"");
        assertThat(provider.stat("/b.bin").modified()).isEqualTo(SOME_TIME);
        assertThat(readAll("/b.bin")).isEqualTo(data);
        assertThat(readAll("/a.bin")).isEqualTo(data);
    }

    @Test
    void settingTheTimeOfALargeFileRewritesItInParts() throws Exception {
        byte[] data = randomBytes((int) (MIN_PART_SIZE + 100), 5);
        putWhole("a.bin", data);
        Instant later = SOME_TIME.plusSeconds(3600);

        provider.setModifiedTime("/a.bin", later);

        assertThat(provider.stat("/a.bin").modified()).isEqualTo(later);
        assertThat(provider.stat("/a.bin").etag()).endsWith("-2\"");
        assertThat(readAll("/a.bin")).isEqualTo(data);
    }

    @Test
    void renamingADirectoryMovesSmallAndLargeFiles() throws Exception {
        byte[] big = randomBytes((int) (MIN_PART_SIZE + 3), 6);
        provider.mkdir("/d");
        provider.mkdir("/d/sub");
        putWhole("d/sub/big.bin", big);
        for (int i = 0; i < 20; i++) {
            provider.upload("/d/small-" + i, localFile(new byte[] {(byte) i}), UploadOptions.modifiedAt(SOME_TIME));
        }

        provider.rename("/d", "/e", false);

        assertThat(provider.list("/", null).entries()).extracting(ObjectInfo::name).containsExactly("e");
        assertThat(provider.list("/e", null).entries()).hasSize(21);
        assertThat(readAll("/e/sub/big.bin")).isEqualTo(big);
        assertThat(provider.stat("/e/sub/big.bin").etag()).endsWith("-2\"");
        assertThat(readAll("/e/small-7")).containsExactly(7);
        assertThat(provider.stat("/e/small-7").modified()).isEqualTo(SOME_TIME);
    }

    /** One plain PUT with the rclone-style time, as another tool would write it. */
    private void putWhole(String key, byte[] data) {
        S3.server().admin().putObject(b -> b.bucket(bucket).key(key)
                        .metadata(java.util.Map.of("mtime", MtimeMetadata.format(SOME_TIME))),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(data));
        assertThat(S3.server().admin().headObject(b -> b.bucket(bucket).key(key)).eTag()).doesNotContain("-");
    }

    private byte[] readAll(String path) throws IOException {
        try (ObjectHandle handle = provider.open(path, OpenMode.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) handle.size());
            while (buffer.hasRemaining() && handle.read(buffer.position(), buffer) > 0) {
                // read() fills as much as the object has
            }
            return buffer.array();
        }
    }

    private Path localFile(byte[] data) throws IOException {
        return Files.write(Files.createTempFile(scratch, "src", ".bin"), data);
    }

    private static byte[] randomBytes(int size, int seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
