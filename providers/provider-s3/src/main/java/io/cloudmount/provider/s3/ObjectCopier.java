package io.cloudmount.provider.s3;

import java.io.UncheckedIOException;
import io.cloudmount.provider.ProviderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

/**
 * Server-side copy of one object: {@code CopyObject} up to the multipart copy threshold (S3 allows
 * 5 GiB), above it a multipart upload whose parts are {@code UploadPartCopy} ranges of the source,
 * in parallel. The bytes never pass through this machine.
 *
 * <p>Every request carries {@code x-amz-copy-source-if-match} with the ETag the caller saw, so a
 * source replaced half-way fails with {@link ProviderException.Conflict} instead of producing a
 * mix. The target gets the source's content headers and user metadata (or the given metadata);
 * ACLs and tags are not copied, the bucket's defaults apply.
 */
final class ObjectCopier {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectCopier.class);

    private final S3Bucket bucket;
    private final S3TransferSettings transfer;
    private final ExecutorService parts;
    private final KnownModTimes knownTimes;

    ObjectCopier(S3Bucket bucket, S3TransferSettings transfer, ExecutorService parts, KnownModTimes knownTimes) {
        this.bucket = bucket;
        this.transfer = transfer;
        this.parts = parts;
        this.knownTimes = knownTimes;
    }

    /**
     * Copies {@code sourceKey} to {@code targetKey} with its metadata. {@code size} and {@code etag}
     * come from a HEAD or a listing; only a multipart copy needs the full HEAD (to carry the headers).
     *
     * @return the target's ETag
     */
    String copy(String sourceKey, long size, String etag, String storageClass, String targetKey, String path)
            throws ProviderException {
        bucket.deferred().settle(targetKey, bucket.pathOf(targetKey));
        // The copy carries the source's time, which a version this drive wrote there earlier may not have.
        knownTimes.forget(targetKey);
        try {
            if (size <= transfer.multipartCopyThreshold()) {
                return bucket.client().copyObject(CopyObjectRequest.builder()
                        .sourceBucket(bucket.name()).sourceKey(sourceKey)
                        .destinationBucket(bucket.name()).destinationKey(targetKey)
                        .copySourceIfMatch(etag)
                        // S3 would store the copy as STANDARD unless told otherwise.
                        .storageClass(storageClass)
                        .metadataDirective(MetadataDirective.COPY)
                        .build()).copyObjectResult().eTag();
            }
            HeadObjectResponse head = bucket.head(sourceKey, path).orElseThrow(() -> new ProviderException.NotFound(path));
            if (etag != null && !etag.equals(head.eTag())) {
                throw new ProviderException.Conflict(path, "replaced while being copied");
            }
            return copyInParts(sourceKey, head, size, targetKey, head.metadata(), path).etag();
        } catch (SdkException | UncheckedIOException e) {
            throw bucket.errors().translate(e, path);
        }
    }

    /** Rewrites the user metadata of {@code key} by copying it onto itself (S3 has no metadata update). */
    StoredVersion replaceMetadata(String key, HeadObjectResponse head, Map<String, String> metadata, String path)
            throws ProviderException {
        long size = head.contentLength() == null ? 0 : head.contentLength();
        try {
            if (size > transfer.multipartCopyThreshold()) {
                return copyInParts(key, head, size, key, metadata, path);
            }
            var response = bucket.client().copyObject(CopyObjectRequest.builder()
                    .sourceBucket(bucket.name()).sourceKey(key)
                    .destinationBucket(bucket.name()).destinationKey(key)
                    .copySourceIfMatch(head.eTag())
                    .storageClass(head.storageClassAsString())
                    // REPLACE drops every header not sent again: resend the content headers.
                    .metadataDirective(MetadataDirective.REPLACE).metadata(metadata)
                    .contentType(head.contentType())
                    .contentEncoding(contentEncoding(head))
                    .contentDisposition(head.contentDisposition())
                    .contentLanguage(head.contentLanguage())
                    .cacheControl(head.cacheControl())
                    .build());
            return StoredVersion.of(response.copyObjectResult().eTag(), response);
        } catch (SdkException | UncheckedIOException e) {
            throw bucket.errors().translate(e, path);
        }
    }

    private StoredVersion copyInParts(String sourceKey, HeadObjectResponse source, long size, String targetKey,
                               Map<String, String> metadata, String path) throws ProviderException {
        long partSize = S3TransferSettings.partSizeFor(size, transfer.copyPartSize());
        int count = (int) ((size + partSize - 1) / partSize);
        String uploadId = bucket.client().createMultipartUpload(CreateMultipartUploadRequest.builder()
                .bucket(bucket.name()).key(targetKey).metadata(metadata)
                .contentType(source.contentType())
                .contentEncoding(contentEncoding(source))
                .contentDisposition(source.contentDisposition())
                .contentLanguage(source.contentLanguage())
                .cacheControl(source.cacheControl())
                .storageClass(source.storageClassAsString())
                .build()).uploadId();
        LOG.debug("multipart copy of {} ({} bytes, {} parts of {})", path, size, count, partSize);
        List<Callable<CompletedPart>> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int partNumber = i + 1;
            long first = i * partSize;
            long last = Math.min(size, first + partSize) - 1;
            tasks.add(() -> {
                String etag = bucket.client().uploadPartCopy(UploadPartCopyRequest.builder()
                        .sourceBucket(bucket.name()).sourceKey(sourceKey)
                        .destinationBucket(bucket.name()).destinationKey(targetKey)
                        .uploadId(uploadId).partNumber(partNumber)
                        .copySourceRange("bytes=" + first + "-" + last)
                        .copySourceIfMatch(source.eTag())
                        .build()).copyPartResult().eTag();
                return CompletedPart.builder().partNumber(partNumber).eTag(etag).build();
            });
        }
        return new MultipartSession(bucket, targetKey, path, uploadId).run(parts, tasks);
    }

    /**
     * The object's content encoding without {@code aws-chunked}, which is a transfer detail of the
     * upload that AWS strips but some S3-compatible servers (S3Proxy) store and echo back.
     */
    private static String contentEncoding(HeadObjectResponse head) {
        String encoding = head.contentEncoding();
        if (encoding == null) {
            return null;
        }
        String cleaned = java.util.Arrays.stream(encoding.split(","))
                .map(String::trim)
                .filter(e -> !e.isEmpty() && !e.equalsIgnoreCase("aws-chunked"))
                .collect(java.util.stream.Collectors.joining(","));
        return cleaned.isEmpty() ? null : cleaned;
    }
}
