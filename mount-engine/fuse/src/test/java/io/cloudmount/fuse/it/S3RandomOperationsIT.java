package io.cloudmount.fuse.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.engine.names.DriveNaming;
import io.cloudmount.provider.StorageProvider;
import io.cloudmount.provider.s3.S3StorageProvider;
import io.cloudmount.provider.s3.testing.S3ServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The model-based random tester on an S3 mount, uploads running concurrently with the operations or held back. */
class S3RandomOperationsIT {
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();
    private static final long SEED = Long.getLong("cloudmount.random.seed", 20261121L);
    private static final int STEPS = Integer.getInteger("cloudmount.random.steps", 600) / 2;

    @TempDir
    Path work;

    @Test
    void s3MountBehavesLikeAPlainFolder() throws Exception {
        runWithUploadDelay(Duration.ofMillis(50));
    }

    /** Nothing is uploaded until the end: every new file and folder stays pending while it is used. */
    @Test
    void s3MountWithUploadsHeldBackBehavesLikeAPlainFolder() throws Exception {
        runWithUploadDelay(Duration.ofHours(1));
    }

    /**
     * The tester's names differ in more than case, so a case-insensitive drive (the Windows default,
     * which resolves every name above the cache) must behave exactly like the case-sensitive model.
     */
    @Test
    void caseInsensitiveS3MountBehavesLikeAPlainFolderForNamesThatDifferInMoreThanCase() throws Exception {
        var store = new S3StorageProvider(S3.server().settings(S3.server().createBucket()).build());
        run(new DriveNaming(false, true).present(store), Duration.ofMillis(50), "case-insensitive");
    }

    private void runWithUploadDelay(Duration delay) throws Exception {
        var store = new S3StorageProvider(S3.server().settings(S3.server().createBucket()).build());
        run(store, delay, Long.toString(delay.toMillis()));
    }

    private void run(StorageProvider store, Duration delay, String label) throws Exception {
        Path model = Files.createDirectories(work.resolve("model-" + label));
        try (MountedDrive drive = S3Drives.mount(store, Files.createDirectories(work.resolve("drive-" + label)), delay)) {
            new RandomOperations(drive.root(), model, SEED).run(STEPS);
            assertThat(drive.fuseMount().vfs().flushUploads(Duration.ofSeconds(60))).isTrue();
        }
    }
}
