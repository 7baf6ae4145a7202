package io.cloudmount.app.drive;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.engine.vfs.CacheSettings;
import io.cloudmount.engine.vfs.OpenFlags;
import io.cloudmount.engine.vfs.Vfs;
import io.cloudmount.engine.vfs.VfsOptions;
import io.cloudmount.engine.writeback.WritebackSettings;
import io.cloudmount.provider.memory.MemoryProvider;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drives list shows what the engine really has pending and cached. */
class EngineActivityTest {
    @TempDir
    Path cache;

    @Test
    void reportsTheEnginesPendingUploadsAndCacheUse() throws Exception {
        CacheSettings settings = CacheSettings.defaults(cache).withLimits(16L << 20, 0)
                .withWriteback(WritebackSettings.defaults().withDelay(Duration.ofHours(1)));
        try (Vfs vfs = Vfs.cached(MemoryProvider.withCapacity(16L << 20), VfsOptions.defaults(), settings)) {
            DriveActivity activity = new EngineActivity(vfs);
            assertThat(activity.pendingUploads()).isEmpty();
            long fh = vfs.create("/notes.txt", 0644, OpenFlags.READ_WRITE);
            vfs.write(fh, 0, ByteBuffer.wrap(new byte[5000]));
            vfs.release(fh);
            assertThat(activity.pendingUploads()).extracting(DriveActivity.UploadView::path).containsExactly("/notes.txt");
            assertThat(activity.cacheBytesUsed()).isGreaterThanOrEqualTo(5000);
        }
    }
}
