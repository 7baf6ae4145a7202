package io.cloudmount.app.ui.tray;

import io.cloudmount.app.drive.DriveState;
import io.cloudmount.app.ui.common.AppActions;
import io.cloudmount.app.ui.common.DriveItem;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the tray menu from the drives: one submenu per drive (Mount or Unmount, Open), then Show
 * window and Quit. Pure: actions only delegate to {@link AppActions}.
 */
public final class TrayMenuBuilder {
    private TrayMenuBuilder() {
    }

    public static List<TrayMenuItem> build(List<DriveItem> drives, AppActions actions) {
        List<TrayMenuItem> menu = new ArrayList<>();
        for (DriveItem drive : drives) {
            String id = drive.id();
            DriveState state = drive.status().state();
            TrayMenuItem toggle = state == DriveState.MOUNTED || state == DriveState.UNMOUNTING
                    ? new TrayMenuItem.Action("Unmount", state == DriveState.MOUNTED, () -> actions.unmount(id))
                    : new TrayMenuItem.Action("Mount", state.canMount(), () -> actions.mount(id));
            List<TrayMenuItem> items = List.of(toggle,
                    new TrayMenuItem.Action("Open", state == DriveState.MOUNTED, () -> actions.open(id)));
            menu.add(new TrayMenuItem.SubMenu(drive.config().name() + " (" + state.label() + ")", items));
        }
        if (!drives.isEmpty()) {
            menu.add(new TrayMenuItem.Separator());
        }
        menu.add(new TrayMenuItem.Action("Show window", true, actions::showWindow));
        menu.add(new TrayMenuItem.Action("Quit CloudMount", true, actions::quit));
        return List.copyOf(menu);
    }
}
