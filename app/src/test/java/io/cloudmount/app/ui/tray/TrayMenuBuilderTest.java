package io.cloudmount.app.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.app.drive.DriveConfig;
import io.cloudmount.app.drive.DriveState;
import io.cloudmount.app.drive.DriveStatus;
import io.cloudmount.app.drive.StorageSpec;
import io.cloudmount.app.ui.common.AppActions;
import io.cloudmount.app.ui.common.DriveItem;
import io.cloudmount.app.ui.common.DriveListModel;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.Test;

class TrayMenuBuilderTest {
    private final List<String> calls = new ArrayList<>();
    private final AppActions actions = new RecordingActions(calls);

    private List<DriveItem> drives(DriveStatus... statuses) {
        var configs = FXCollections.<DriveConfig>observableArrayList();
        for (int i = 0; i < statuses.length; i++) {
            configs.add(new DriveConfig("id" + i, "Drive " + i, new StorageSpec.Memory(1024), "/m/" + i, false, false, 0, false));
        }
        DriveListModel model = new DriveListModel(configs);
        for (int i = 0; i < statuses.length; i++) {
            model.items().get(i).statusProperty().set(statuses[i]);
        }
        return model.items();
    }

    @Test
    void aMountedDriveOffersUnmountAndOpen() {
        List<TrayMenuItem> menu = TrayMenuBuilder.build(drives(DriveStatus.of(DriveState.MOUNTED)), actions);

        TrayMenuItem.SubMenu drive = (TrayMenuItem.SubMenu) menu.get(0);
        assertThat(drive.label()).isEqualTo("Drive 0 (Mounted)");
        assertThat(drive.items()).extracting(i -> ((TrayMenuItem.Action) i).label()).containsExactly("Unmount", "Open");
        ((TrayMenuItem.Action) drive.items().get(0)).action().run();
        ((TrayMenuItem.Action) drive.items().get(1)).action().run();
        assertThat(calls).containsExactly("unmount id0", "open id0");
    }

    @Test
    void anUnmountedDriveOffersMountAndADisabledOpen() {
        List<TrayMenuItem> menu = TrayMenuBuilder.build(drives(DriveStatus.UNMOUNTED), actions);

        TrayMenuItem.SubMenu drive = (TrayMenuItem.SubMenu) menu.get(0);
        assertThat(drive.items()).containsExactly(drive.items().get(0), drive.items().get(1));
        assertThat(((TrayMenuItem.Action) drive.items().get(0)).label()).isEqualTo("Mount");
        assertThat(((TrayMenuItem.Action) drive.items().get(1)).enabled()).isFalse();
    }

    @Test
    void aDriveBeingMountedCannotBeMountedAgain() {
        List<TrayMenuItem> menu = TrayMenuBuilder.build(drives(DriveStatus.of(DriveState.MOUNTING)), actions);

        TrayMenuItem.Action mount = (TrayMenuItem.Action) ((TrayMenuItem.SubMenu) menu.get(0)).items().get(0);
        assertThat(mount.enabled()).isFalse();
    }

    @Test
    void theMenuEndsWithShowWindowAndQuit() {
        List<TrayMenuItem> menu = TrayMenuBuilder.build(drives(DriveStatus.UNMOUNTED, DriveStatus.error("x")), actions);

        assertThat(menu).hasSize(5);
        assertThat(menu.get(2)).isInstanceOf(TrayMenuItem.Separator.class);
        assertThat(((TrayMenuItem.Action) menu.get(3)).label()).isEqualTo("Show window");
        ((TrayMenuItem.Action) menu.get(4)).action().run();
        assertThat(calls).containsExactly("quit");
    }

    @Test
    void theIconShowsErrorsBeforeActivity() {
        assertThat(TrayIconState.of(drives(DriveStatus.UNMOUNTED))).isEqualTo(TrayIconState.IDLE);
        assertThat(TrayIconState.of(drives(DriveStatus.UNMOUNTED, DriveStatus.error("x")))).isEqualTo(TrayIconState.ERROR);
    }

    /** Records what the menu asked for. */
    private record RecordingActions(List<String> calls) implements AppActions {
        @Override public void addDrive() { calls.add("add"); }
        @Override public void addDemoDrive() { calls.add("demo"); }
        @Override public void editDrive(String id) { calls.add("edit " + id); }
        @Override public void removeDrive(String id) { calls.add("remove " + id); }
        @Override public void mount(String id) { calls.add("mount " + id); }
        @Override public void unmount(String id) { calls.add("unmount " + id); }
        @Override public void open(String id) { calls.add("open " + id); }
        @Override public void showWindow() { calls.add("show"); }
        @Override public void showSettings() { calls.add("settings"); }
        @Override public void showAbout() { calls.add("about"); }
        @Override public void quit() { calls.add("quit"); }
    }
}
