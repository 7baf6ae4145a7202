package io.cloudmount.provider.s3;

import java.io.UncheckedIOException;
import io.cloudmount.provider.ProviderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
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

    /** Runs the parts, completes the upload and returns what the server said about the object. */
    StoredVersion run(ExecutorService executor, List<Callable<CompletedPart>> tasks) throws ProviderException {
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
            StoredVersion stored = complete(done);
            bucket.unfinished().ended(uploadId);
            return stored;
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
     * the upload gone (NoSuchUpload on MinIO, InvalidPart or an unreadable answer on S3Proxy; AWS
     * answers it like the first): then the object says whether it is ours, by the ETag these parts
     * give it (the MD5 of their MD5s, and their count), which no other version of it has.
     */
    private StoredVersion complete(List<CompletedPart> parts) throws ProviderException {
        try {
            var response = bucket.client().completeMultipartUpload(b -> b.bucket(bucket.name()).key(key)
                    .uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
            return StoredVersion.of(response.eTag(), response);
        } catch (SdkException e) {
            String expected = multipartEtag(parts);
            if (expected == null) {
                throw e;
            }
            HeadObjectResponse head;
            try {
                head = bucket.headNow(key, path).orElseThrow(() -> e);
            } catch (ProviderException unreachable) {
                throw e;
            }
            if (head.eTag() == null || !StoredVersion.unquoted(head.eTag()).equalsIgnoreCase(expected)) {
                throw e;
            }
            LOG.debug("the completion of {} failed ({}) but the object is the one these parts make", path, e.toString());
            return new StoredVersion(head.eTag(), null); // when it was stored is unknown
        }
    }

    /** The ETag S3 gives an object made of these parts, or {@code null} if a part's ETag is not a plain MD5. */
    static String multipartEtag(List<CompletedPart> parts) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            return null;
        }
        for (CompletedPart part : parts) {
            String etag = part.eTag() == null ? "" : StoredVersion.unquoted(part.eTag());
            if (!etag.matches("[0-9a-fA-F]{32}")) {
                return null; // encrypted with KMS, or the server's own scheme: nothing to compare
            }
            md5.update(HexFormat.of().parseHex(etag));
        }
        return HexFormat.of().formatHex(md5.digest()) + "-" + parts.size();
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
