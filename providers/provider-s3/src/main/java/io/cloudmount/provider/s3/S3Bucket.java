package io.cloudmount.provider.s3;

import java.io.UncheckedIOException;
import io.cloudmount.provider.ObjectPaths;
import io.cloudmount.provider.ProviderException;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.core.retry.RetryPolicyContext;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URLConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simple single-request operations on the drive's bucket, with errors already translated.
 * Multi-request work (uploads, copies, listings) is built on top of this and of {@link #client()}.
 */
final class S3Bucket {
    private static final Logger LOG = LoggerFactory.getLogger(S3Bucket.class);
    /** Content type of marker objects; s3fs writes and recognizes the same. */
    static final String DIRECTORY_CONTENT_TYPE = "application/x-directory";
    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";
    /** DeleteObjects accepts at most this many keys per request. */
    private static final int DELETE_BATCH = 1000;

    private final S3Client client;
    private final String name;
    private final S3Errors errors;
    private final SeenVersions seen = new SeenVersions();

    private final UnfinishedUploads unfinished;
    private final S3Keys keys;
    private final DeferredDeletes deferred;
    /**
     * HEADs, LISTs and DELETEs end after one read timeout, retries included: a lookup or delete runs
     * under a file system request that no signal interrupts, and a frozen server held {@code cat} for
     * four read timeouts.
     */
    private final AwsRequestOverrideConfiguration metadataCall;
    /**
     * The client's own retries: keys a DeleteObjects answer reports as refused for now are sent again
     * as often, and after the same waits, as the client resends a refused request.
     */
    private final RetryPolicy retries;
    /**
     * Set once the server answered DeleteObjects "not implemented": from then on every delete (folder
     * moves, {@link DeferredDeletes}) goes one key per request without asking again.
     */
    private volatile boolean deleteObjectsUnsupported;

    /**
     * @param deferredJournal where the deletes of renamed files' old keys are journaled ({@code null}: nowhere)
     * @param store           the store's name ({@link S3Settings#storeName}), naming that journal's owner
     */
    S3Bucket(S3Client client, String name, S3Errors errors, UnfinishedUploads unfinished, Duration metadataLimit,
             S3Keys keys, Path deferredJournal, String store) {
        this.client = client;
        this.name = name;
        this.errors = errors;
        this.unfinished = unfinished;
        this.keys = keys;
        this.metadataCall = AwsRequestOverrideConfiguration.builder().apiCallTimeout(metadataLimit).build();
        this.retries = client.serviceClientConfiguration().overrideConfiguration().retryPolicy()
                .orElseGet(RetryPolicy::defaultRetryPolicy);
        this.deferred = new DeferredDeletes(this, deferredJournal, store, metadataLimit);
    }

    /** Old keys of renamed files, deleted in the background and hidden from lookups and listings until then. */
    DeferredDeletes deferred() {
        return deferred;
    }

    /** The drive path of a key, for messages. */
    String pathOf(String key) {
        return keys.pathOf(key);
    }

    /** The multipart uploads in progress, recorded so that a killed process's parts are aborted later. */
    UnfinishedUploads unfinished() {
        return unfinished;
    }

    S3Client client() {
        return client;
    }

    String name() {
        return name;
    }

    S3Errors errors() {
        return errors;
    }

    /** What the last LIST or HEAD of each key through this bucket showed (for copies without a HEAD). */
    SeenVersions seen() {
        return seen;
    }

    /** HEAD of a key; empty if there is no such object (or it is a renamed file's old key: see {@link #deferred}). */
    Optional<HeadObjectResponse> head(String key, String path) throws ProviderException {
        if (deferred.hides(key)) {
            return Optional.empty();
        }
        return headNow(key, path);
    }

    /** HEAD of a key as the server has it, hidden or not. */
    Optional<HeadObjectResponse> headNow(String key, String path) throws ProviderException {
        try {
            HeadObjectResponse head = client.headObject(b -> b.bucket(name).key(key).overrideConfiguration(metadataCall));
            seen.saw(key, head);
            return Optional.of(head);
        } catch (NoSuchKeyException e) {
            seen.forget(key);
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !isNoSuchBucket(e)) {
                return Optional.empty();
            }
            throw errors.translate(e, path);
        } catch (SdkException | UncheckedIOException e) {
            throw errors.translate(e, path);
        }
    }

    /**
     * One page of keys.
     *
     * @param delimiter {@code "/"} for one directory level, {@code null} for the whole subtree
     */
    ListObjectsV2Response list(String prefix, String delimiter, String continuationToken, int maxKeys, String path)
            throws ProviderException {
        return list(prefix, delimiter, continuationToken, maxKeys, path, metadataCall);
    }

    private ListObjectsV2Response list(String prefix, String delimiter, String continuationToken, int maxKeys,
                                       String path, AwsRequestOverrideConfiguration call) throws ProviderException {
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder()
                .bucket(name)
                .prefix(prefix)
                .maxKeys(maxKeys)
                // Keys may hold characters XML 1.0 cannot carry; the SDK decodes the answer.
                .encodingType(EncodingType.URL)
                .overrideConfiguration(call);
        if (delimiter != null) {
            request.delimiter(delimiter);
        }
        if (continuationToken != null) {
            request.continuationToken(continuationToken);
        }
        try {
            long sentAt = deferred.now();
            ListObjectsV2Response page = client.listObjectsV2(request.build());
            if (!page.hasContents()) {
                return page;
            }
            List<S3Object> shown = new ArrayList<>(page.contents().size());
            for (S3Object object : page.contents()) {
                if (!deferred.hides(object.key(), sentAt)) {
                    if (!deferred.hides(object.key())) { // renamed away while listed: shown, but not a version to copy
                        seen.saw(object);
                    }
                    shown.add(object);
                }
            }
            return shown.size() == page.contents().size() ? page : page.toBuilder().contents(shown).build();
        } catch (SdkException | UncheckedIOException e) {
            throw errors.translate(e, path);
        }
    }

    /**
     * One small listing that must answer within {@code limit}, retries included: the mount's access
     * check. A server that accepts connections and never answers would otherwise hold the mount for
     * the read timeout times the attempts (four minutes).
     */
    void probe(String prefix, Duration limit) throws ProviderException {
        ListObjectsV2Response page = list(prefix, null, null, 1, ObjectPaths.ROOT,
                AwsRequestOverrideConfiguration.builder().apiCallTimeout(limit).build());
        // Every S3 server names the bucket in a listing. The SDK reads any 200 answer as a listing, an
        // empty one when it is a web page: a web server at the endpoint mounted as an empty drive, whose
        // files then never arrived anywhere.
        if (page.name() == null) {
            throw errors.notAnS3Server(ObjectPaths.ROOT, "its answer to a bucket listing is not one");
        }
    }

    /** The first {@code max} keys that start with {@code prefix}, in key order (a marker comes first). */
    List<S3Object> firstKeysUnder(String prefix, int max, String path) throws ProviderException {
        // Old names of renamed files are listed, then left out: ask for as many more, and page on if
        // that was not enough.
        int ask = Math.min(DELETE_BATCH, max + deferred.hiddenUnder(prefix));
        List<S3Object> shown = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Response page = list(prefix, null, token, ask, path);
            if (page.hasContents()) {
                shown.addAll(page.contents());
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (shown.size() < max && token != null);
        return shown.size() > max ? List.copyOf(shown.subList(0, max)) : shown;
    }

    /** Writes an object from memory (markers and empty files). */
    PutObjectResponse putSmall(String key, byte[] content, String contentType, Instant modified, String path)
            throws ProviderException {
        deferred.settle(key, path);
        try {
            return client.putObject(b -> b.bucket(name).key(key).contentType(contentType)
                            .metadata(Map.of(MtimeMetadata.KEY, MtimeMetadata.format(modified))),
                    RequestBody.fromBytes(content));
        } catch (SdkException | UncheckedIOException e) {
            throw errors.translate(e, path);
        }
    }

    /** Deletes one key; S3 answers success for missing keys too. A deferred delete of it is settled first. */
    void delete(String key, String path) throws ProviderException {
        if (!deferred.settle(key, path)) {
            deleteNow(key, path);
        }
    }

    /** Deletes the old key of a renamed file after the rename has returned (see {@link DeferredDeletes}). */
    void deleteLater(String key, String etag) {
        seen.forget(key);
        deferred.defer(key, etag);
    }

    /** One DELETE request. */
    void deleteNow(String key, String path) throws ProviderException {
        seen.forget(key);
        try {
            client.deleteObject(b -> b.bucket(name).key(key).overrideConfiguration(metadataCall));
        } catch (SdkException | UncheckedIOException e) {
            throw errors.translate(e, path);
        }
    }

    /**
     * Deletes many keys: in DeleteObjects batches, or one DELETE each on a server without it. Keys a
     * batch reports as refused for now (busy, 5xx) are sent again after a backoff, a bounded number of
     * times; fails on the first key the server will not delete.
     */
    void deleteAll(List<String> keys, String path) throws ProviderException {
        List<String> left = keys;
        for (int retried = 0; ; retried++) {
            List<S3Error> refused = deleteEachOnce(left, path);
            if (refused.isEmpty()) {
                return;
            }
            ProviderException first = null;
            for (S3Error error : refused) {
                ProviderException failure = errors.translateDeleteError(error, path);
                if (!failure.isRetryable()) {
                    throw failure;
                }
                first = first == null ? failure : first;
            }
            if (retried >= retries.numRetries()) {
                throw first;
            }
            LOG.debug("{} of {} key(s) refused for now, e.g. {}; sending them again", refused.size(), left.size(),
                    refused.get(0).key());
            waitBeforeRetry(retried, path);
            left = refused.stream().map(S3Error::key).toList();
        }
    }

    /** Sends one delete of each key; returns the keys a batch reported as not deleted. */
    private List<S3Error> deleteEachOnce(List<String> keys, String path) throws ProviderException {
        List<S3Error> refused = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH));
            if (!deleteObjectsUnsupported) {
                try {
                    refused.addAll(deleteBatch(batch, path));
                    continue;
                } catch (ProviderException.Unsupported e) {
                    // deleteBatch noted it: this batch and all later deletes go one key per request
                }
            }
            for (String key : batch) {
                deleteNow(key, pathOf(key)); // a DELETE refused for now is resent by the client itself
            }
        }
        return refused;
    }

    /** Waits as the client waits between attempts of a throttled request: the server sheds load key by key. */
    private void waitBeforeRetry(int retried, String path) throws ProviderException {
        Duration delay = retries.throttlingBackoffStrategy()
                .computeDelayBeforeNextRetry(RetryPolicyContext.builder().retriesAttempted(retried).build());
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException.Io(path, "interrupted", e);
        }
    }

    /** Whether deletes go one key per request: the server answered DeleteObjects "not implemented". */
    boolean deletesOneKeyPerRequest() {
        return deleteObjectsUnsupported;
    }

    /**
     * One DeleteObjects request (at most {@value #DELETE_BATCH} keys); returns the keys the server did not
     * delete. Throws {@link ProviderException.Unsupported} on a server without it, and remembers that
     * ({@link #deletesOneKeyPerRequest}).
     */
    List<S3Error> deleteBatch(List<String> keys, String path) throws ProviderException {
        keys.forEach(seen::forget);
        List<ObjectIdentifier> batch = keys.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
        DeleteObjectsResponse response;
        try {
            response = client.deleteObjects(b -> b.bucket(name).delete(Delete.builder().objects(batch).quiet(true).build())
                    .overrideConfiguration(metadataCall));
        } catch (SdkException | UncheckedIOException e) {
            ProviderException failure = errors.translate(e, path);
            if (failure instanceof ProviderException.Unsupported) {
                LOG.info("{}; deleting one key per request from now on", failure.getMessage());
                deleteObjectsUnsupported = true;
            }
            throw failure;
        }
        return response.hasErrors() ? response.errors() : List.of();
    }

    /** A content type from the name's extension, so browsers and S3 consoles handle the object sensibly. */
    static String contentTypeFor(String key) {
        String type = URLConnection.getFileNameMap().getContentTypeFor(key.substring(key.lastIndexOf('/') + 1));
        return type == null ? DEFAULT_CONTENT_TYPE : type;
    }

    private static boolean isNoSuchBucket(S3Exception e) {
        return e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
    }
}
