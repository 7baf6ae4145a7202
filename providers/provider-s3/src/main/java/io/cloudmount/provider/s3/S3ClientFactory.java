package io.cloudmount.provider.s3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointProvider;

import java.time.Duration;

/**
 * Builds the one {@link S3Client} a provider uses.
 *
 * <p>The HTTP client is Apache's, which is pure Java: the CRT and Netty clients need native code
 * that is not built for every platform we ship (Windows on ARM64). Everything that decides where
 * requests go and how they are signed is set explicitly from {@link S3Settings}, so stray
 * {@code AWS_*} environment variables cannot redirect a configured drive; only the credential
 * chain, when chosen, reads the environment.
 */
final class S3ClientFactory {
    /** Connections beyond the transfer and lookup pools (3 x maxConcurrency), for reads and callers. */
    private static final int EXTRA_CONNECTIONS = 32;

    private S3ClientFactory() {
    }

    static S3Client create(S3Settings settings) {
        SdkHttpClient http = ApacheHttpClient.builder()
                .connectionTimeout(settings.connectTimeout())
                .socketTimeout(settings.readTimeout())
                .connectionAcquisitionTimeout(Duration.ofSeconds(30))
                .maxConnections(3 * settings.transfer().maxConcurrency() + EXTRA_CONNECTIONS)
                .tcpKeepAlive(true)
                .build();
        var builder = S3Client.builder()
                .httpClient(http)
                .region(Region.of(settings.region()))
                .credentialsProvider(credentialsProvider(settings.credentials()))
                .forcePathStyle(settings.pathStyle())
                // The endpoint rules ran twice per request; see MemoizedEndpoints.
                .endpointProvider(new MemoizedEndpoints(S3EndpointProvider.defaultProvider()))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        // Standard mode: exponential backoff with jitter on throttling, 5xx and I/O
                        // errors, and a retry quota so a dead endpoint is not hammered.
                        .retryPolicy(RetryPolicy.builder(RetryMode.STANDARD)
                                .numRetries(settings.maxAttempts() - 1)
                                .build())
                        .build())
                .serviceConfiguration(S3Configuration.builder()
                        // The SDK compares a PUT's MD5 with the returned ETag. S3-compatible servers with
                        // encryption or their own ETag scheme fail that check on good uploads; ranged
                        // GETs are not checked anyway. Lengths are still checked on every transfer.
                        .checksumValidationEnabled(false)
                        .build());
        if (settings.endpoint() != null) {
            // FIPS, dual-stack and acceleration endpoints exist only on AWS; the SDK would reject them
            // together with a custom endpoint if the environment switched them on.
            builder.endpointOverride(settings.endpoint())
                    .fipsEnabled(false)
                    .dualstackEnabled(false)
                    .accelerate(false);
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentialsProvider(S3Credentials credentials) {
        if (credentials instanceof S3Credentials.StaticKeys keys) {
            return StaticCredentialsProvider.create(keys.sessionToken() == null
                    ? AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())
                    : AwsSessionCredentials.create(keys.accessKeyId(), keys.secretAccessKey(), keys.sessionToken()));
        }
        if (credentials instanceof S3Credentials.Profile profile) {
            return ProfileCredentialsProvider.create(profile.name());
        }
        return DefaultCredentialsProvider.create();
    }
}
