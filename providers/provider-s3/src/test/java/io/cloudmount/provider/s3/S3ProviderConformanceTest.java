package io.cloudmount.provider.s3;

import io.cloudmount.provider.StorageProvider;
import io.cloudmount.provider.conformance.StorageProviderContract;
import io.cloudmount.provider.s3.testing.S3ServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared provider contract against a real S3 server. Each test gets its own drive: a fresh
 * prefix in one bucket, so the prefix-as-root mapping is exercised by every contract test (the
 * S3-specific tests use whole buckets).
 */
class S3ProviderConformanceTest extends StorageProviderContract {
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    private static final AtomicInteger DRIVES = new AtomicInteger();
    private static volatile String bucket;

    @Override
    protected StorageProvider newProvider() {
        return new S3StorageProvider(S3.server().settings(bucket()).prefix("drives/drive-" + DRIVES.incrementAndGet()).build());
    }

    private static synchronized String bucket() {
        if (bucket == null) {
            bucket = S3.server().createBucket();
        }
        return bucket;
    }
}
