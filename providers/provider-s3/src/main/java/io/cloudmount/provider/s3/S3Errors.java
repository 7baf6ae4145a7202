package io.cloudmount.provider.s3;

import io.cloudmount.provider.ObjectPaths;
import io.cloudmount.provider.ProviderException;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.conn.ConnectionPoolTimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Error;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * The one place where AWS SDK failures become {@link ProviderException}s.
 *
 * <p>Messages are built here from the error code, the HTTP status and the bucket/endpoint; the
 * server's free-text message is not copied, so nothing a server echoes back (signatures, request
 * canonical strings) lands in a message. The SDK exception stays attached as the cause where the
 * SPI type allows one.
 */
final class S3Errors {
    private static final Set<String> UNAVAILABLE_CODES = Set.of(
            "SlowDown", "ServiceUnavailable", "InternalError", "RequestTimeout", "OperationAborted", "Throttling", "ThrottlingException", "TooManyRequests", "RequestLimitExceeded");
    private static final Set<String> QUOTA_CODES = Set.of(
            "QuotaExceeded", "XMinioAdminBucketQuotaExceeded", "XMinioStorageFull", "EntityTooLarge");
    /** Codes that speak of the credentials or the clock, not of one object. */
    private static final Set<String> CREDENTIAL_CODES = Set.of(
            "InvalidAccessKeyId", "SignatureDoesNotMatch", "RequestTimeTooSkewed", "ExpiredToken", "TokenRefreshRequired");

    private final String bucket;
    private final String endpoint;

    S3Errors(S3Settings settings) {
        this.bucket = settings.bucket();
        this.endpoint = settings.endpoint() == null ? "AWS S3 in " + settings.region() : settings.endpoint().toString();
    }

    /** Translates a failure of a call about {@code path}. Never returns {@code null}. */
    ProviderException translate(Throwable failure, String path) {
        if (failure instanceof ProviderException pe) {
            return pe;
        }
        if (failure instanceof AwsServiceException service) {
            return fromService(service, path);
        }
        if (failure instanceof AbortedException || failure instanceof InterruptedIOException
                && !(failure instanceof SocketTimeoutException)) {
            return new ProviderException.Io(path, "interrupted", failure);
        }
        if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
            return new ProviderException.Unavailable(path, "request to " + endpoint + " timed out", failure);
        }
        if (failure instanceof SdkClientException || failure instanceof IOException
                || failure instanceof UncheckedIOException) {
            return fromClientSide(failure, path);
        }
        if (failure instanceof SdkException) {
            return new ProviderException.Io(path, "S3 client error " + failure.getClass().getSimpleName(), failure);
        }
        return new ProviderException.Io(path, "unexpected " + failure.getClass().getSimpleName(), failure);
    }

    /**
     * Whether a failed HEAD of an entry a LIST has just shown means "you may not read this object"
     * rather than "the server, the network or the credentials failed": 403 (a policy that lets the
     * user list the bucket but read only some keys, as AWS's "home folder" example does), or another
     * 4xx such as the 400 of an SSE-C object HEADed without its key. A listing then shows the entry
     * as the LIST described it instead of failing whole. Not: 404 (handled as "gone"), 401, 408, 429,
     * throttling and the codes of {@link #UNAVAILABLE_CODES} (retryable), 5xx, network failures, and
     * codes that name the credentials or the clock. A HEAD's error has no body, so its code is
     * usually unknown; the status decides then.
     */
    static boolean refusesOnlyThisObject(ProviderException failure) {
        if (failure instanceof ProviderException.Unavailable || !(failure.getCause() instanceof AwsServiceException e)) {
            return false;
        }
        int status = e.statusCode();
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if (status < 400 || status >= 500 || status == 401 || status == 404 || status == 408 || status == 429
                || e.isThrottlingException()) {
            return false;
        }
        return code == null || !UNAVAILABLE_CODES.contains(code) && !CREDENTIAL_CODES.contains(code)
                && !"NoSuchBucket".equals(code);
    }

    /** The endpoint answered, but not as S3 does ({@code what}): another kind of server listens there. */
    ProviderException notAnS3Server(String path, String what) {
        return new ProviderException.Io(path, endpoint + " does not answer as an S3 server (" + what
                + "); check the endpoint URL", null);
    }

    /** A key that a batch delete ({@code DeleteObjects}) reported as not deleted. */
    ProviderException translateDeleteError(S3Error error, String path) {
        String code = error.code();
        String detail = "could not delete key " + error.key() + " (S3 error " + code + ")";
        if ("AccessDenied".equals(code)) {
            return new ProviderException.AccessDenied(path, detail);
        }
        if (code != null && UNAVAILABLE_CODES.contains(code)) {
            return new ProviderException.Unavailable(path, detail, null);
        }
        return new ProviderException.Io(path, detail, null);
    }

    private ProviderException fromService(AwsServiceException e, String path) {
        int status = e.statusCode();
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String tag = "S3 error " + (code == null ? "" : code + ", ") + "HTTP " + status;
        if ("NoSuchBucket".equals(code)) {
            return new ProviderException.NotFound(path, "bucket \"" + bucket + "\" does not exist at " + endpoint);
        }
        if (status == 404 && code == null && ObjectPaths.ROOT.equals(path)) {
            // A listing of the bucket (the root's only request) that fails without an S3 error code: S3 says
            // NoSuchBucket; a web server at the endpoint says 404 with a page. "No such file: /" told nothing.
            return notAnS3Server(path, "HTTP 404 without an S3 error to a listing of bucket \"" + bucket + "\"");
        }
        if (status == 404) {
            return new ProviderException.NotFound(path);
        }
        if ("InvalidAccessKeyId".equals(code)) {
            return new ProviderException.AccessDenied(path,
                    "the access key id is not known to " + endpoint + "; check the drive's credentials", e);
        }
        if ("SignatureDoesNotMatch".equals(code)) {
            return new ProviderException.AccessDenied(path,
                    "the secret key does not match the access key id; check the drive's credentials", e);
        }
        if ("RequestTimeTooSkewed".equals(code)) {
            return new ProviderException.AccessDenied(path,
                    "this computer's clock differs too much from the server's; correct the system time", e);
        }
        if ("ExpiredToken".equals(code) || "TokenRefreshRequired".equals(code)) {
            return new ProviderException.AccessDenied(path, "the session token has expired; sign in again", e);
        }
        if (code != null && QUOTA_CODES.contains(code) || status == 507) {
            return new ProviderException.NoSpace(path, tag);
        }
        if (status == 403 || status == 401) {
            return new ProviderException.AccessDenied(path,
                    "the credentials may not access bucket \"" + bucket + "\" here (" + tag + ")", e);
        }
        if (status == 412 || "PreconditionFailed".equals(code)) {
            return new ProviderException.Conflict(path, "the object changed on the server (" + tag + ")");
        }
        if ("KeyTooLongError".equals(code)) {
            return new ProviderException.NameTooLong(path, "its key is longer than S3 allows");
        }
        if (status == 501 || "NotImplemented".equals(code)) {
            return new ProviderException.Unsupported(path, "this request on " + endpoint + " (" + tag + ")");
        }
        if (status == 429 || status >= 500 || code != null && UNAVAILABLE_CODES.contains(code) || e.isThrottlingException()) {
            return new ProviderException.Unavailable(path, endpoint + " is busy or failing (" + tag + ")", e);
        }
        return new ProviderException.Io(path, tag, e);
    }

    private ProviderException fromClientSide(Throwable e, String path) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LocalReadFailure local) {
                return new ProviderException.Io(path, "cannot read the local file "
                        + local.file + " (" + local.getCause().getClass().getSimpleName() + ")", e);
            }
        }
        Throwable network = findNetworkCause(e);
        if (network instanceof UnknownHostException) {
            return new ProviderException.Unavailable(path, "cannot resolve the host of " + endpoint, e);
        }
        if (network instanceof SocketTimeoutException) {
            return new ProviderException.Unavailable(path, "no answer from " + endpoint + " in time", e);
        }
        if (network instanceof ConnectionPoolTimeoutException) {
            return new ProviderException.Unavailable(path, "every connection to " + endpoint
                    + " stayed busy for too long (many transfers at once)", e);
        }
        if (network instanceof ConnectException || network instanceof NoRouteToHostException
                || network instanceof ConnectTimeoutException) {
            return new ProviderException.Unavailable(path, "cannot connect to " + endpoint, e);
        }
        if (network != null) {
            return new ProviderException.Unavailable(path, "connection to " + endpoint + " failed ("
                    + network.getClass().getSimpleName() + ")", e);
        }
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Unable to load credentials") || message.contains("profile file")) {
            // A configuration problem, not a transient one: say so instead of suggesting a retry.
            return new ProviderException.AccessDenied(path, "no usable AWS credentials were found", e);
        }
        return new ProviderException.Io(path, "S3 client error " + e.getClass().getSimpleName(), e);
    }

    /**
     * Marks a failure to read the local source of an upload, so that it is not mistaken for a
     * network failure when the SDK hands it back wrapped in its own exception.
     */
    static final class LocalReadFailure extends UncheckedIOException {
        private final String file;

        LocalReadFailure(String file, IOException cause) {
            super("cannot read " + file, cause);
            this.file = file;
        }
    }

    /** The first I/O exception in the cause chain: what actually went wrong on the wire. */
    private static Throwable findNetworkCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // Interrupted I/O is our own cancellation, except for timeouts: a read that timed out, or the
            // HTTP client's wait for a connection or for a free one from its pool.
            if (t instanceof IOException && !(t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException)
                    && !(t instanceof ConnectTimeoutException))) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
