package io.cloudmount.fuse.it;

import io.cloudmount.engine.vfs.CacheSettings;
import io.cloudmount.engine.writeback.WritebackSettings;
import io.cloudmount.provider.StorageProvider;
import io.cloudmount.provider.s3.S3StorageProvider;
import io.cloudmount.provider.s3.testing.S3TestServer;
import java.nio.file.Path;
import java.time.Duration;

/** S3 drives for mount tests: a fresh bucket on the loopback S3 server, mounted through the write-back cache. */
final class S3Drives {
    private S3Drives() {
    }

    static MountedDrive mount(S3TestServer server, Path work, Duration uploadDelay) throws Exception {
        return mount(new S3StorageProvider(server.settings(server.createBucket()).build()), work, uploadDelay);
    }

    static MountedDrive mount(StorageProvider store, Path work, Duration uploadDelay) throws Exception {
        return mount(store, work, uploadDelay, 1L << 30);
    }

    static MountedDrive mount(StorageProvider store, Path work, Duration uploadDelay, long cacheSize) throws Exception {
        WritebackSettings defaults = WritebackSettings.defaults();
        WritebackSettings wb = new WritebackSettings(uploadDelay, defaults.maxConcurrent(), defaults.maxAttempts(),
                Duration.ofMillis(50), Duration.ofSeconds(1), defaults.drainTimeout());
        CacheSettings cache = CacheSettings.defaults(work.resolve("cache")).withWriteback(wb).withLimits(cacheSize, 0);
        return MountedDrive.mountCached(store, work, cache);
    }
}
