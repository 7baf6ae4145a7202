package io.cloudmount.app.ui.tray;

import io.cloudmount.app.drive.ActivitySnapshot;
import io.cloudmount.app.drive.DriveState;
import io.cloudmount.app.drive.DriveStatus;
import io.cloudmount.app.ui.common.AppActions;
import io.cloudmount.app.ui.common.DriveItem;
import io.cloudmount.app.ui.common.DriveListModel;
import io.cloudmount.app.ui.common.FxThread;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;

/**
 * Keeps the tray in step with the drives: rebuilds the menu data on every change, updates the icon,
 * and posts a notification when a mount fails or a drive's uploads finish. FX thread only.
 */
public final class TrayController {
    private final DriveListModel model;
    private final AppActions actions;
    private final TraySurface tray;
    private final Map<String, DriveStatus> lastStatus = new HashMap<>();
    private final Map<String, ActivitySnapshot> lastActivity = new HashMap<>();
    private List<TrayMenuItem> items = List.of();

    public TrayController(DriveListModel model, AppActions actions, TraySurface tray) {
        this.model = model;
        this.actions = actions;
        this.tray = tray;
        model.items().addListener((ListChangeListener<DriveItem>) change -> refresh());
        refresh();
    }

    /** The menu as it is now: what the tray shows, and what tests click. */
    public List<TrayMenuItem> items() {
        FxThread.assertFx();
        return items;
    }

    public TraySurface tray() {
        return tray;
    }

    private void refresh() {
        List<DriveItem> drives = List.copyOf(model.items());
        items = TrayMenuBuilder.build(drives, actions);
        TrayIconState state = TrayIconState.of(drives);
        long mounted = drives.stream().filter(d -> d.status().state() == DriveState.MOUNTED).count();
        int uploads = drives.stream().mapToInt(d -> d.activity().uploads()).sum();
        tray.update(items, state, "CloudMount: " + mounted + " of " + drives.size() + " drives mounted"
                + (uploads == 0 ? "" : ", uploading " + uploads + " files"));
        drives.forEach(this::notifyChanges);
    }

    private void notifyChanges(DriveItem drive) {
        DriveStatus status = drive.status();
        DriveStatus before = lastStatus.put(drive.id(), status);
        if (status.state() == DriveState.ERROR && !status.equals(before)) {
            tray.notify("Could not mount " + drive.config().name(), status.message(), true);
        }
        ActivitySnapshot activity = drive.activity();
        ActivitySnapshot previous = lastActivity.put(drive.id(), activity);
        if (previous != null && previous.uploads() > 0 && activity.uploads() == 0) {
            tray.notify("Uploads finished", "All files of " + drive.config().name() + " are uploaded.", false);
        }
    }
}
