package io.cloudmount.app.ui.drives;

import io.cloudmount.app.drive.DriveState;
import io.cloudmount.app.drive.DriveStatus;
import io.cloudmount.app.ui.common.DriveItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

/** The state column: "Mounted", "Error: <reason>" in red with the whole reason as a tooltip. */
final class StateCell extends TableCell<DriveItem, DriveStatus> {
    @Override
    protected void updateItem(DriveStatus status, boolean empty) {
        super.updateItem(status, empty);
        getStyleClass().removeAll("state-error", "state-mounted");
        if (empty || status == null) {
            setText(null);
            setTooltip(null);
            return;
        }
        // A mounted drive's message is its mount point, already in its own column.
        setText(status.state() == DriveState.MOUNTED ? status.state().label() : status.describe());
        setTooltip(status.message().isEmpty() ? null : new Tooltip(status.describe()));
        if (status.state() == DriveState.ERROR) {
            getStyleClass().add("state-error");
        } else if (status.state() == DriveState.MOUNTED) {
            getStyleClass().add("state-mounted");
        }
    }
}
