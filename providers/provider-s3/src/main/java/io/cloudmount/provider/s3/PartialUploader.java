package io.cloudmount.provider.s3;

import io.cloudmount.provider.ProviderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.function.LongConsumer;

/**
 * Rewrites an object from a local copy in which only some ranges changed: one multipart upload whose
 * parts are {@code UploadPartCopy} ranges of the current object where nothing in the part changed, and
 * uploads of the local bytes everywhere else. Unchanged parts never leave the server.
 *
 * <p>The new file is cut into parts of the upload part size P (at least S3's 5 MiB, more for very large
 * objects). A part {@code [a, b)} is copied when it lies inside the old object and no changed range
 * touches it; otherwise it is sent, all of it: S3 parts other than the last must be at least 5 MiB, so
 * one changed byte costs up to P bytes sent. A file grown past the old size sends its new tail; a
 * shrunk one copies its last part from the old object's prefix. Below two parts, or when no part can
 * be copied, a whole upload ({@link ObjectUploader}) is used instead.
 *
 * <p>The current object must still have the base ETag: checked by a HEAD first (which also gives the
 * old size), then by {@code x-amz-copy-source-if-match} on every copied part, so an object replaced in
 * the middle fails with {@link ProviderException.Conflict} instead of producing a mix of two versions;
 * the multipart upload is then aborted ({@link MultipartSession}). Nothing guards the moment of
 * completion: like any upload, the last writer wins. A whole-upload fallback only has the HEAD check.
 */
final class PartialUploader {
    private static final Logger LOG = LoggerFactory.getLogger(PartialUploader.class);

    private final S3Bucket bucket;
    private final S3TransferSettings transfer;
    private final ExecutorService parts;
    private final ObjectUploader whole;

    PartialUploader(S3Bucket bucket, S3TransferSettings transfer, ExecutorService parts, ObjectUploader whole) {
        this.bucket = bucket;
        this.transfer = transfer;
        this.parts = parts;
        this.whole = whole;
    }

    /** One part of the new object: bytes {@code [start, end)}, copied from the old object or sent. */
    record Part(int number, long start, long end, boolean copy) {
        long length() {
            return end - start;
        }
    }

    ObjectUploader.Uploaded upload(String key, String path, Path source, List<long[]> changed, String baseEtag,
                                   Map<String, String> metadata, LongConsumer progress) throws ProviderException {
        bucket.deferred().settle(key, path);
        long size = ObjectUploader.localSize(source, path);
        requireValid(changed, size);
        HeadObjectResponse head = bucket.head(key, path)
                .orElseThrow(() -> new ProviderException.Conflict(path, "the object is gone"));
        if (!baseEtag.equals(head.eTag())) {
            throw new ProviderException.Conflict(path, "the object is no longer the version the changes were made to");
        }
        long oldSize = head.contentLength() == null ? 0 : head.contentLength();
        List<Part> plan = plan(size, oldSize, S3TransferSettings.partSizeFor(size, transfer.uploadPartSize()), changed);
        if (plan.isEmpty()) {
            LOG.debug("whole upload of {} ({} bytes): too small for parts, or every part changed", path, size);
            return whole.upload(key, path, source, metadata, progress);
        }
        try {
            return new ObjectUploader.Uploaded(size, putParts(key, path, source, baseEtag, metadata, plan, progress));
        } catch (SdkException | UncheckedIOException e) {
            throw bucket.errors().translate(e, path);
        }
    }

    /**
     * The parts of a new object of {@code size} bytes made from one of {@code oldSize} bytes with
     * {@code changed} ranges, in order; empty when a whole upload is as good (fewer than two parts, or
     * none can be copied).
     */
    static List<Part> plan(long size, long oldSize, long partSize, List<long[]> changed) {
        if (size < 2 * partSize) {
            return List.of();
        }
        int count = (int) ((size + partSize - 1) / partSize);
        List<Part> plan = new ArrayList<>(count);
        boolean anyCopied = false;
        int next = 0; // the first changed range that may still touch this or a later part
        for (int i = 0; i < count; i++) {
            long start = i * partSize;
            long end = Math.min(size, start + partSize);
            while (next < changed.size() && (changed.get(next)[1] <= start || changed.get(next)[0] == changed.get(next)[1])) {
                next++;
            }
            boolean touched = next < changed.size() && changed.get(next)[0] < end;
            boolean copy = end <= oldSize && !touched;
            anyCopied |= copy;
            plan.add(new Part(i + 1, start, end, copy));
        }
        return anyCopied ? plan : List.of();
    }

    /** The ranges of the local file {@link #upload} reads: the parts it sends, merged; all of it for a whole upload. */
    List<long[]> rangesRead(long size, long oldSize, List<long[]> changed) {
        requireValid(changed, size);
        return rangesRead(plan(size, oldSize, S3TransferSettings.partSizeFor(size, transfer.uploadPartSize()), changed),
                size);
    }

    /** The ranges of the local file that a {@link #plan} reads (all of it for the empty plan of a whole upload). */
    static List<long[]> rangesRead(List<Part> plan, long size) {
        if (plan.isEmpty()) {
            return size == 0 ? List.of() : List.of(new long[] {0, size});
        }
        List<long[]> read = new ArrayList<>();
        for (Part part : plan) {
            if (part.copy()) {
                continue;
            }
            long[] last = read.isEmpty() ? null : read.get(read.size() - 1);
            if (last != null && last[1] == part.start()) {
                last[1] = part.end();
            } else {
                read.add(new long[] {part.start(), part.end()});
            }
        }
        return read;
    }

    private StoredVersion putParts(String key, String path, Path source, String baseEtag, Map<String, String> metadata,
                            List<Part> plan, LongConsumer progress) throws ProviderException {
        String uploadId = bucket.client().createMultipartUpload(CreateMultipartUploadRequest.builder()
                .bucket(bucket.name()).key(key).metadata(metadata).contentType(S3Bucket.contentTypeFor(key)).build())
                .uploadId();
        var counter = new UploadProgress(progress, plan.size());
        List<Callable<CompletedPart>> tasks = new ArrayList<>(plan.size());
        long copied = 0;
        for (Part part : plan) {
            tasks.add(part.copy() ? () -> copyPart(key, uploadId, baseEtag, part, counter)
                    : () -> sendPart(key, uploadId, source, part, counter));
            copied += part.copy() ? part.length() : 0;
        }
        LOG.debug("partial upload of {}: {} parts, {} bytes copied on the server, {} sent", path, plan.size(), copied,
                plan.get(plan.size() - 1).end() - copied);
        return new MultipartSession(bucket, key, path, uploadId).run(parts, tasks);
    }

    private CompletedPart copyPart(String key, String uploadId, String baseEtag, Part part, UploadProgress counter) {
        String etag = bucket.client().uploadPartCopy(UploadPartCopyRequest.builder()
                .sourceBucket(bucket.name()).sourceKey(key)
                .destinationBucket(bucket.name()).destinationKey(key)
                .uploadId(uploadId).partNumber(part.number())
                .copySourceRange("bytes=" + part.start() + "-" + (part.end() - 1))
                .copySourceIfMatch(baseEtag)
                .build()).copyPartResult().eTag();
        counter.copied(part.number() - 1, part.length());
        return CompletedPart.builder().partNumber(part.number()).eTag(etag).build();
    }

    private CompletedPart sendPart(String key, String uploadId, Path source, Part part, UploadProgress counter) {
        try (var body = new SliceBody(counter, part.number() - 1, source, part.start(), part.length())) {
            String etag = bucket.client().uploadPart(UploadPartRequest.builder()
                            .bucket(bucket.name()).key(key).uploadId(uploadId)
                            .partNumber(part.number()).contentLength(part.length()).build(),
                    RequestBody.fromContentProvider(body, part.length(), S3Bucket.contentTypeFor(key))).eTag();
            return CompletedPart.builder().partNumber(part.number()).eTag(etag).build();
        }
    }

    /** Sorted, non-overlapping, inside {@code [0, size)}; an empty range is allowed and changes nothing. */
    private static void requireValid(List<long[]> changed, long size) {
        long previousEnd = 0;
        for (long[] range : changed) {
            if (range.length != 2 || range[0] < previousEnd || range[1] < range[0] || range[1] > size) {
                throw new IllegalArgumentException("changed ranges must be sorted, non-overlapping {start, end} pairs"
                        + " within the new size " + size + "; found " + java.util.Arrays.toString(range)
                        + " after offset " + previousEnd);
            }
            previousEnd = range[1];
        }
    }
}
