package io.cloudmount.app.ui.tray;

import io.cloudmount.app.drive.DriveState;
import io.cloudmount.app.ui.common.DriveItem;
import java.util.List;

/** What the tray icon shows: an error wins over activity, activity over rest. */
public enum TrayIconState {
    IDLE, UPLOADING, ERROR;

    static TrayIconState of(List<DriveItem> drives) {
        if (drives.stream().anyMatch(d -> d.status().state() == DriveState.ERROR)) {
            return ERROR;
        }
        if (drives.stream().anyMatch(d -> d.activity().uploads() > 0)) {
            return UPLOADING;
        }
        return IDLE;
    }
}
