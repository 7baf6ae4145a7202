package io.cloudmount.provider.s3;

import software.amazon.awssdk.services.s3.model.S3Response;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * What the server said when it stored an object version: its ETag and the time of its answer (its
 * {@code Date} header, whole seconds). The version's LastModified is at most that time, which lets a
 * later listing recognise the version this drive wrote ({@link KnownModTimes#wrote}).
 *
 * @param answered {@code null} if the answer carried no readable date
 */
record StoredVersion(String etag, Instant answered) {

    static StoredVersion of(String etag, S3Response response) {
        return new StoredVersion(etag, answeredAt(response));
    }

    /** An ETag without its quotes: servers quote it in one answer and not in another. */
    static String unquoted(String etag) {
        return etag.replace("\"", "");
    }

    /** The server's clock when it answered, or {@code null}. */
    static Instant answeredAt(S3Response response) {
        if (response == null || response.sdkHttpResponse() == null) {
            return null;
        }
        return response.sdkHttpResponse().firstMatchingHeader("Date").map(date -> {
            try {
                return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }).orElse(null);
    }
}
