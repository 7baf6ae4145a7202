package io.cloudmount.app.ui.about;

import io.cloudmount.app.system.FileManager;
import javafx.fxml.FXML;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;

/** The About box: version and credits. */
public final class AboutController {
    static final String WINFSP_URL = "https://github.com/winfsp/winfsp";

    private final Runnable close;

    @FXML private Label versionLabel;
    @FXML private Hyperlink winfspLink;

    AboutController(Runnable close) {
        this.close = close;
    }

    @FXML
    private void initialize() {
        String version = AboutController.class.getPackage().getImplementationVersion();
        versionLabel.setText("Version " + (version == null ? "development build" : version));
    }

    @FXML
    private void openWinFsp() {
        FileManager.browse(WINFSP_URL);
        winfspLink.setVisited(true);
    }

    @FXML
    private void close() {
        close.run();
    }
}
