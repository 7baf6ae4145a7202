package io.cloudmount.provider.s3.testing;

import java.time.Duration;
import java.util.Objects;

/** What {@link FaultyS3Proxy} does to a request instead of relaying it faithfully. */
public sealed interface Fault {

    /**
     * The proxy answers itself with an S3 error document and closes the connection; the request
     * never reaches the server. Its body, if the client sends one, is read and dropped first.
     */
    record Status(int status, String code) implements Fault {
        public Status {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("not an error status: " + status);
            }
            Objects.requireNonNull(code, "code");
        }
    }

    /**
     * The proxy answers itself with {@code status} and this XML document, as a server that took the
     * request would (e.g. a DeleteObjects result listing keys it refused); the request never reaches the
     * server. Its body is read and dropped first.
     */
    record Reply(int status, String document) implements Fault {
        public Reply {
            Objects.requireNonNull(document, "document");
        }
    }

    /** The request reaches the server; its response is held back this long, then relayed. */
    record Delay(Duration delay) implements Fault {
        public Delay {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("negative delay " + delay);
            }
        }
    }

    /**
     * The request reaches the server and completes there; the client's connection is then reset
     * (TCP RST) after the response head and {@code bodyBytes} bytes of the body, or before anything
     * of the response when {@code bodyBytes} is negative.
     */
    record Reset(long bodyBytes) implements Fault {
    }

    /**
     * The request reaches the server; the client gets the response head unchanged (its
     * {@code Content-Length} promising the whole body), {@code bodyBytes} bytes of the body, and then
     * an orderly close.
     */
    record Truncate(long bodyBytes) implements Fault {
        public Truncate {
            if (bodyBytes < 0) {
                throw new IllegalArgumentException("negative length " + bodyBytes);
            }
        }
    }

    /**
     * Not a failure: the response is relayed with its header names written as Go's {@code net/http}
     * writes them ({@code X-Amz-Meta-Mtime}), as MinIO and other servers written in Go send them.
     */
    record GoHeaderCase() implements Fault {
    }

    /** The response's header names in Go's canonical case. */
    static Fault goHeaderCase() {
        return new GoHeaderCase();
    }

    /** 500 InternalError. */
    static Fault internalError() {
        return new Status(500, "InternalError");
    }

    /** 503 SlowDown, S3's throttling answer. */
    static Fault slowDown() {
        return new Status(503, "SlowDown");
    }

    /** 501 NotImplemented: a request the server does not offer (DeleteObjects on some S3-compatible stores). */
    static Fault notImplemented() {
        return new Status(501, "NotImplemented");
    }

    static Fault reply(int status, String document) {
        return new Reply(status, document);
    }

    static Fault delay(Duration delay) {
        return new Delay(delay);
    }

    static Fault resetBeforeResponse() {
        return new Reset(-1);
    }

    static Fault resetAfterBodyBytes(long bodyBytes) {
        return new Reset(bodyBytes);
    }

    static Fault truncateBodyAt(long bodyBytes) {
        return new Truncate(bodyBytes);
    }
}
