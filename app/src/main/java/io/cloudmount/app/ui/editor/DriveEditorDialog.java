package io.cloudmount.app.ui.editor;

import io.cloudmount.app.drive.DriveConfig;
import io.cloudmount.app.ui.common.FxThread;
import io.cloudmount.app.ui.common.FxmlViews;
import java.util.List;
import java.util.Optional;
import javafx.scene.Parent;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The add/edit drive dialog: a window-modal stage over the drives window. */
public final class DriveEditorDialog {
    private final Stage stage;

    /**
     * @param existing     the drive to edit, or empty to add one
     * @param secretStored whether the secret store holds the drive's secret already
     * @param others       the other drives (for unique names and mount points)
     */
    public DriveEditorDialog(Window owner, Optional<DriveConfig> existing, boolean secretStored, List<DriveConfig> others,
                             EditorServices services, DriveEditorController.SaveHandler onSave) {
        FxThread.assertFx();
        DriveForm form = new DriveForm(existing, secretStored, others,
                services.windows() ? MountPointRules.WINDOWS : MountPointRules.LINUX);
        this.stage = new Stage();
        DriveEditorController controller = new DriveEditorController(form, services, onSave, stage::close);
        Parent root = FxmlViews.load(DriveEditorDialog.class, "editor.fxml", controller);
        stage.setTitle(existing.map(d -> "Edit " + d.name() + " — CloudMount").orElse("Add drive — CloudMount"));
        if (owner != null && owner.isShowing()) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setScene(FxmlViews.scene(root));
    }

    public void show() {
        stage.show();
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }
}
