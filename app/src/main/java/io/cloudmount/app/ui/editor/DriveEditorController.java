package io.cloudmount.app.ui.editor;

import io.cloudmount.app.drive.ConnectionTester;
import io.cloudmount.app.drive.DriveConfig;
import io.cloudmount.app.drive.MountPoints;
import io.cloudmount.app.drive.ProblemMessages;
import io.cloudmount.app.drive.StorageSpec;
import io.cloudmount.app.drive.StorageSpec.S3Auth;
import io.cloudmount.app.secrets.SecretStore;
import io.cloudmount.app.ui.common.Tasks;
import io.cloudmount.app.ui.editor.DriveForm.Field;
import io.cloudmount.app.ui.editor.DriveForm.Kind;
import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.StringProperty;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/**
 * Binds the editor's controls to a {@link DriveForm}, shows each field's error once the field was
 * touched (or Save was pressed), and runs "Test connection" and the secret store off the FX thread.
 */
public final class DriveEditorController {
    /** What the dialog hands back: the drive, saved into the settings by the caller. */
    public interface SaveHandler {
        void saved(DriveConfig drive);
    }

    private final DriveForm form;
    private final ConnectionTester tester;
    private final SecretStore secrets;
    private final Executor background;
    private final List<String> freeDriveLetters;
    private final java.nio.file.Path mountRoot;
    private final boolean windows;
    private final SaveHandler onSave;
    private final Runnable close;
    private final FieldErrors errors = new FieldErrors();

    @FXML private ToggleGroup kindGroup;
    @FXML private ToggleGroup authGroup;
    @FXML private ToggleButton kindS3;
    @FXML private ToggleButton kindLocal;
    @FXML private ToggleButton kindMemory;
    @FXML private TextField nameField;
    @FXML private TextField endpointField;
    @FXML private TextField regionField;
    @FXML private TextField bucketField;
    @FXML private TextField prefixField;
    @FXML private RadioButton authKeys;
    @FXML private RadioButton authProfile;
    @FXML private RadioButton authDefault;
    @FXML private TextField accessKeyField;
    @FXML private PasswordField secretKeyField;
    @FXML private TextField profileField;
    @FXML private CheckBox pathStyleCheck;
    @FXML private CheckBox serverTimesCheck;
    @FXML private TextField folderField;
    @FXML private TextField capacityField;
    @FXML private TextField mountPointField;
    @FXML private ComboBox<String> driveLetterBox;
    @FXML private CheckBox networkDriveCheck;
    @FXML private TextField cacheSizeField;
    @FXML private CheckBox readOnlyCheck;
    @FXML private CheckBox mountAtStartCheck;
    @FXML private GridPane s3Section;
    @FXML private GridPane localSection;
    @FXML private GridPane memorySection;
    @FXML private HBox folderMountBox;
    @FXML private HBox letterMountBox;
    @FXML private Label accessKeyLabel;
    @FXML private VBox accessKeyBox;
    @FXML private Label secretKeyLabel;
    @FXML private VBox secretKeyBox;
    @FXML private Label profileLabel;
    @FXML private VBox profileBox;
    @FXML private Button testButton;
    @FXML private Label testResult;
    @FXML private Button saveButton;
    @FXML private Label saveError;
    @FXML private Label nameError;
    @FXML private Label endpointError;
    @FXML private Label regionError;
    @FXML private Label bucketError;
    @FXML private Label accessKeyError;
    @FXML private Label secretKeyError;
    @FXML private Label profileError;
    @FXML private Label folderError;
    @FXML private Label capacityError;
    @FXML private Label mountPointError;
    @FXML private Label cacheSizeError;

    DriveEditorController(DriveForm form, EditorServices services, SaveHandler onSave, Runnable close) {
        this.form = form;
        this.tester = services.tester();
        this.secrets = services.secrets();
        this.background = services.background();
        this.freeDriveLetters = services.freeLetters();
        this.mountRoot = services.mountRoot();
        this.windows = services.windows();
        this.onSave = onSave;
        this.close = close;
    }

    @FXML
    private void initialize() {
        bind(nameField.textProperty(), form.name, Field.NAME);
        bind(endpointField.textProperty(), form.endpoint, Field.ENDPOINT);
        bind(regionField.textProperty(), form.region, Field.REGION);
        bind(bucketField.textProperty(), form.bucket, Field.BUCKET);
        bind(prefixField.textProperty(), form.prefix, null);
        bind(accessKeyField.textProperty(), form.accessKey, Field.ACCESS_KEY);
        bind(secretKeyField.textProperty(), form.secretKey, Field.SECRET_KEY);
        bind(profileField.textProperty(), form.profile, Field.PROFILE);
        bind(folderField.textProperty(), form.folder, Field.FOLDER);
        bind(capacityField.textProperty(), form.capacity, Field.CAPACITY);
        bind(mountPointField.textProperty(), form.mountPoint, Field.MOUNT_POINT);
        bind(cacheSizeField.textProperty(), form.cacheSize, Field.CACHE_SIZE);
        pathStyleCheck.selectedProperty().bindBidirectional(form.pathStyle);
        serverTimesCheck.selectedProperty().bindBidirectional(form.serverModTimes);
        networkDriveCheck.selectedProperty().bindBidirectional(form.networkDrive);
        readOnlyCheck.selectedProperty().bindBidirectional(form.readOnly);
        mountAtStartCheck.selectedProperty().bindBidirectional(form.mountAtStart);
        if (form.secretStored()) {
            secretKeyField.setPromptText("stored in " + secrets.description() + "; type to replace");
        }
        errors.register(Field.NAME, nameError);
        errors.register(Field.ENDPOINT, endpointError);
        errors.register(Field.REGION, regionError);
        errors.register(Field.BUCKET, bucketError);
        errors.register(Field.ACCESS_KEY, accessKeyError);
        errors.register(Field.SECRET_KEY, secretKeyError);
        errors.register(Field.PROFILE, profileError);
        errors.register(Field.FOLDER, folderError);
        errors.register(Field.CAPACITY, capacityError);
        errors.register(Field.MOUNT_POINT, mountPointError);
        errors.register(Field.CACHE_SIZE, cacheSizeError);

        selectToggles();
        kindGroup.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // a segmented choice: one is always on
                return;
            }
            form.kind.set(now == kindS3 ? Kind.S3 : now == kindLocal ? Kind.LOCAL : Kind.MEMORY);
            testResult.setText("");
            layoutSections();
        });
        authGroup.selectedToggleProperty().addListener((o, was, now) -> {
            form.auth.set(now == authProfile ? S3Auth.PROFILE : now == authDefault ? S3Auth.DEFAULT_CHAIN : S3Auth.KEYS);
            layoutSections();
        });
        setUpMountPoint();
        layoutSections();
    }

    private void setUpMountPoint() {
        show(folderMountBox, !windows);
        show(letterMountBox, windows);
        if (windows) {
            driveLetterBox.getItems().add("*");
            driveLetterBox.getItems().addAll(freeDriveLetters);
            if (!form.mountPoint.get().isEmpty() && !driveLetterBox.getItems().contains(form.mountPoint.get())) {
                driveLetterBox.getItems().add(form.mountPoint.get()); // the drive's own letter, taken by itself
            }
            driveLetterBox.valueProperty().bindBidirectional(form.mountPoint);
            // WinFsp puts a network drive on the first free letter itself.
            driveLetterBox.disableProperty().bind(networkDriveCheck.selectedProperty());
            if (form.mountPoint.get().isEmpty()) {
                form.mountPoint.set("*");
            }
        } else if (form.mountPoint.get().isEmpty()) {
            // Follow the name until the user types a mount point of their own.
            form.name.addListener((o, was, now) -> {
                if (form.mountPoint.get().isEmpty() || form.mountPoint.get().equals(MountPoints.suggest(mountRoot, was))) {
                    form.mountPoint.set(MountPoints.suggest(mountRoot, now));
                }
            });
        }
    }

    private void selectToggles() {
        Toggle kind = switch (form.kind.get()) {
            case S3 -> kindS3;
            case LOCAL -> kindLocal;
            case MEMORY -> kindMemory;
        };
        kindGroup.selectToggle(kind);
        authGroup.selectToggle(switch (form.auth.get()) {
            case KEYS -> authKeys;
            case PROFILE -> authProfile;
            case DEFAULT_CHAIN -> authDefault;
        });
    }

    private void layoutSections() {
        show(s3Section, form.kind.get() == Kind.S3);
        show(localSection, form.kind.get() == Kind.LOCAL);
        show(memorySection, form.kind.get() == Kind.MEMORY);
        boolean keys = form.auth.get() == S3Auth.KEYS;
        for (Node node : List.of(accessKeyLabel, accessKeyBox, secretKeyLabel, secretKeyBox)) {
            show(node, keys);
        }
        show(profileLabel, form.auth.get() == S3Auth.PROFILE);
        show(profileBox, form.auth.get() == S3Auth.PROFILE);
        showErrors();
        if (nameField.getScene() != null && nameField.getScene().getWindow() != null) {
            nameField.getScene().getWindow().sizeToScene();
        }
    }

    private void bind(StringProperty control, StringProperty model, Field field) {
        control.bindBidirectional(model);
        model.addListener((o, was, now) -> {
            if (field != null) {
                errors.touched(field);
            }
            showErrors();
        });
    }

    private void showErrors() {
        errors.show(form.validate());
    }

    @FXML
    private void testConnection() {
        Map<Field, String> storageErrors = form.validateStorage();
        if (!storageErrors.isEmpty()) {
            errors.touchedAll(storageErrors.keySet());
            showErrors();
            showTestResult(false, "Fix the highlighted fields first.");
            return;
        }
        StorageSpec spec = form.storage();
        Optional<String> typed = form.typedSecret();
        boolean needsStoredSecret = spec instanceof StorageSpec.S3 s3 && s3.auth() == S3Auth.KEYS && typed.isEmpty();
        String secretKeyName = form.secretKeyName();
        testButton.setDisable(true);
        showTestResult(true, "Testing…");
        testResult.getStyleClass().removeAll("test-ok", "test-failed");
        Tasks.create(() -> tester.test(spec, needsStoredSecret ? secrets.get(secretKeyName) : typed))
                .onSuccess(result -> showTestResult(result.ok(), result.message()))
                .onError(error -> showTestResult(false, ProblemMessages.of(error)))
                .andFinally(() -> testButton.setDisable(false))
                .runOn(background);
    }

    private void showTestResult(boolean ok, String message) {
        testResult.setText(message);
        testResult.getStyleClass().removeAll("test-ok", "test-failed");
        testResult.getStyleClass().add(ok ? "test-ok" : "test-failed");
    }

    @FXML
    private void save() {
        errors.saveAttempted();
        showErrors();
        if (!form.validate().isEmpty()) {
            saveError.setText("Some fields need attention.");
            return;
        }
        DriveConfig drive = form.toDrive();
        Optional<String> typed = form.typedSecret();
        boolean dropSecret = form.secretStored() && !(drive.storage() instanceof StorageSpec.S3 s3 && s3.auth() == S3Auth.KEYS);
        saveButton.setDisable(true);
        saveError.setText("");
        Tasks.create(() -> {
            if (typed.isPresent()) {
                secrets.put(drive.secretKey(), typed.get());
            } else if (dropSecret) {
                secrets.delete(drive.secretKey());
            }
            return drive;
        }).onSuccess(saved -> {
            onSave.saved(saved);
            close.run();
        }).onError(error -> saveError.setText("The secret key could not be saved in " + secrets.description()
                + ": " + ProblemMessages.of(error))).andFinally(() -> saveButton.setDisable(false)).runOn(background);
    }

    @FXML
    private void cancel() {
        close.run();
    }

    @FXML
    private void browseFolder() {
        choose("Folder to show as a drive", form.folder);
    }

    @FXML
    private void browseMountPoint() {
        choose("Where the drive appears", form.mountPoint);
    }

    private void choose(String title, StringProperty target) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        File current = target.get().isBlank() ? null : new File(target.get());
        if (current != null && current.isDirectory()) {
            chooser.setInitialDirectory(current);
        }
        File chosen = chooser.showDialog(nameField.getScene().getWindow());
        if (chosen != null) {
            target.set(chosen.getAbsolutePath());
        }
    }

    private static void show(Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }
}
