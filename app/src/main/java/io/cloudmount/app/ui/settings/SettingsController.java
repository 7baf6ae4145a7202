package io.cloudmount.app.ui.settings;

import io.cloudmount.app.config.Settings;
import io.cloudmount.app.drive.Bytes;
import io.cloudmount.app.secrets.SecretStore;
import io.cloudmount.app.system.FileManager;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.DirectoryChooser;

/** Binds the settings window to {@link Settings}; every change saves itself (no Save button). */
public final class SettingsController {
    static final String[] LOG_LEVELS = {"ERROR", "WARN", "INFO", "DEBUG", "TRACE"};

    private final Settings settings;
    private final SecretStore secrets;
    private final Path defaultCacheDir;
    private final Path logDir;
    private final String autostartLocation;
    private final Runnable close;

    @FXML private TextField cacheDirectoryField;
    @FXML private TextField cacheSizeField;
    @FXML private Label cacheSizeError;
    @FXML private CheckBox startAtLoginCheck;
    @FXML private Label autostartInfo;
    @FXML private Label secretsInfo;
    @FXML private ChoiceBox<String> logLevelBox;
    @FXML private Label logFolderLabel;

    SettingsController(Settings settings, SecretStore secrets, Path defaultCacheDir, Path logDir,
                       String autostartLocation, Runnable close) {
        this.settings = settings;
        this.secrets = secrets;
        this.defaultCacheDir = defaultCacheDir;
        this.logDir = logDir;
        this.autostartLocation = autostartLocation;
        this.close = close;
    }

    @FXML
    private void initialize() {
        cacheDirectoryField.setPromptText(defaultCacheDir.toString());
        cacheDirectoryField.textProperty().bindBidirectional(settings.cacheDirectory());
        cacheSizeField.setText(Bytes.format(settings.cacheSizeBytes().get()));
        cacheSizeField.textProperty().addListener((o, was, now) -> {
            try {
                settings.cacheSizeBytes().set(Bytes.parse(now));
                cacheSizeError.setText("");
            } catch (IllegalArgumentException e) {
                cacheSizeError.setText(e.getMessage());
            }
        });
        startAtLoginCheck.selectedProperty().bindBidirectional(settings.startAtLogin());
        autostartInfo.setText("Uses " + autostartLocation);
        logLevelBox.getItems().setAll(LOG_LEVELS);
        logLevelBox.valueProperty().bindBidirectional(settings.logLevel());
        logFolderLabel.setText(logDir.toString());
        secretsInfo.setText(secrets.isSecure() ? "Secret keys are kept in " + secrets.description() + "."
                : "Warning: no system keyring was found, so secret keys are kept in " + secrets.description()
                + ". Install GNOME Keyring or KWallet to keep them safer.");
        if (!secrets.isSecure()) {
            secretsInfo.getStyleClass().add("field-error");
        }
    }

    @FXML
    private void browseCache() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Folder for cached data");
        String current = settings.cacheDirectory().get();
        File initial = current.isBlank() ? defaultCacheDir.toFile() : new File(current);
        if (initial.isDirectory()) {
            chooser.setInitialDirectory(initial);
        }
        File chosen = chooser.showDialog(cacheDirectoryField.getScene().getWindow());
        if (chosen != null) {
            settings.cacheDirectory().set(chosen.getAbsolutePath());
        }
    }

    @FXML
    private void openLogFolder() {
        try {
            Files.createDirectories(logDir);
        } catch (java.io.IOException e) {
            // the file manager will say the folder is missing; nothing more useful to do here
        }
        FileManager.open(logDir);
    }

    @FXML
    private void close() {
        close.run();
    }
}
