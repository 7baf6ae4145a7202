package io.cloudmount.provider.s3;

import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stored {@code mtime} of object versions already read with a HEAD, so that listing a directory
 * again (its listing expired, or a poll) costs one LIST instead of one HEAD per file.
 *
 * <p><b>A version is its ETag plus its LastModified.</b> A listing shows both for every object, but
 * not the user metadata. Rewriting an object, even copying it onto itself to change only its
 * metadata (same content, so same ETag), gives it a new LastModified; but LastModified has whole
 * seconds, so two rewrites within one second would look alike. Hence a HEAD is remembered only if the
 * server answered it (its {@code Date}) at least {@code settle} after that second: any version the
 * HEAD did not see is newer than the answer, so it has a later LastModified.
 */
final class KnownModTimes {
    /** Covers the whole LastModified second plus clock differences between the server's nodes. */
    static final Duration SETTLE = Duration.ofSeconds(2);
    /** About 200 bytes each: a bounded share of the heap; past it, start over. */
    private static final int MAX_ENTRIES = 100_000;

    private final Duration settle;
    private final Map<String, Known> byKey = new ConcurrentHashMap<>();

    KnownModTimes(Duration settle) {
        this.settle = settle;
    }

    /** What a HEAD of this version said the modification time was, or {@code null} if unknown. */
    Instant modified(S3Object listed) {
        Known known = byKey.get(listed.key());
        if (known == null || listed.eTag() == null || listed.lastModified() == null
                || !known.etag.equals(listed.eTag())
                || known.lastModifiedSecond != listed.lastModified().getEpochSecond()) {
            return null;
        }
        return known.modified;
    }

    /** Remembers the time a HEAD of {@code key} showed, if the answer identifies its version (see above). */
    void record(String key, HeadObjectResponse head) {
        Instant answered = answeredAt(head);
        if (head.eTag() == null || head.lastModified() == null || answered == null) {
            return;
        }
        long second = head.lastModified().getEpochSecond();
        if (answered.isBefore(Instant.ofEpochSecond(second + 1).plus(settle))) {
            return; // a rewrite in the same second could still follow unseen
        }
        if (byKey.size() >= MAX_ENTRIES) {
            byKey.clear();
        }
        byKey.put(key, new Known(head.eTag(), second, PathLookup.modified(head)));
    }

    private static Instant answeredAt(HeadObjectResponse head) {
        if (head.sdkHttpResponse() == null) {
            return null;
        }
        return head.sdkHttpResponse().firstMatchingHeader("Date").map(date -> {
            try {
                return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }).orElse(null);
    }

    private record Known(String etag, long lastModifiedSecond, Instant modified) {
    }
}
