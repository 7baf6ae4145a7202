package io.cloudmount.provider.s3.testing;

import java.util.regex.Pattern;

/**
 * Which requests a fault applies to or a count includes: a method (or any) and a regular expression
 * found in the request target as sent, path-style ({@code /bucket/key?query}, URL-encoded).
 *
 * <pre>{@code
 * RequestMatch.of("PUT", "^/bucket/big\\.bin\\?.*partNumber=2")
 * RequestMatch.of("GET", "[?&]list-type=2")
 * }</pre>
 */
public record RequestMatch(String method, Pattern target) {

    public static RequestMatch any() {
        return new RequestMatch(null, null);
    }

    public static RequestMatch method(String method) {
        return new RequestMatch(method, null);
    }

    /** {@code method} may be {@code null} for any method. */
    public static RequestMatch of(String method, String targetRegex) {
        return new RequestMatch(method, Pattern.compile(targetRegex));
    }

    /** Requests on one object: {@code /bucket/key} with or without a query. */
    public static RequestMatch object(String method, String bucket, String key) {
        return of(method, "^/" + Pattern.quote(bucket + "/" + key) + "(\\?|$)");
    }

    /** ListObjectsV2 requests on a bucket. */
    public static RequestMatch listing(String bucket) {
        return of("GET", "^/" + Pattern.quote(bucket) + "/?\\?(.*&)?list-type=2");
    }

    public boolean matches(String requestMethod, String requestTarget) {
        return (method == null || method.equalsIgnoreCase(requestMethod))
                && (target == null || target.matcher(requestTarget).find());
    }

    boolean matches(Exchange exchange) {
        return matches(exchange.method(), exchange.target());
    }
}
