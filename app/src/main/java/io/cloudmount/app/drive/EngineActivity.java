package io.cloudmount.app.drive;

import io.cloudmount.engine.vfs.Vfs;
import java.util.List;

/**
 * A mounted drive's activity read from the engine: its write-back queue and data cache. Both calls
 * only take snapshots of in-memory state, so the sampler may poll them often.
 */
public final class EngineActivity implements DriveActivity {
    /** The source the app uses: every mounted drive reports what its engine is doing. */
    public static final DriveActivitySource SOURCE = (drive, vfs) -> new EngineActivity(vfs);

    private final Vfs vfs;

    public EngineActivity(Vfs vfs) {
        this.vfs = vfs;
    }

    @Override
    public List<UploadView> pendingUploads() {
        // Failed uploads stay listed: their files are still only on this machine.
        return vfs.pendingUploads().stream()
                .map(s -> new UploadView(s.path(), s.bytesSent(), Math.max(s.bytesTotal(), s.bytesSent())))
                .toList();
    }

    @Override
    public long cacheBytesUsed() {
        return vfs.cacheBytesUsed();
    }
}
