package io.cloudmount.provider.s3;

import java.io.UncheckedIOException;
import io.cloudmount.provider.ProviderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CompletedPart;

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

    MultipartSession(S3Bucket bucket, String key, String path, String uploadId) {
        this.bucket = bucket;
        this.key = key;
        this.path = path;
        this.uploadId = uploadId;
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
            String etag = bucket.client().completeMultipartUpload(b -> b.bucket(bucket.name()).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(done))).eTag();
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
