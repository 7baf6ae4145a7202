package io.cloudmount.app.ui.common;

import io.cloudmount.app.drive.ActivitySnapshot;
import io.cloudmount.app.drive.DriveConfig;
import io.cloudmount.app.drive.DriveStatus;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * One row of the drives list (and one drive of the tray menu): its configuration, its state and what
 * it is doing. Changed only on the FX thread, by {@link DriveListModel}.
 */
public final class DriveItem {
    private final String id;
    private final ObjectProperty<DriveConfig> config;
    private final ObjectProperty<DriveStatus> status = new SimpleObjectProperty<>(DriveStatus.UNMOUNTED);
    private final ObjectProperty<ActivitySnapshot> activity = new SimpleObjectProperty<>(ActivitySnapshot.IDLE);

    DriveItem(DriveConfig config) {
        this.id = config.id();
        this.config = new SimpleObjectProperty<>(config);
    }

    public String id() {
        return id;
    }

    public ObjectProperty<DriveConfig> configProperty() {
        return config;
    }

    public DriveConfig config() {
        return config.get();
    }

    public ObjectProperty<DriveStatus> statusProperty() {
        return status;
    }

    public DriveStatus status() {
        return status.get();
    }

    public ObjectProperty<ActivitySnapshot> activityProperty() {
        return activity;
    }

    public ActivitySnapshot activity() {
        return activity.get();
    }
}
