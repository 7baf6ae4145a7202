package io.cloudmount.app.ui.drives;

import io.cloudmount.app.config.Settings;
import io.cloudmount.app.drive.ActivitySnapshot;
import io.cloudmount.app.drive.Bytes;
import io.cloudmount.app.drive.DriveState;
import io.cloudmount.app.drive.DriveStatus;
import io.cloudmount.app.secrets.SecretStore;
import io.cloudmount.app.ui.common.AppActions;
import io.cloudmount.app.ui.common.DriveItem;
import io.cloudmount.app.ui.common.DriveListModel;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;

/** The drives window: a table of drives and buttons that delegate to {@link AppActions}. */
public final class DrivesController {
    private final DriveListModel model;
    private final AppActions actions;
    private final Settings settings;
    private final SecretStore secrets;

    @FXML private TableView<DriveItem> table;
    @FXML private TableColumn<DriveItem, String> nameColumn;
    @FXML private TableColumn<DriveItem, String> providerColumn;
    @FXML private TableColumn<DriveItem, String> mountPointColumn;
    @FXML private TableColumn<DriveItem, DriveStatus> stateColumn;
    @FXML private TableColumn<DriveItem, ActivitySnapshot> uploadsColumn;
    @FXML private TableColumn<DriveItem, String> cacheColumn;
    @FXML private Button mountButton;
    @FXML private Button unmountButton;
    @FXML private Button openButton;
    @FXML private Button editButton;
    @FXML private Button removeButton;
    @FXML private HBox demoBanner;
    @FXML private HBox secretWarning;
    @FXML private Label secretWarningText;
    @FXML private Label statusLine;

    DrivesController(DriveListModel model, AppActions actions, Settings settings, SecretStore secrets) {
        this.model = model;
        this.actions = actions;
        this.settings = settings;
        this.secrets = secrets;
    }

    @FXML
    private void initialize() {
        table.setItems(model.items());
        nameColumn.setCellValueFactory(cell -> text(cell.getValue(), item -> item.config().name()));
        providerColumn.setCellValueFactory(cell -> text(cell.getValue(), item -> item.config().storage().kindLabel()
                + " · " + item.config().storage().describe()));
        mountPointColumn.setCellValueFactory(cell -> text(cell.getValue(), item -> item.config().mountPoint()));
        stateColumn.setCellValueFactory(cell -> cell.getValue().statusProperty());
        stateColumn.setCellFactory(column -> new StateCell());
        uploadsColumn.setCellValueFactory(cell -> cell.getValue().activityProperty());
        uploadsColumn.setCellFactory(column -> new UploadsCell());
        cacheColumn.setCellValueFactory(cell -> text(cell.getValue(), item ->
                item.status().state() == DriveState.MOUNTED ? Bytes.format(item.activity().cacheBytes()) : "—"));
        table.setRowFactory(view -> {
            TableRow<DriveItem> row = new TableRow<>();
            row.setOnMouseClicked(event -> {
                if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2 && !row.isEmpty()) {
                    openOrEdit(row.getItem());
                }
            });
            return row;
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> refresh());
        model.items().addListener((ListChangeListener<DriveItem>) change -> refresh());

        demoBanner.visibleProperty().bind(settings.demoOffered().not().and(Bindings.isEmpty(model.items())));
        demoBanner.managedProperty().bind(demoBanner.visibleProperty());
        secretWarning.setVisible(!secrets.isSecure());
        secretWarning.setManaged(!secrets.isSecure());
        secretWarningText.setText("No system keyring was found: S3 secret keys are stored in "
                + secrets.description() + ". Install GNOME Keyring or KWallet to keep them safer.");
        refresh();
    }

    /** Selects the drive (tests and the tray use it to point at a row). */
    public void select(String driveId) {
        model.item(driveId).ifPresent(item -> table.getSelectionModel().select(item));
    }

    private void refresh() {
        DriveItem selected = table.getSelectionModel().getSelectedItem();
        DriveState state = selected == null ? null : selected.status().state();
        mountButton.setDisable(state == null || !state.canMount());
        unmountButton.setDisable(state != DriveState.MOUNTED);
        openButton.setDisable(state != DriveState.MOUNTED);
        editButton.setDisable(state == null);
        removeButton.setDisable(state == null || state.isBusy());
        statusLine.getStyleClass().remove("state-error");
        if (state == DriveState.ERROR) {
            // The state column is narrow; the whole reason of the selected drive's error goes here.
            statusLine.setText(selected.config().name() + ": " + selected.status().message());
            statusLine.getStyleClass().add("state-error");
            return;
        }
        long mounted = model.items().stream().filter(i -> i.status().state() == DriveState.MOUNTED).count();
        int uploads = model.pendingUploads();
        statusLine.setText(model.items().size() + (model.items().size() == 1 ? " drive, " : " drives, ")
                + mounted + " mounted" + (uploads == 0 ? "" : ", " + uploads + (uploads == 1 ? " file" : " files") + " waiting to upload"));
    }

    private void openOrEdit(DriveItem item) {
        if (item.status().state() == DriveState.MOUNTED) {
            actions.open(item.id());
        } else {
            actions.editDrive(item.id());
        }
    }

    private static ObservableValue<String> text(DriveItem item, Function<DriveItem, String> value) {
        return Bindings.createStringBinding(() -> value.apply(item), item.configProperty(), item.statusProperty(),
                item.activityProperty());
    }

    private void withSelected(java.util.function.Consumer<String> action) {
        DriveItem selected = table.getSelectionModel().getSelectedItem();
        if (selected != null) {
            action.accept(selected.id());
        }
    }

    @FXML
    private void add() {
        actions.addDrive();
    }

    @FXML
    private void mount() {
        withSelected(actions::mount);
    }

    @FXML
    private void unmount() {
        withSelected(actions::unmount);
    }

    @FXML
    private void open() {
        withSelected(actions::open);
    }

    @FXML
    private void edit() {
        withSelected(actions::editDrive);
    }

    @FXML
    private void remove() {
        withSelected(actions::removeDrive);
    }

    @FXML
    private void settings() {
        actions.showSettings();
    }

    @FXML
    private void about() {
        actions.showAbout();
    }

    @FXML
    private void addDemo() {
        actions.addDemoDrive();
    }

    @FXML
    private void dismissDemo() {
        settings.demoOffered().set(true);
    }
}
