package io.cloudmount.app.ui.about;

import io.cloudmount.app.ui.common.FxThread;
import io.cloudmount.app.ui.common.FxmlViews;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The About box. */
public final class AboutWindow {
    private final Stage stage = new Stage();

    public AboutWindow(Window owner) {
        FxThread.assertFx();
        stage.setTitle("About CloudMount");
        stage.setResizable(false);
        if (owner != null && owner.isShowing()) {
            stage.initOwner(owner);
        }
        stage.setScene(FxmlViews.scene(FxmlViews.load(AboutWindow.class, "about.fxml", new AboutController(stage::close))));
    }

    public void show() {
        stage.show();
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }
}
