package io.cloudmount.app.ui.settings;

import io.cloudmount.app.config.Settings;
import io.cloudmount.app.secrets.SecretStore;
import io.cloudmount.app.ui.common.FxThread;
import io.cloudmount.app.ui.common.FxmlViews;
import java.nio.file.Path;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The settings window (one at a time: showing it again brings it forward). */
public final class SettingsWindow {
    private final Stage stage = new Stage();

    public SettingsWindow(Window owner, Settings settings, SecretStore secrets, Path defaultCacheDir, Path logDir,
                          String autostartLocation) {
        FxThread.assertFx();
        SettingsController controller = new SettingsController(settings, secrets, defaultCacheDir, logDir,
                autostartLocation, stage::close);
        stage.setTitle("Settings — CloudMount");
        if (owner != null && owner.isShowing()) {
            stage.initOwner(owner);
        }
        stage.setScene(FxmlViews.scene(FxmlViews.load(SettingsWindow.class, "settings.fxml", controller)));
    }

    public void show() {
        stage.show();
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }
}
