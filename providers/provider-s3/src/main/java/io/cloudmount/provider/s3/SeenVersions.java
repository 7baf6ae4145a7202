package io.cloudmount.provider.s3;

import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The version of each key the last LIST or HEAD showed: size, ETag and storage class, which is what a
 * server-side copy needs. A rename of a file the engine already knows then costs the copy and the
 * delete, without a HEAD first.
 *
 * <p>An entry may be stale (another client replaced or deleted the object since): it is only ever
 * used together with the copy's {@code x-amz-copy-source-if-match}, so a stale entry makes the copy
 * fail rather than copy the wrong version, and the caller falls back to a HEAD.
 */
final class SeenVersions {
    /** About 150 bytes each: a bounded share of the heap; past it, start over. */
    private static final int MAX_ENTRIES = 50_000;

    /** One object version; {@code storageClass} null means the store's default. */
    record Version(long size, String etag, String storageClass) {
    }

    private final Map<String, Version> byKey = new ConcurrentHashMap<>();

    void saw(S3Object listed) {
        if (listed.eTag() != null && listed.size() != null) {
            put(listed.key(), new Version(listed.size(), listed.eTag(), listed.storageClassAsString()));
        }
    }

    void saw(String key, HeadObjectResponse head) {
        if (head.eTag() != null && head.contentLength() != null) {
            put(key, new Version(head.contentLength(), head.eTag(), head.storageClassAsString()));
        }
    }

    /** The key was deleted (or moved away) by this drive. */
    void forget(String key) {
        byKey.remove(key);
    }

    /** The version last seen, or {@code null}. */
    Version get(String key) {
        return byKey.get(key);
    }

    private void put(String key, Version version) {
        if (byKey.size() >= MAX_ENTRIES) {
            byKey.clear();
        }
        byKey.put(key, version);
    }
}
