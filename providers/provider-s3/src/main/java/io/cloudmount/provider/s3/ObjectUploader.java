package io.cloudmount.provider.s3;

import io.cloudmount.provider.ProviderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.function.LongConsumer;

/**
 * Writes a local file as one object: a single PUT below the multipart threshold, else a multipart
 * upload whose parts go out in parallel on the bounded transfer executor. A failed multipart upload
 * is aborted so no invisible parts keep costing storage.
 */
final class ObjectUploader {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectUploader.class);

    private final S3Bucket bucket;
    private final S3TransferSettings transfer;
    private final ExecutorService parts;

    ObjectUploader(S3Bucket bucket, S3TransferSettings transfer, ExecutorService parts) {
        this.bucket = bucket;
        this.transfer = transfer;
        this.parts = parts;
    }

    /** What the server said about the stored object. */
    record Uploaded(long size, StoredVersion version) {
        String etag() {
            return version.etag();
        }
    }

    Uploaded upload(String key, String path, Path source, Map<String, String> metadata, LongConsumer progress)
            throws ProviderException {
        bucket.deferred().settle(key, path);
        long size = localSize(source, path);
        try {
            return size < transfer.multipartUploadThreshold()
                    ? putWhole(key, source, size, metadata, progress)
                    : putInParts(key, path, source, size, metadata, progress);
        } catch (SdkException | UncheckedIOException e) {
            throw bucket.errors().translate(e, path);
        }
    }

    static long localSize(Path source, String path) throws ProviderException {
        try {
            return Files.size(source);
        } catch (IOException e) {
            throw new ProviderException.Io(path, "cannot read the local file " + source, e);
        }
    }

    private Uploaded putWhole(String key, Path source, long size, Map<String, String> metadata, LongConsumer progress) {
        var counter = new UploadProgress(progress, 1);
        try (var body = new SliceBody(counter, 0, source, 0, size)) {
            var response = bucket.client().putObject(PutObjectRequest.builder()
                    .bucket(bucket.name()).key(key).metadata(metadata).contentLength(size).build(),
                    RequestBody.fromContentProvider(body, size, S3Bucket.contentTypeFor(key)));
            return new Uploaded(size, StoredVersion.of(response.eTag(), response));
        }
    }

    private Uploaded putInParts(String key, String path, Path source, long size, Map<String, String> metadata,
                                LongConsumer progress) throws ProviderException {
        long partSize = S3TransferSettings.partSizeFor(size, transfer.uploadPartSize());
        int count = (int) ((size + partSize - 1) / partSize);
        var counter = new UploadProgress(progress, count);
        String uploadId = bucket.client().createMultipartUpload(CreateMultipartUploadRequest.builder()
                .bucket(bucket.name()).key(key).metadata(metadata).contentType(S3Bucket.contentTypeFor(key)).build())
                .uploadId();
        var multipart = new MultipartSession(bucket, key, path, uploadId);
        LOG.debug("multipart upload of {} ({} bytes, {} parts of {})", path, size, count, partSize);
        List<Callable<CompletedPart>> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int part = i;
            long offset = part * partSize;
            long length = Math.min(partSize, size - offset);
            tasks.add(() -> {
                try (var body = new SliceBody(counter, part, source, offset, length)) {
                    String etag = bucket.client().uploadPart(UploadPartRequest.builder()
                                    .bucket(bucket.name()).key(key).uploadId(uploadId)
                                    .partNumber(part + 1).contentLength(length).build(),
                            RequestBody.fromContentProvider(body, length, S3Bucket.contentTypeFor(key))).eTag();
                    return CompletedPart.builder().partNumber(part + 1).eTag(etag).build();
                }
            });
        }
        return new Uploaded(size, multipart.run(parts, tasks));
    }
}
