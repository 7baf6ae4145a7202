package io.cloudmount.provider.s3;

import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.ProviderException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error table for answers a test server cannot be made to give (throttling, 5xx). These are
 * the SDK's own exception values, as its response handlers build them, not mocks.
 */
class S3ErrorsTest {
    private final S3Errors errors = new S3Errors(S3Settings.builder("bucket").endpoint(URI.create("http://127.0.0.1:9")).build());

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "503, SlowDown, UNAVAILABLE",
            "503, ServiceUnavailable, UNAVAILABLE",
            "500, InternalError, UNAVAILABLE",
            "400, RequestTimeout, UNAVAILABLE",
            "429, '', UNAVAILABLE",
            "404, NoSuchKey, NOT_FOUND",
            "404, NoSuchBucket, NOT_FOUND",
            "404, '', NOT_FOUND",
            "403, AccessDenied, ACCESS_DENIED",
            "403, InvalidAccessKeyId, ACCESS_DENIED",
            "403, SignatureDoesNotMatch, ACCESS_DENIED",
            "403, RequestTimeTooSkewed, ACCESS_DENIED",
            "400, ExpiredToken, ACCESS_DENIED",
            "412, PreconditionFailed, CONFLICT",
            "400, KeyTooLongError, NAME_TOO_LONG",
            "501, NotImplemented, UNSUPPORTED",
            "403, QuotaExceeded, NO_SPACE",
            "400, InvalidArgument, IO"})
    void serviceErrorsMapToKinds(int status, String code, Kind expected) {
        ProviderException mapped = errors.translate(serviceError(status, code), "/p");

        assertThat(mapped.kind()).isEqualTo(expected);
        assertThat(mapped.path()).isEqualTo("/p");
        assertThat(mapped.isRetryable()).isEqualTo(expected == Kind.UNAVAILABLE);
    }

    /** A listing shows an entry as listed on these HEAD failures only (HEAD errors carry no body, hence no code). */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "403, '', true",
            "403, AccessDenied, true",
            "400, '', true",
            "400, InvalidRequest, true",
            "405, '', true",
            "400, RequestTimeout, false",
            "400, ExpiredToken, false",
            "403, InvalidAccessKeyId, false",
            "403, SignatureDoesNotMatch, false",
            "403, RequestTimeTooSkewed, false",
            "403, QuotaExceeded, false",
            "401, '', false",
            "404, '', false",
            "412, '', false",
            "429, '', false",
            "500, '', false",
            "503, SlowDown, false"})
    void onlyARefusalOfTheObjectItselfCountsAsOneEntrysRefusal(int status, String code, boolean refusal) {
        ProviderException mapped = errors.translate(serviceError(status, code), "/p");

        assertThat(S3Errors.refusesOnlyThisObject(mapped)).isEqualTo(refusal);
    }

    @Test
    void aNetworkFailureIsNoRefusalOfOneEntry() {
        ProviderException mapped = errors.translate(SdkClientException.create("x", new ConnectException("refused")), "/p");

        assertThat(S3Errors.refusesOnlyThisObject(mapped)).isFalse();
    }

    @Test
    void networkFailuresAreUnavailable() {
        for (IOException cause : new IOException[] {
                new ConnectException("Connection refused"), new SocketTimeoutException("Read timed out"),
                new UnknownHostException("nowhere.invalid"),
                // the Apache client's own timeouts: connecting, and waiting for a free pooled connection
                new org.apache.http.conn.ConnectTimeoutException("Connect to 127.0.0.1:9 timed out"),
                new org.apache.http.conn.ConnectionPoolTimeoutException("Timeout waiting for connection from pool")}) {
            var wrapped = SdkClientException.builder().message("Unable to execute HTTP request").cause(cause).build();

            assertThat(errors.translate(wrapped, "/p").kind()).as(cause.toString()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(errors.translate(wrapped, "/p").isRetryable()).as(cause.toString()).isTrue();
        }
    }

    @Test
    void missingCredentialsAreAConfigurationProblemNotARetry() {
        var e = SdkClientException.create("Unable to load credentials from any of the providers in the chain");

        assertThat(errors.translate(e, "/").kind()).isEqualTo(Kind.ACCESS_DENIED);
    }

    @Test
    void aLocalReadFailureIsNotBlamedOnTheNetwork() {
        var local = new S3Errors.LocalReadFailure("/tmp/x", new IOException("disk on fire"));
        var wrapped = SdkClientException.builder().message("Unable to execute HTTP request").cause(local).build();

        ProviderException mapped = errors.translate(wrapped, "/p");

        assertThat(mapped.kind()).isEqualTo(Kind.IO);
        assertThat(mapped.getMessage()).contains("/tmp/x");
    }

    @Test
    void theServersFreeTextIsNotCopiedIntoMessages() {
        var e = S3Exception.builder().statusCode(403).message("StringToSign: AWS4-HMAC-SHA256 secretish")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("secretish").build()).build();

        assertThat(errors.translate(e, "/p").getMessage()).doesNotContain("secretish");
    }

    private static S3Exception serviceError(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code.isEmpty() ? null : code).build())
                .build();
    }
}
