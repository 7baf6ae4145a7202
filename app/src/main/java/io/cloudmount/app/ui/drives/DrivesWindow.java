package io.cloudmount.app.ui.drives;

import io.cloudmount.app.config.Settings;
import io.cloudmount.app.secrets.SecretStore;
import io.cloudmount.app.ui.common.AppActions;
import io.cloudmount.app.ui.common.DriveListModel;
import io.cloudmount.app.ui.common.FxThread;
import io.cloudmount.app.ui.common.FxmlViews;
import java.util.function.BooleanSupplier;
import javafx.scene.Parent;
import javafx.stage.Stage;

/**
 * The main window. Closing it keeps the app running in the tray; where there is no tray (no tray
 * host on this desktop), closing it quits, since the app could not be reached otherwise.
 */
public final class DrivesWindow {
    public static final String TITLE = "CloudMount";

    private final Stage stage;
    private final DrivesController controller;

    public DrivesWindow(DriveListModel model, AppActions actions, Settings settings, SecretStore secrets,
                        BooleanSupplier trayAvailable) {
        FxThread.assertFx();
        this.controller = new DrivesController(model, actions, settings, secrets);
        Parent root = FxmlViews.load(DrivesWindow.class, "drives.fxml", controller);
        this.stage = new Stage();
        stage.setTitle(TITLE);
        for (int size : new int[] {16, 32, 48, 64, 128}) {
            // The window manager and the task bar pick the size they need.
            stage.getIcons().add(new javafx.scene.image.Image(
                    DrivesWindow.class.getResource("/io/cloudmount/app/ui/icon-" + size + ".png").toExternalForm()));
        }
        stage.setScene(FxmlViews.scene(root));
        stage.setOnCloseRequest(event -> {
            if (!trayAvailable.getAsBoolean()) {
                event.consume();
                actions.quit();
            }
        });
    }

    /** Shows the window and brings it to the front (also when a second launch asks for it). */
    public void show() {
        FxThread.assertFx();
        stage.setIconified(false);
        stage.show();
        stage.toFront();
        stage.requestFocus();
    }

    public Stage stage() {
        return stage;
    }

    public DrivesController controller() {
        return controller;
    }
}
