package io.cloudmount.app.drive;

import java.util.List;

/**
 * What a mounted drive is doing, as the drives list and the tray show it. The engine's write-back
 * queue and data cache will provide the real numbers; until then {@link #NONE} reports nothing.
 * Implementations are called from the sampler thread, never the FX thread, and must not block.
 */
public interface DriveActivity {
    DriveActivity NONE = new DriveActivity() {
        @Override
        public List<UploadView> pendingUploads() {
            return List.of();
        }

        @Override
        public long cacheBytesUsed() {
            return 0;
        }
    };

    /** Files written but not uploaded yet, oldest first. */
    List<UploadView> pendingUploads();

    /** Bytes this drive's data cache takes on disk. */
    long cacheBytesUsed();

    /**
     * One pending upload.
     *
     * @param path       the file's path inside the drive
     * @param bytesDone  bytes sent so far (0 while it waits in the queue)
     * @param bytesTotal the file's size
     */
    record UploadView(String path, long bytesDone, long bytesTotal) {
    }
}
