package io.cloudmount.fuse.it;

import static org.assertj.core.api.Assertions.assertThat;

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

    private void runWithUploadDelay(Duration delay) throws Exception {
        Path model = Files.createDirectories(work.resolve("model-" + delay.toMillis()));
        try (MountedDrive drive = S3Drives.mount(S3.server(), Files.createDirectories(work.resolve("drive-" + delay.toMillis())), delay)) {
            new RandomOperations(drive.root(), model, SEED).run(STEPS);
            assertThat(drive.fuseMount().vfs().flushUploads(Duration.ofSeconds(60))).isTrue();
        }
    }
}
