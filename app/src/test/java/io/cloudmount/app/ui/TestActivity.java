package io.cloudmount.app.ui;

import io.cloudmount.app.drive.DriveActivity;
import io.cloudmount.app.drive.DriveActivitySource;
import java.util.List;

/** Stands in for the engine's upload queue: the test says what is pending. */
final class TestActivity implements DriveActivity, DriveActivitySource {
    volatile List<UploadView> pending = List.of();
    volatile long cacheBytes;

    @Override
    public List<UploadView> pendingUploads() {
        return pending;
    }

    @Override
    public long cacheBytesUsed() {
        return cacheBytes;
    }

    @Override
    public DriveActivity activityOf(io.cloudmount.app.drive.DriveConfig drive, io.cloudmount.engine.vfs.Vfs mountedVfs) {
        return this;
    }
}
