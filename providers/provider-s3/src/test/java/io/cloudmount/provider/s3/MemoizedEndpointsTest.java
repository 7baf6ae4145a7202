package io.cloudmount.provider.s3;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointParams;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointProvider;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemoizedEndpointsTest {
    private static final S3EndpointProvider RULES = S3EndpointProvider.defaultProvider();

    /** The drive configurations we support: custom endpoints either way, AWS either way. */
    private static final List<S3EndpointParams> DRIVES = List.of(
            params("bucket-a", "us-east-1", "http://127.0.0.1:9000", true),
            params("bucket-a", "us-east-1", "https://s3.example.com:9443/base", false),
            params("my.dotted.bucket", "eu-west-1", null, true),
            params("bucket-b", "us-west-2", null, false),
            params("bucket-c", "us-east-1", null, false));

    @Test
    void theRulesIgnoreTheObjectKeySoOneAnswerServesEveryKey() {
        // Guards the memo key: if an SDK upgrade makes the rules depend on the key, this fails.
        for (S3EndpointParams drive : DRIVES) {
            Endpoint plain = RULES.resolveEndpoint(drive).join();
            for (S3EndpointParams request : requestsOn(drive)) {
                assertThat(RULES.resolveEndpoint(request).join()).as("%s", request).isEqualTo(plain);
            }
        }
    }

    @Test
    void answersAsTheRulesDoForEveryDriveAndKey() {
        var memoized = new MemoizedEndpoints(RULES);
        for (S3EndpointParams drive : DRIVES) {
            for (S3EndpointParams request : requestsOn(drive)) {
                assertThat(memoized.resolveEndpoint(request).join()).isEqualTo(RULES.resolveEndpoint(request).join());
            }
        }
    }

    @Test
    void evaluatesTheRulesOncePerBucket() {
        var counting = new CountingRules();
        var memoized = new MemoizedEndpoints(counting);
        S3EndpointParams drive = DRIVES.get(0);

        for (int i = 0; i < 100; i++) {
            memoized.resolveEndpoint(drive.toBuilder().key("dir/file-" + i).build()).join();
        }
        assertThat(counting.calls).hasValue(1);

        Endpoint other = memoized.resolveEndpoint(drive.toBuilder().bucket("other-bucket").build()).join();
        assertThat(counting.calls).hasValue(2);
        assertThat(other.url().getPath()).isEqualTo("/other-bucket");
    }

    @Test
    void aRejectedConfigurationFailsEveryTime() {
        var counting = new CountingRules();
        var memoized = new MemoizedEndpoints(counting);
        // The rules refuse FIPS together with a custom endpoint.
        S3EndpointParams invalid = DRIVES.get(0).toBuilder().useFips(true).build();

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> memoized.resolveEndpoint(invalid).join()).isInstanceOf(CompletionException.class);
        }
        assertThat(counting.calls).hasValue(2);
    }

    private static List<S3EndpointParams> requestsOn(S3EndpointParams drive) {
        return List.of(
                drive.toBuilder().key("file.txt").build(),
                drive.toBuilder().key("dir/with space/ä+%.bin").build(),
                drive.toBuilder().prefix("dir/").build(),
                drive.toBuilder().deleteObjectKeys(List.of("a", "b/c")).build());
    }

    private static S3EndpointParams params(String bucket, String region, String endpoint, boolean pathStyle) {
        return S3EndpointParams.builder().bucket(bucket).region(Region.of(region)).endpoint(endpoint)
                .forcePathStyle(pathStyle).useFips(false).useDualStack(false).accelerate(false).build();
    }

    private static final class CountingRules implements S3EndpointProvider {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public CompletableFuture<Endpoint> resolveEndpoint(S3EndpointParams params) {
            calls.incrementAndGet();
            return RULES.resolveEndpoint(params);
        }
    }
}
