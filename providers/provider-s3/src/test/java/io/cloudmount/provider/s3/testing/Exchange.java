package io.cloudmount.provider.s3.testing;

/**
 * One request as {@link FaultyS3Proxy} received it, recorded before any byte of its answer leaves
 * the proxy, so a client call that has returned is always fully counted.
 *
 * @param sequence 1 for the proxy's first request, then counting up
 * @param method   the request method
 * @param target   the request target as sent ({@code /bucket/key?query})
 * @param fault    what the proxy did to it, or {@code null} if it relayed it faithfully
 */
public record Exchange(long sequence, String method, String target, Fault fault) {

    public boolean faulted() {
        return fault != null;
    }
}
