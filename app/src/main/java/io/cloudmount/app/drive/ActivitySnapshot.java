package io.cloudmount.app.drive;

import java.util.List;

/**
 * What the UI shows about a drive's uploads and cache, sampled from its {@link DriveActivity}.
 *
 * @param uploads    pending uploads
 * @param bytesDone  bytes of them already sent
 * @param bytesTotal bytes of them in all
 * @param cacheBytes disk cache in use
 */
public record ActivitySnapshot(int uploads, long bytesDone, long bytesTotal, long cacheBytes) {
    public static final ActivitySnapshot IDLE = new ActivitySnapshot(0, 0, 0, 0);

    static ActivitySnapshot of(DriveActivity activity) {
        List<DriveActivity.UploadView> pending = activity.pendingUploads();
        long done = 0;
        long total = 0;
        for (DriveActivity.UploadView upload : pending) {
            done += upload.bytesDone();
            total += upload.bytesTotal();
        }
        return new ActivitySnapshot(pending.size(), done, total, activity.cacheBytesUsed());
    }

    /** 0..1, or -1 when nothing is pending (the UI hides the bar then). */
    public double progress() {
        if (uploads == 0) {
            return -1;
        }
        return total() == 0 ? 0 : (double) bytesDone / bytesTotal;
    }

    private long total() {
        return bytesTotal;
    }

    public String describeUploads() {
        return uploads == 0 ? "—" : uploads + (uploads == 1 ? " file, " : " files, ")
                + Bytes.format(bytesTotal - bytesDone) + " left";
    }
}
