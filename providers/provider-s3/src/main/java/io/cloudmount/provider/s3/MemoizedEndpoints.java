package io.cloudmount.provider.s3;

import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointParams;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointProvider;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SDK's S3 endpoint rules, evaluated once per distinct answer instead of twice per request.
 *
 * <p>Every request runs the rules once to choose its auth scheme and once more to choose its URL:
 * hundreds of generated rule methods, a third of the client's CPU per small request while the JVM
 * is still warming up (measured on a cold {@code stat} of 2000 files, one HEAD each). A drive talks
 * to one bucket with one configuration, so the answer only changes with the parameters below. The
 * object key, prefix and delete keys are left out of the memo key: the rules of the SDK version we
 * build with do not read them ({@code MemoizedEndpointsTest} fails if an upgrade starts to).
 * Failures are not memoized, so a misconfiguration still fails every request the same way.
 */
final class MemoizedEndpoints implements S3EndpointProvider {
    /** More distinct answers than a drive can produce (one bucket, a few operation kinds): stop adding. */
    private static final int MAX_ENTRIES = 64;

    private final S3EndpointProvider rules;
    private final Map<Key, Endpoint> answers = new ConcurrentHashMap<>();

    MemoizedEndpoints(S3EndpointProvider rules) {
        this.rules = rules;
    }

    @Override
    public CompletableFuture<Endpoint> resolveEndpoint(S3EndpointParams params) {
        Key key = Key.of(params);
        Endpoint known = answers.get(key);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return rules.resolveEndpoint(params).thenApply(endpoint -> {
            if (answers.size() < MAX_ENTRIES) {
                answers.putIfAbsent(key, endpoint);
            }
            return endpoint;
        });
    }

    /** Every rule input except the per-request key, prefix and delete keys. */
    private record Key(String bucket, Region region, Boolean useFips, Boolean useDualStack, String endpoint,
                       Boolean forcePathStyle, Boolean accelerate, Boolean useGlobalEndpoint,
                       Boolean useObjectLambdaEndpoint, Boolean disableAccessPoints,
                       Boolean disableMultiRegionAccessPoints, Boolean useArnRegion,
                       Boolean useS3ExpressControlEndpoint, Boolean disableS3ExpressSessionAuth) {
        static Key of(S3EndpointParams p) {
            return new Key(p.bucket(), p.region(), p.useFips(), p.useDualStack(), p.endpoint(), p.forcePathStyle(),
                    p.accelerate(), p.useGlobalEndpoint(), p.useObjectLambdaEndpoint(), p.disableAccessPoints(),
                    p.disableMultiRegionAccessPoints(), p.useArnRegion(), p.useS3ExpressControlEndpoint(),
                    p.disableS3ExpressSessionAuth());
        }
    }
}
