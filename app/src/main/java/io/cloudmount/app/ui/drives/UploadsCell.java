package io.cloudmount.app.ui.drives;

import io.cloudmount.app.drive.ActivitySnapshot;
import io.cloudmount.app.ui.common.DriveItem;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;

/** The uploads column: "—" when idle, else a progress bar and "3 files, 12 MB left". */
final class UploadsCell extends TableCell<DriveItem, ActivitySnapshot> {
    private final ProgressBar bar = new ProgressBar();

    UploadsCell() {
        bar.setPrefWidth(50);
        setContentDisplay(ContentDisplay.LEFT);
    }

    @Override
    protected void updateItem(ActivitySnapshot activity, boolean empty) {
        super.updateItem(activity, empty);
        if (empty || activity == null) {
            setText(null);
            setGraphic(null);
            return;
        }
        setText(activity.describeUploads());
        if (activity.uploads() == 0) {
            setGraphic(null);
        } else {
            bar.setProgress(activity.progress());
            setGraphic(bar);
        }
    }
}
