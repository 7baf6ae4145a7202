package io.cloudmount.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudmount.app.config.AppPaths;
import io.cloudmount.app.config.ConfigFile;
import io.cloudmount.app.drive.DriveActivity;
import io.cloudmount.app.drive.DriveConfig;
import io.cloudmount.app.drive.DriveState;
import io.cloudmount.app.drive.Mounter;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.cloudmount.app.secrets.FileSecretStore;
import io.cloudmount.app.system.LogSetup;
import io.cloudmount.app.ui.common.Confirmations;
import io.cloudmount.app.ui.editor.DriveEditorDialog;
import io.cloudmount.app.ui.editor.EditorServices;
import org.slf4j.LoggerFactory;
import io.cloudmount.app.system.XdgAutostart;
import io.cloudmount.app.ui.tray.TrayMenuItem;
import io.cloudmount.provider.s3.testing.S3ServerExtension;
import io.cloudmount.provider.s3.testing.S3TestServer;
import java.awt.SystemTray;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app in a real window (Xvfb) with a real tray host and real FUSE mounts: what a user does, in
 * order, on one running app. Screenshots for docs/APP.md are taken along the way.
 */
@ExtendWith(XvfbDisplay.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AppWindowIT {
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();
    private static final Duration MOUNT_TIMEOUT = Duration.ofSeconds(30);

    private static Path home;
    private static FileSecretStore secrets;
    private static final TestActivity ACTIVITY = new TestActivity();
    private static AppContext app;
    private static boolean trayHost;
    /** Everything logged while the app runs, at DEBUG: secrets must never appear in it. */
    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void startApp() throws Exception {
        home = Files.createTempDirectory("cloudmount-ui");
        LogSetup.setLevel("DEBUG");
        LOGS.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOGS);
        trayHost = XvfbDisplay.trayHostReady(Duration.ofSeconds(10));
        secrets = new FileSecretStore(home.resolve("config/secrets.json"));
        AppEnvironment env = new AppEnvironment(new AppPaths(home.resolve("config"), home.resolve("logs"),
                home.resolve("cache")), secrets, Mounter.FUSE, ACTIVITY,
                new XdgAutostart(home.resolve("autostart/cloudmount.desktop"), "cloudmount"), home.resolve("mnt"), true);
        app = WaitForAsyncUtils.asyncFx(() -> {
            AppContext context = new AppContext(env, ConfigFile.empty());
            context.start();
            return context;
        }).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterAll
    static void quitApp() throws Exception {
        if (app != null) {
            WaitForAsyncUtils.asyncFx(app::shutdown).get(10, TimeUnit.SECONDS);
            app.stopped().get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(1)
    void theFirstStartShowsTheWindowWithTheDemoOffer() {
        Stage window = app.window().stage();

        assertThat(window.getTitle()).contains("CloudMount");
        assertThat(window.isShowing()).isTrue();
        assertThat(in(window, "#demoBanner").isVisible()).isTrue();
        Screenshots.save(window, "main-window-first-start");
    }

    @Test
    @Order(2)
    void theDemoDriveIsOneClickAwayAndMountsAtOnce() throws Exception {
        robot.clickOn(in(app.window().stage(), "#addDemoButton"));

        DriveConfig demo = await().atMost(Duration.ofSeconds(10)).until(() -> app.settings().drives().stream()
                .filter(d -> d.name().equals("Demo")).findFirst(), Optional::isPresent).orElseThrow();
        awaitState(demo.id(), DriveState.MOUNTED);
        Path file = Path.of(demo.mountPoint()).resolve("try-me.txt");
        Files.writeString(file, "demo");
        assertThat(Files.readString(file)).isEqualTo("demo");
        assertThat(in(app.window().stage(), "#demoBanner").isVisible()).isFalse();
        assertThat(app.settings().demoOffered().get()).isTrue();

        Fx.run(() -> app.window().controller().select(demo.id()));
        robot.clickOn(in(app.window().stage(), "#unmountButton"));
        awaitState(demo.id(), DriveState.UNMOUNTED);
    }

    @Test
    @Order(3)
    void theTrayIconIsInTheSystemTray() {
        org.junit.jupiter.api.Assumptions.assumeTrue(trayHost, "no tray host (apt-get install trayer)");

        assertThat(app.tray().isInstalled()).isTrue();
        assertThat(SystemTray.getSystemTray().getTrayIcons()).contains(app.tray().icon());
    }

    @Test
    @Order(4)
    void aMemoryDriveAddedInTheDialogMountsServesFilesAndUnmountsFromTheTray() throws Exception {
        Path mountPoint = home.resolve("mnt/Scratch");
        robot.clickOn(in(app.window().stage(), "#addButton"));
        Stage dialog = stageTitled("Add drive");
        robot.clickOn(in(dialog, "#kindMemory"));
        robot.clickOn(in(dialog, "#nameField")).write("Scratch");
        setText(dialog, "#capacityField", "64 MB");
        setText(dialog, "#mountPointField", mountPoint.toString());
        Screenshots.save(dialog, "add-drive-memory");
        robot.clickOn(in(dialog, "#saveButton"));

        DriveConfig drive = await().atMost(Duration.ofSeconds(10)).until(() -> app.settings().drives().stream()
                .filter(d -> d.name().equals("Scratch")).findFirst(), Optional::isPresent).orElseThrow();
        Fx.run(() -> app.window().controller().select(drive.id()));
        robot.clickOn(in(app.window().stage(), "#mountButton"));
        awaitState(drive.id(), DriveState.MOUNTED);

        Files.writeString(mountPoint.resolve("hello.txt"), "written through the mount");
        assertThat(Files.readString(mountPoint.resolve("hello.txt"))).isEqualTo("written through the mount");
        ACTIVITY.cacheBytes = 3L << 20;
        await().atMost(Duration.ofSeconds(10)).until(() -> Fx.call(() -> app.model().item(drive.id()).orElseThrow()
                .activity().cacheBytes()) == 3L << 20);
        Screenshots.save(app.window().stage(), "main-window-mounted");

        TrayMenuItem.Action unmount = trayAction("Scratch", "Unmount");
        WaitForAsyncUtils.asyncFx(unmount.action()).get();
        awaitState(drive.id(), DriveState.UNMOUNTED);
        assertThat(mountPoint.resolve("hello.txt")).doesNotExist();
        assertThat(trayAction("Scratch", "Mount").enabled()).isTrue();
    }

    @Test
    @Order(5)
    void wrongS3SettingsGetPreciseMessagesAndTheSecretStaysOutOfTheConfig() throws Exception {
        String bucket = S3.server().createBucket();
        robot.clickOn(in(app.window().stage(), "#addButton"));
        Stage dialog = stageTitled("Add drive");
        robot.clickOn(in(dialog, "#kindS3"));
        robot.clickOn(in(dialog, "#nameField")).write("Photos");
        setText(dialog, "#endpointField", S3.server().endpoint().toString());
        setText(dialog, "#bucketField", "no-such-bucket");
        setText(dialog, "#accessKeyField", S3TestServer.ACCESS_KEY);
        setText(dialog, "#secretKeyField", S3TestServer.SECRET_KEY);
        robot.clickOn(in(dialog, "#pathStyleCheck"));

        assertThat(testConnection(dialog)).startsWith("Bucket not found: bucket \"no-such-bucket\" does not exist");

        setText(dialog, "#bucketField", bucket);
        setText(dialog, "#secretKeyField", "not-the-secret-0123456789");
        assertThat(testConnection(dialog)).startsWith("Access denied: the secret key does not match the access key id");
        Screenshots.save(dialog, "add-drive-s3-wrong-secret");

        String closed = "http://127.0.0.1:" + closedLoopbackPort();
        setText(dialog, "#endpointField", closed);
        assertThat(testConnection(dialog)).isEqualTo("Cannot reach the storage: cannot connect to " + closed);

        setText(dialog, "#endpointField", S3.server().endpoint().toString());
        setText(dialog, "#secretKeyField", S3TestServer.SECRET_KEY);
        assertThat(testConnection(dialog)).startsWith("Connected: s3://" + bucket);
        setText(dialog, "#mountPointField", home.resolve("mnt/Photos").toString());
        robot.clickOn(in(dialog, "#saveButton"));

        Path config = home.resolve("config/config.json");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(config) && Files.readString(config).contains("Photos"));
        String json = Files.readString(config);
        assertThat(json).contains(S3TestServer.ACCESS_KEY).doesNotContain(S3TestServer.SECRET_KEY)
                .doesNotContain("not-the-secret");
        DriveConfig photos = app.settings().drives().stream().filter(d -> d.name().equals("Photos")).findFirst().orElseThrow();
        assertThat(secrets.get(photos.secretKey())).contains(S3TestServer.SECRET_KEY);
        assertThat(LOGS.list).isNotEmpty().allSatisfy(event -> assertThat(event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())))
                .doesNotContain(S3TestServer.SECRET_KEY).doesNotContain("not-the-secret"));
    }

    @Test
    @Order(6)
    void theSettingsWindowSavesItselfAndWritesTheAutostartEntry() throws Exception {
        WaitForAsyncUtils.asyncFx(app::showSettings).get();
        Stage settings = stageTitled("Settings");
        Screenshots.save(settings, "settings");

        robot.clickOn(in(settings, "#startAtLoginCheck"));

        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(home.resolve("autostart/cloudmount.desktop")));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                Files.readString(home.resolve("config/config.json")).contains("\"startAtLogin\" : true"));
        assertThat(((CheckBox) in(settings, "#startAtLoginCheck")).isSelected()).isTrue();
        robot.clickOn(in(settings, "#closeButton"));
    }

    @Test
    @Order(7)
    void aboutCreditsWinFsp() throws Exception {
        WaitForAsyncUtils.asyncFx(app::showAbout).get();
        Stage about = stageTitled("About CloudMount");

        assertThat(((Label) in(about, "#winfspCredit")).getText())
                .isEqualTo("WinFsp - Windows File System Proxy, Copyright (C) Bill Zissimopoulos");
        assertThat(((javafx.scene.control.Hyperlink) in(about, "#winfspLink")).getText())
                .isEqualTo("https://github.com/winfsp/winfsp");
        Screenshots.save(about, "about");
        robot.clickOn(in(about, "#closeButton"));
    }

    @Test
    @Order(8)
    void quittingWithPendingUploadsAsksFirst() throws Exception {
        DriveConfig scratch = app.settings().drives().stream().filter(d -> d.name().equals("Scratch")).findFirst().orElseThrow();
        WaitForAsyncUtils.asyncFx(() -> app.mount(scratch.id())).get();
        awaitState(scratch.id(), DriveState.MOUNTED);
        ACTIVITY.pending = List.of(new DriveActivity.UploadView("/report.pdf", 3L << 20, 8L << 20));
        await().atMost(Duration.ofSeconds(10)).until(() -> Fx.call(() -> app.model().pendingUploads()) == 1);
        Screenshots.save(app.window().stage(), "main-window-uploading");

        WaitForAsyncUtils.asyncFx(app::quit).get();
        Stage question = stageTitled("Quit CloudMount?");
        DialogPane pane = (DialogPane) question.getScene().getRoot();
        assertThat(pane.getHeaderText()).isEqualTo("1 file has not been uploaded yet");
        assertThat(pane.getContentText()).contains("continue the next time CloudMount starts")
                .endsWith("Waiting: Scratch: /report.pdf.");
        Screenshots.save(question, "quit-with-pending-uploads");
        robot.clickOn(pane.lookupButton(Confirmations.WAIT));

        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.window().stage().isShowing()).isTrue();
        assertThat(app.stopped()).isNotDone();
        ACTIVITY.pending = List.of();
        WaitForAsyncUtils.asyncFx(() -> app.unmount(scratch.id())).get();
        awaitState(scratch.id(), DriveState.UNMOUNTED);
    }

    @Test
    @Order(9)
    void removingADriveAsksThenDropsItFromTheConfig() throws Exception {
        DriveConfig demo = app.settings().drives().stream().filter(d -> d.name().equals("Demo")).findFirst().orElseThrow();
        Fx.run(() -> app.window().controller().select(demo.id()));
        robot.clickOn(in(app.window().stage(), "#removeButton"));
        Stage question = stageTitled("Remove drive?");
        DialogPane pane = (DialogPane) question.getScene().getRoot();
        assertThat(pane.getContentText()).contains("files in this memory drive are lost");

        robot.clickOn(pane.lookupButton(Confirmations.REMOVE));

        await().atMost(Duration.ofSeconds(10)).until(() -> app.settings().drives().stream().noneMatch(d -> d.name().equals("Demo")));
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.readString(home.resolve("config/config.json")).contains("\"Demo\""));
    }

    @Test
    @Order(10)
    void editingAnS3DriveKeepsItsStoredSecret() throws Exception {
        DriveConfig photos = app.settings().drives().stream().filter(d -> d.name().equals("Photos")).findFirst().orElseThrow();
        Fx.run(() -> app.window().controller().select(photos.id()));
        robot.clickOn(in(app.window().stage(), "#editButton"));
        Stage dialog = stageTitled("Edit Photos");

        assertThat(((TextInputControl) in(dialog, "#secretKeyField")).getPromptText()).startsWith("stored in ");
        setText(dialog, "#prefixField", "2024/summer");
        robot.clickOn(in(dialog, "#saveButton"));

        await().atMost(Duration.ofSeconds(10)).until(() ->
                Files.readString(home.resolve("config/config.json")).contains("\"prefix\" : \"2024/summer\""));
        assertThat(secrets.get(photos.secretKey())).contains(S3TestServer.SECRET_KEY);
    }

    @Test
    @Order(11)
    void aFailedMountShowsItsReasonAndTheAppGoesOn() throws Exception {
        Path busy = Files.createDirectories(home.resolve("mnt/Busy"));
        Files.writeString(busy.resolve("already-here.txt"), "x");
        DriveConfig drive = new DriveConfig(DriveConfig.newId(), "Busy", new io.cloudmount.app.drive.StorageSpec.Memory(1L << 20),
                busy.toString(), false, false, 0, false);
        Fx.run(() -> app.settings().putDrive(drive));

        Fx.run(() -> app.mount(drive.id()));

        awaitState(drive.id(), DriveState.ERROR);
        assertThat(app.driveService().status(drive.id()).message())
                .isEqualTo("Mount point " + busy + " is not empty: its files would be hidden while mounted; use an empty folder");
        assertThat(trayAction("Busy", "Mount").enabled()).isTrue();
        Fx.run(() -> app.window().controller().select(drive.id()));
        assertThat(((Label) in(app.window().stage(), "#statusLine")).getText())
                .isEqualTo("Busy: " + app.driveService().status(drive.id()).message());
        Screenshots.save(app.window().stage(), "main-window-error");
        assertThat(app.window().stage().isShowing()).isTrue();
        assertThat(app.stopped()).isNotDone();
    }

    @Test
    @Order(12)
    void onWindowsTheMountPointIsAFreeDriveLetterOrANetworkDrive() {
        EditorServices windows = new EditorServices(null, secrets, Runnable::run, List.of("E:", "X:", "Z:"),
                home.resolve("mnt"), true);
        Stage dialog = Fx.call(() -> {
            DriveEditorDialog editor = new DriveEditorDialog(app.window().stage(), Optional.empty(), false, List.of(),
                    windows, drive -> { });
            editor.show();
            return editor.stage();
        });
        @SuppressWarnings("unchecked")
        ComboBox<String> letters = (ComboBox<String>) in(dialog, "#driveLetterBox");

        assertThat(letters.getItems()).containsExactly("*", "E:", "X:", "Z:");
        assertThat(letters.getValue()).isEqualTo("*");
        assertThat(in(dialog, "#folderMountBox").isVisible()).isFalse();
        Fx.run(() -> letters.setValue("X:"));
        robot.clickOn(in(dialog, "#networkDriveCheck"));
        robot.clickOn(in(dialog, "#kindLocal"));
        Screenshots.save(dialog, "add-drive-windows");
        robot.clickOn(in(dialog, "#cancelButton"));
    }

    @Test
    @Order(13)
    void anS3DriveMountsWithItsStoredSecretAndUploadsWhatIsWritten() throws Exception {
        DriveConfig photos = app.settings().drives().stream().filter(d -> d.name().equals("Photos")).findFirst().orElseThrow();
        String bucket = ((io.cloudmount.app.drive.StorageSpec.S3) photos.storage()).bucket();

        Fx.run(() -> app.mount(photos.id()));
        awaitState(photos.id(), DriveState.MOUNTED);
        Files.writeString(Path.of(photos.mountPoint()).resolve("holiday.txt"), "sunny");

        await().atMost(Duration.ofSeconds(60)).until(() -> S3.server().admin()
                .listObjectsV2(r -> r.bucket(bucket).prefix("2024/summer/")).contents().stream()
                .anyMatch(o -> o.key().equals("2024/summer/holiday.txt")));
        Fx.run(() -> app.unmount(photos.id()));
        awaitState(photos.id(), DriveState.UNMOUNTED);
    }

    private String testConnection(Stage dialog) {
        Label result = (Label) in(dialog, "#testResult");
        robot.clickOn(in(dialog, "#testButton"));
        await().atMost(Duration.ofSeconds(20)).until(() -> Fx.call(() ->
                !result.getText().isEmpty() && !result.getText().equals("Testing…")));
        return Fx.call(result::getText);
    }

    private static void awaitState(String id, DriveState state) {
        await().atMost(MOUNT_TIMEOUT).until(() -> app.driveService().status(id).state(), s -> s == state);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static TrayMenuItem.Action trayAction(String drive, String label) throws Exception {
        List<TrayMenuItem> items = Fx.call(() -> app.trayController().items());
        return items.stream().filter(i -> i instanceof TrayMenuItem.SubMenu s && s.label().startsWith(drive + " ("))
                .flatMap(i -> ((TrayMenuItem.SubMenu) i).items().stream())
                .map(TrayMenuItem.Action.class::cast).filter(a -> a.label().equals(label)).findFirst().orElseThrow();
    }

    private Node in(Window window, String query) {
        return robot.from(window.getScene().getRoot()).lookup(query).query();
    }

    private void setText(Window window, String query, String text) throws Exception {
        TextInputControl field = (TextInputControl) in(window, query);
        WaitForAsyncUtils.asyncFx(() -> field.setText(text)).get();
    }

    private static Stage stageTitled(String prefix) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> Fx.call(() -> Window.getWindows()
                .stream().filter(w -> w instanceof Stage s && s.isShowing() && s.getTitle() != null
                        && s.getTitle().startsWith(prefix)).map(Stage.class::cast).findFirst()),
                Optional::isPresent).orElseThrow();
    }

    private static int closedLoopbackPort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
