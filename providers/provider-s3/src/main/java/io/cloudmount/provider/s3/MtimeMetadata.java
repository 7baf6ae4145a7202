package io.cloudmount.provider.s3;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code x-amz-meta-mtime} convention shared with rclone and s3fs: seconds since the epoch as a
 * decimal string. rclone writes nine fraction digits ({@code "1700000000.123456789"}), s3fs whole
 * seconds ({@code "1700000000"}); both forms, and anything else {@link BigDecimal} parses, are read.
 */
final class MtimeMetadata {
    /** Seconds since the epoch: an optional sign, digits, an optional fraction; bounded so parsing stays cheap. */
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?\\d{1,20}(\\.\\d{1,20})?");
    /** User metadata key; the SDK adds and strips the {@code x-amz-meta-} prefix. */
    static final String KEY = "mtime";

    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private MtimeMetadata() {
    }

    static String format(Instant time) {
        long seconds = time.getEpochSecond();
        int nanos = time.getNano();
        if (seconds < 0 && nanos > 0) {
            // Before 1970 the decimal is negative: -1.25 is epochSecond -2 plus 0.75 s.
            return BigDecimal.valueOf(seconds).add(BigDecimal.valueOf(nanos, 9)).toPlainString();
        }
        return seconds + "." + String.format("%09d", nanos);
    }

    /**
     * The stored time, or {@code null} if there is none or it does not parse (a foreign tool's format).
     * The key is matched in any case: the SDK keeps the header's case, and servers written in Go (MinIO)
     * send {@code X-Amz-Meta-Mtime}, which arrives as {@code Mtime}.
     */
    static Instant parse(Map<String, String> userMetadata) {
        String value = userMetadata == null ? null : valueOf(userMetadata);
        if (value == null || value.isBlank() || !PLAIN_DECIMAL.matcher(value.trim()).matches()) {
            return null; // rclone and s3fs write plain decimals; "1e100000000" would take minutes to scale
        }
        try {
            BigDecimal total = new BigDecimal(value.trim());
            BigDecimal seconds = total.setScale(0, RoundingMode.FLOOR);
            long nanos = total.subtract(seconds).multiply(NANOS_PER_SECOND).setScale(0, RoundingMode.FLOOR).longValueExact();
            return Instant.ofEpochSecond(seconds.longValueExact(), nanos);
        } catch (ArithmeticException | NumberFormatException | java.time.DateTimeException e) {
            return null;
        }
    }

    /**
     * A copy of {@code userMetadata} with the time replaced, under the one key {@link #KEY}: a copy that kept
     * {@code Mtime} beside it would send the header twice, and servers keep either value.
     */
    static Map<String, String> with(Map<String, String> userMetadata, Instant time) {
        Map<String, String> copy = new HashMap<>(userMetadata == null ? Map.of() : userMetadata);
        copy.keySet().removeIf(KEY::equalsIgnoreCase);
        copy.put(KEY, format(time));
        return copy;
    }

    private static String valueOf(Map<String, String> userMetadata) {
        String exact = userMetadata.get(KEY);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> entry : userMetadata.entrySet()) {
            if (KEY.equalsIgnoreCase(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }
}
