package io.cloudmount.app.ui.common;

import io.cloudmount.app.drive.ActivitySnapshot;
import io.cloudmount.app.drive.DriveConfig;
import io.cloudmount.app.drive.DriveStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javafx.beans.Observable;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The drives as the window and the tray show them: follows the configured drives (order, edits,
 * removals) and takes state changes and activity samples. FX thread only. The list fires an update
 * whenever any item's config, status or activity changes, so the tray can rebuild its menu from it.
 */
public final class DriveListModel {
    private final ObservableList<DriveItem> items = FXCollections.observableArrayList(
            item -> new Observable[] {item.configProperty(), item.statusProperty(), item.activityProperty()});
    private final Map<String, DriveItem> byId = new HashMap<>();

    public DriveListModel(ObservableList<DriveConfig> drives) {
        sync(drives);
        drives.addListener((ListChangeListener<DriveConfig>) change -> sync(drives));
    }

    public ObservableList<DriveItem> items() {
        return items;
    }

    public Optional<DriveItem> item(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public void statusChanged(String id, DriveStatus status) {
        FxThread.assertFx();
        item(id).ifPresent(item -> item.statusProperty().set(status));
    }

    public void activityChanged(String id, ActivitySnapshot snapshot) {
        FxThread.assertFx();
        item(id).ifPresent(item -> item.activityProperty().set(snapshot));
    }

    /** Files not yet uploaded, over all drives (quit asks first when this is not 0). */
    public int pendingUploads() {
        return items.stream().mapToInt(item -> item.activity().uploads()).sum();
    }

    /** The first few pending files as "drive: path", for the quit question. */
    public java.util.List<String> pendingUploadNames() {
        return items.stream().flatMap(item -> item.activity().firstPaths().stream()
                .map(path -> item.config().name() + ": " + path)).toList();
    }

    private void sync(ObservableList<DriveConfig> drives) {
        Map<String, DriveItem> old = new HashMap<>(byId);
        byId.clear();
        ObservableList<DriveItem> next = FXCollections.observableArrayList();
        for (DriveConfig drive : drives) {
            DriveItem item = old.containsKey(drive.id()) ? old.get(drive.id()) : new DriveItem(drive);
            item.configProperty().set(drive);
            byId.put(drive.id(), item);
            next.add(item);
        }
        if (!next.equals(items)) {
            items.setAll(next);
        }
    }
}
