package io.cloudmount.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import io.cloudmount.app.drive.DriveConfig;
import io.cloudmount.app.drive.DriveState;
import io.cloudmount.app.drive.StorageSpec;
import io.cloudmount.app.ui.editor.DriveEditorDialog;
import io.cloudmount.app.ui.editor.EditorServices;
import io.cloudmount.provider.s3.testing.S3ServerExtension;
import io.cloudmount.provider.s3.testing.S3TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * The add/edit dialog against a real S3 server: precise messages for wrong settings, the secret kept
 * out of the configuration and the log, editing, mounting with the stored secret, and the Windows form.
 */
@ExtendWith(XvfbDisplay.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DriveEditorIT {
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();
    private static RunningApp running;
    private static AppContext app;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void startApp() throws Exception {
        running = RunningApp.start();
        app = running.app;
    }

    @AfterAll
    static void quitApp() throws Exception {
        if (running != null) {
            running.stop();
        }
    }

    @Test
    @Order(1)
    void wrongS3SettingsGetPreciseMessagesAndTheSecretStaysOutOfTheConfig() throws Exception {
        String bucket = S3.server().createBucket();
        robot.clickOn(running.in(app.window().stage(), "#addButton"));
        Stage dialog = RunningApp.stageTitled("Add drive");
        robot.clickOn(running.in(dialog, "#kindS3"));
        robot.clickOn(running.in(dialog, "#nameField")).write("Photos");
        running.setText(dialog, "#endpointField", S3.server().endpoint().toString());
        running.setText(dialog, "#bucketField", "no-such-bucket");
        running.setText(dialog, "#accessKeyField", S3TestServer.ACCESS_KEY);
        running.setText(dialog, "#secretKeyField", S3TestServer.SECRET_KEY);
        robot.clickOn(running.in(dialog, "#pathStyleCheck"));
        robot.clickOn(running.in(dialog, "#serverTimesCheck"));

        assertThat(testConnection(dialog)).startsWith("Bucket not found: bucket \"no-such-bucket\" does not exist");

        running.setText(dialog, "#bucketField", bucket);
        running.setText(dialog, "#secretKeyField", "not-the-secret-0123456789");
        assertThat(testConnection(dialog)).startsWith("Access denied: the secret key does not match the access key id");
        Screenshots.save(dialog, "add-drive-s3-wrong-secret");

        String closed = "http://127.0.0.1:" + closedLoopbackPort();
        running.setText(dialog, "#endpointField", closed);
        assertThat(testConnection(dialog)).isEqualTo("Cannot reach the storage: cannot connect to " + closed);

        running.setText(dialog, "#endpointField", S3.server().endpoint().toString());
        running.setText(dialog, "#secretKeyField", S3TestServer.SECRET_KEY);
        assertThat(testConnection(dialog)).startsWith("Connected: s3://" + bucket);
        running.setText(dialog, "#mountPointField", running.home.resolve("mnt/Photos").toString());
        robot.clickOn(running.in(dialog, "#saveButton"));

        Path config = running.home.resolve("config/config.json");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(config) && Files.readString(config).contains("Photos"));
        String json = Files.readString(config);
        assertThat(json).contains(S3TestServer.ACCESS_KEY).doesNotContain(S3TestServer.SECRET_KEY)
                .doesNotContain("not-the-secret").contains("\"serverModTimes\" : true");
        DriveConfig photos = app.settings().drives().stream().filter(d -> d.name().equals("Photos")).findFirst().orElseThrow();
        assertThat(running.secrets.get(photos.secretKey())).contains(S3TestServer.SECRET_KEY);
        assertThat(running.logs.list).isNotEmpty().allSatisfy(event -> assertThat(event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())))
                .doesNotContain(S3TestServer.SECRET_KEY).doesNotContain("not-the-secret"));
    }

    @Test
    @Order(2)
    void editingAnS3DriveKeepsItsStoredSecret() throws Exception {
        DriveConfig photos = app.settings().drives().stream().filter(d -> d.name().equals("Photos")).findFirst().orElseThrow();
        Fx.run(() -> app.window().controller().select(photos.id()));
        robot.clickOn(running.in(app.window().stage(), "#editButton"));
        Stage dialog = RunningApp.stageTitled("Edit Photos");

        assertThat(((TextInputControl) running.in(dialog, "#secretKeyField")).getPromptText()).startsWith("stored in ");
        running.setText(dialog, "#prefixField", "2024/summer");
        robot.clickOn(running.in(dialog, "#saveButton"));

        await().atMost(Duration.ofSeconds(10)).until(() ->
                running.configText().contains("\"prefix\" : \"2024/summer\""));
        assertThat(running.secrets.get(photos.secretKey())).contains(S3TestServer.SECRET_KEY);
    }

    @Test
    @Order(3)
    void anS3DriveMountsWithItsStoredSecretAndUploadsWhatIsWritten() throws Exception {
        DriveConfig photos = app.settings().drives().stream().filter(d -> d.name().equals("Photos")).findFirst().orElseThrow();
        String bucket = ((StorageSpec.S3) photos.storage()).bucket();

        Fx.run(() -> app.mount(photos.id()));
        running.awaitState(photos.id(), DriveState.MOUNTED);
        Files.writeString(Path.of(photos.mountPoint()).resolve("holiday.txt"), "sunny");

        await().atMost(Duration.ofSeconds(60)).until(() -> S3.server().admin()
                .listObjectsV2(r -> r.bucket(bucket).prefix("2024/summer/")).contents().stream()
                .anyMatch(o -> o.key().equals("2024/summer/holiday.txt")));
        Fx.run(() -> app.unmount(photos.id()));
        running.awaitState(photos.id(), DriveState.UNMOUNTED);
    }

    @Test
    @Order(4)
    void onWindowsTheMountPointIsAFreeDriveLetterOrANetworkDrive() {
        EditorServices windows = new EditorServices(null, running.secrets, Runnable::run, List.of("E:", "X:", "Z:"),
                running.home.resolve("mnt"), true);
        Stage dialog = Fx.call(() -> {
            DriveEditorDialog editor = new DriveEditorDialog(app.window().stage(), Optional.empty(), false, List.of(),
                    windows, drive -> { });
            editor.show();
            return editor.stage();
        });
        @SuppressWarnings("unchecked")
        ComboBox<String> letters = (ComboBox<String>) running.in(dialog, "#driveLetterBox");

        assertThat(letters.getItems()).containsExactly("*", "E:", "X:", "Z:");
        assertThat(letters.getValue()).isEqualTo("*");
        assertThat(running.in(dialog, "#folderMountBox").isVisible()).isFalse();
        Fx.run(() -> letters.setValue("X:"));
        robot.clickOn(running.in(dialog, "#networkDriveCheck"));
        robot.clickOn(running.in(dialog, "#kindLocal"));
        Screenshots.save(dialog, "add-drive-windows");
        robot.clickOn(running.in(dialog, "#cancelButton"));
    }

    private String testConnection(Stage dialog) {
        Label result = (Label) running.in(dialog, "#testResult");
        robot.clickOn(running.in(dialog, "#testButton"));
        await().atMost(Duration.ofSeconds(20)).until(() -> Fx.call(() ->
                !result.getText().isEmpty() && !result.getText().equals("Testing…")));
        return Fx.call(result::getText);
    }

    private static int closedLoopbackPort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
