package io.cloudmount.provider.s3;

import java.io.UncheckedIOException;
import io.cloudmount.provider.ProviderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * One started multipart upload (or multipart copy): runs its part tasks in parallel, completes it
 * when all succeed, aborts it on any failure so no orphaned parts are left behind.
 */
final class MultipartSession {
    private static final Logger LOG = LoggerFactory.getLogger(MultipartSession.class);

    private final S3Bucket bucket;
    private final String key;
    private final String path;
    private final String uploadId;
    private final long size;

    /** @param size the size of the object the parts make */
    MultipartSession(S3Bucket bucket, String key, String path, String uploadId, long size) {
        this.bucket = bucket;
        this.key = key;
        this.path = path;
        this.uploadId = uploadId;
        this.size = size;
        bucket.unfinished().started(key, uploadId);
    }

    /** Runs the parts, completes the upload and returns the object's ETag. */
    String run(ExecutorService executor, List<Callable<CompletedPart>> tasks) throws ProviderException {
        List<Future<CompletedPart>> futures = new ArrayList<>(tasks.size());
        try {
            for (Callable<CompletedPart> task : tasks) {
                futures.add(executor.submit(task));
            }
            List<CompletedPart> done = new ArrayList<>(tasks.size());
            for (Future<CompletedPart> future : futures) {
                done.add(future.get());
            }
            done.sort(Comparator.comparing(CompletedPart::partNumber));
            String etag = complete(done);
            bucket.unfinished().ended(uploadId);
            return etag;
        } catch (ExecutionException e) {
            throw abort(bucket.errors().translate(e.getCause(), path), futures);
        } catch (InterruptedException e) {
            // Abort first: the SDK refuses to send requests from an interrupted thread.
            ProviderException failure = abort(new ProviderException.Io(path, "interrupted", e), futures);
            Thread.currentThread().interrupt();
            throw failure;
        } catch (RejectedExecutionException e) {
            throw abort(new ProviderException.Io(path, "the provider is closed", e), futures);
        } catch (SdkException | UncheckedIOException e) {
            throw abort(bucket.errors().translate(e, path), futures);
        }
    }

    /**
     * Completes the upload. When the server completed it but its answer was lost, the SDK's retry finds
     * the upload gone (NoSuchUpload on MinIO, InvalidPart on S3Proxy; AWS answers it like the first):
     * then the object itself says whether it is ours, by its size and its multipart ETag's part count.
     */
    private String complete(List<CompletedPart> parts) throws ProviderException {
        try {
            return bucket.client().completeMultipartUpload(b -> b.bucket(bucket.name()).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts))).eTag();
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (!"NoSuchUpload".equals(code) && !"InvalidPart".equals(code)) {
                throw e;
            }
            HeadObjectResponse head = bucket.headNow(key, path).orElseThrow(() -> e);
            String etag = head.eTag() == null ? "" : head.eTag().replace("\"", "");
            if (head.contentLength() == null || head.contentLength() != size || !etag.endsWith("-" + parts.size())) {
                throw e;
            }
            LOG.debug("the completion of {} was answered to a lost request; the object is there", path);
            return head.eTag();
        }
    }

    private ProviderException abort(ProviderException failure, List<Future<CompletedPart>> futures) {
        futures.forEach(f -> f.cancel(true));
        try {
            bucket.client().abortMultipartUpload(b -> b.bucket(bucket.name()).key(key).uploadId(uploadId));
            bucket.unfinished().ended(uploadId);
        } catch (SdkException | UncheckedIOException e) {
            // The bucket's lifecycle rule (if any) cleans up what we could not.
            LOG.warn("could not abort the multipart upload of {}; its parts stay until the next run aborts it", path, e);
        }
        return failure;
    }
}
