package io.cloudmount.app.drive;

import java.util.List;

/**
 * What the UI shows about a drive's uploads and cache, sampled from its {@link DriveActivity}.
 *
 * @param uploads    pending uploads
 * @param bytesDone  bytes of them already sent
 * @param bytesTotal bytes of them in all
 * @param cacheBytes disk cache in use
 * @param firstPaths the first few pending files (the quit question names them)
 */
public record ActivitySnapshot(int uploads, long bytesDone, long bytesTotal, long cacheBytes, List<String> firstPaths) {
    public static final ActivitySnapshot IDLE = new ActivitySnapshot(0, 0, 0, 0, List.of());
    static final int NAMED = 5;

    public ActivitySnapshot {
        firstPaths = List.copyOf(firstPaths);
    }

    static ActivitySnapshot of(DriveActivity activity) {
        List<DriveActivity.UploadView> pending = activity.pendingUploads();
        long done = 0;
        long total = 0;
        for (DriveActivity.UploadView upload : pending) {
            done += upload.bytesDone();
            total += upload.bytesTotal();
        }
        List<String> named = pending.stream().limit(NAMED).map(DriveActivity.UploadView::path).toList();
        return new ActivitySnapshot(pending.size(), done, total, activity.cacheBytesUsed(), named);
    }

    /** 0..1, or -1 when nothing is pending (the UI hides the bar then). */
    public double progress() {
        if (uploads == 0) {
            return -1;
        }
        return bytesTotal == 0 ? 0 : (double) bytesDone / bytesTotal;
    }

    public String describeUploads() {
        return uploads == 0 ? "—" : uploads + (uploads == 1 ? " file, " : " files, ")
                + Bytes.format(bytesTotal - bytesDone) + " left";
    }
}
