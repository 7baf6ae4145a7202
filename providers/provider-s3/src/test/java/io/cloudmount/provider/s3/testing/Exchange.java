package io.cloudmount.provider.s3.testing;

import java.util.Locale;
import java.util.Map;

/**
 * One request as {@link FaultyS3Proxy} received it, recorded before any byte of its answer leaves the
 * proxy, so a client call that has returned is always fully counted.
 *
 * @param sequence 1 for the proxy's first request, then counting up
 * @param method   the request method
 * @param target   the request target as sent ({@code /bucket/key?query})
 * @param fault    what the proxy did to it, or {@code null} if it relayed it faithfully
 * @param headers  the request's header fields by lower-case name (the first value of a repeated one)
 */
public record Exchange(long sequence, String method, String target, Fault fault, Map<String, String> headers) {

    public Exchange {
        headers = Map.copyOf(headers);
    }

    public Exchange(long sequence, String method, String target, Fault fault) {
        this(sequence, method, target, fault, Map.of());
    }

    public boolean faulted() {
        return fault != null;
    }

    /** A request header ({@code x-amz-copy-source}, {@code content-length}…), any case; {@code null} if absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
