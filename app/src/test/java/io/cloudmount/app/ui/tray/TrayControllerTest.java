package io.cloudmount.app.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.app.drive.ActivitySnapshot;
import io.cloudmount.app.drive.DriveConfig;
import io.cloudmount.app.drive.DriveStatus;
import io.cloudmount.app.drive.StorageSpec;
import io.cloudmount.app.ui.common.AppActions;
import io.cloudmount.app.ui.common.DriveItem;
import io.cloudmount.app.ui.common.DriveListModel;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.Test;

/** The tray follows the drives: icon state, tooltip, and notifications for mount errors and finished uploads. */
class TrayControllerTest {
    private final List<String> shown = new ArrayList<>();
    private final TraySurface surface = new TraySurface() {
        @Override
        public void update(List<TrayMenuItem> items, TrayIconState state, String tooltip) {
            shown.add("icon " + state + " / " + tooltip);
        }

        @Override
        public void notify(String caption, String text, boolean error) {
            shown.add((error ? "error: " : "info: ") + caption + " — " + text);
        }
    };
    private final DriveListModel model = new DriveListModel(FXCollections.observableArrayList(
            new DriveConfig("a", "Photos", new StorageSpec.Memory(1024), "/m/a", false, false, 0, false)));
    private final AppActions actions = (AppActions) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {AppActions.class}, (proxy, method, args) -> null);

    @Test
    void aMountErrorTurnsTheIconRedAndNotifiesOnce() {
        new TrayController(model, actions, surface);
        DriveItem photos = model.items().get(0);

        photos.statusProperty().set(DriveStatus.error("Bucket not found: bucket \"p\" does not exist"));
        photos.activityProperty().set(new ActivitySnapshot(0, 0, 0, 10, List.of()));

        assertThat(shown).containsExactly("icon IDLE / CloudMount: 0 of 1 drives mounted",
                "icon ERROR / CloudMount: 0 of 1 drives mounted",
                "error: Could not mount Photos — Bucket not found: bucket \"p\" does not exist",
                "icon ERROR / CloudMount: 0 of 1 drives mounted");
    }

    @Test
    void finishedUploadsAreAnnounced() {
        new TrayController(model, actions, surface);
        DriveItem photos = model.items().get(0);

        photos.activityProperty().set(new ActivitySnapshot(2, 0, 100, 0, List.of("/a", "/b")));
        photos.activityProperty().set(ActivitySnapshot.IDLE);

        assertThat(shown).contains("icon UPLOADING / CloudMount: 0 of 1 drives mounted, uploading 2 files",
                "info: Uploads finished — All files of Photos are uploaded.");
    }
}
