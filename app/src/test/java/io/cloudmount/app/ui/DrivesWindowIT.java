package io.cloudmount.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudmount.app.drive.DriveActivity;
import io.cloudmount.app.drive.DriveConfig;
import io.cloudmount.app.drive.DriveState;
import io.cloudmount.app.drive.StorageSpec;
import io.cloudmount.app.ui.common.Confirmations;
import io.cloudmount.app.ui.tray.TrayMenuItem;
import java.awt.SystemTray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;

/**
 * The drives window and the tray, in a real window (Xvfb) with a real tray host and real FUSE mounts:
 * what a user does, in order, on one running app. Screenshots for docs/APP.md are taken on the way.
 */
@ExtendWith(XvfbDisplay.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DrivesWindowIT {
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
    void theFirstStartShowsTheWindowWithTheDemoOffer() {
        Stage window = app.window().stage();

        assertThat(window.getTitle()).contains("CloudMount");
        assertThat(window.isShowing()).isTrue();
        assertThat(running.in(window, "#demoBanner").isVisible()).isTrue();
        Screenshots.save(window, "main-window-first-start");
    }

    @Test
    @Order(2)
    void theDemoDriveIsOneClickAwayAndMountsAtOnce() throws Exception {
        robot.clickOn(running.in(app.window().stage(), "#addDemoButton"));

        DriveConfig demo = await().atMost(Duration.ofSeconds(10)).until(() -> app.settings().drives().stream()
                .filter(d -> d.name().equals("Demo")).findFirst(), Optional::isPresent).orElseThrow();
        running.awaitState(demo.id(), DriveState.MOUNTED);
        Path file = Path.of(demo.mountPoint()).resolve("try-me.txt");
        Files.writeString(file, "demo");
        assertThat(Files.readString(file)).isEqualTo("demo");
        assertThat(running.in(app.window().stage(), "#demoBanner").isVisible()).isFalse();
        assertThat(app.settings().demoOffered().get()).isTrue();

        Fx.run(() -> app.window().controller().select(demo.id()));
        robot.clickOn(running.in(app.window().stage(), "#unmountButton"));
        running.awaitState(demo.id(), DriveState.UNMOUNTED);
    }

    @Test
    @Order(3)
    void theTrayIconIsInTheSystemTray() {
        Assumptions.assumeTrue(running.trayHost, "no tray host (apt-get install trayer)");

        assertThat(app.tray().isInstalled()).isTrue();
        assertThat(SystemTray.getSystemTray().getTrayIcons()).contains(app.tray().icon());
    }

    @Test
    @Order(4)
    void aMemoryDriveAddedInTheDialogMountsServesFilesAndUnmountsFromTheTray() throws Exception {
        Path mountPoint = running.home.resolve("mnt/Scratch");
        robot.clickOn(running.in(app.window().stage(), "#addButton"));
        Stage dialog = RunningApp.stageTitled("Add drive");
        robot.clickOn(running.in(dialog, "#kindMemory"));
        robot.clickOn(running.in(dialog, "#nameField")).write("Scratch");
        running.setText(dialog, "#capacityField", "64 MB");
        running.setText(dialog, "#mountPointField", mountPoint.toString());
        Screenshots.save(dialog, "add-drive-memory");
        robot.clickOn(running.in(dialog, "#saveButton"));

        DriveConfig drive = await().atMost(Duration.ofSeconds(10)).until(() -> app.settings().drives().stream()
                .filter(d -> d.name().equals("Scratch")).findFirst(), Optional::isPresent).orElseThrow();
        Fx.run(() -> app.window().controller().select(drive.id()));
        robot.clickOn(running.in(app.window().stage(), "#mountButton"));
        running.awaitState(drive.id(), DriveState.MOUNTED);

        Files.writeString(mountPoint.resolve("hello.txt"), "written through the mount");
        assertThat(Files.readString(mountPoint.resolve("hello.txt"))).isEqualTo("written through the mount");
        running.activity.cacheBytes = 3L << 20;
        await().atMost(Duration.ofSeconds(10)).until(() -> Fx.call(() -> app.model().item(drive.id()).orElseThrow()
                .activity().cacheBytes()) == 3L << 20);
        Screenshots.save(app.window().stage(), "main-window-mounted");

        TrayMenuItem.Action unmount = running.trayAction("Scratch", "Unmount");
        Fx.run(unmount.action());
        running.awaitState(drive.id(), DriveState.UNMOUNTED);
        assertThat(mountPoint.resolve("hello.txt")).doesNotExist();
        assertThat(running.trayAction("Scratch", "Mount").enabled()).isTrue();
    }

    @Test
    @Order(5)
    void aFailedMountShowsItsReasonAndTheAppGoesOn() throws Exception {
        Path busy = Files.createDirectories(running.home.resolve("mnt/Busy"));
        Files.writeString(busy.resolve("already-here.txt"), "x");
        DriveConfig drive = new DriveConfig(DriveConfig.newId(), "Busy", new StorageSpec.Memory(1L << 20),
                busy.toString(), false, false, 0, false);
        Fx.run(() -> app.settings().putDrive(drive));

        Fx.run(() -> app.mount(drive.id()));

        running.awaitState(drive.id(), DriveState.ERROR);
        assertThat(app.driveService().status(drive.id()).message())
                .isEqualTo("Mount point " + busy + " is not empty: its files would be hidden while mounted; use an empty folder");
        assertThat(running.trayAction("Busy", "Mount").enabled()).isTrue();
        Fx.run(() -> app.window().controller().select(drive.id()));
        assertThat(((Label) running.in(app.window().stage(), "#statusLine")).getText())
                .isEqualTo("Busy: " + app.driveService().status(drive.id()).message());
        Screenshots.save(app.window().stage(), "main-window-error");
        assertThat(app.window().stage().isShowing()).isTrue();
        assertThat(app.stopped()).isNotDone();
    }

    @Test
    @Order(6)
    void quittingWithPendingUploadsAsksFirst() throws Exception {
        DriveConfig scratch = mountScratch();
        Fx.run(() -> app.window().controller().select(scratch.id()));
        running.activity.pending = List.of(new DriveActivity.UploadView("/report.pdf", 3L << 20, 8L << 20));
        await().atMost(Duration.ofSeconds(10)).until(() -> Fx.call(() -> app.model().pendingUploads()) == 1);
        Screenshots.save(app.window().stage(), "main-window-uploading");

        Fx.run(app::quit);
        Stage question = RunningApp.stageTitled("Quit CloudMount?");
        DialogPane pane = (DialogPane) question.getScene().getRoot();
        assertThat(pane.getHeaderText()).isEqualTo("1 file has not been uploaded yet");
        // Scratch is not mounted at start: its uploads resume when it is mounted again, not when the app starts.
        assertThat(pane.getContentText()).contains("the waiting uploads continue when the drives are mounted again")
                .endsWith("Waiting: Scratch: /report.pdf.");
        Screenshots.save(question, "quit-with-pending-uploads");
        robot.clickOn(pane.lookupButton(Confirmations.WAIT));

        Fx.run(() -> { });
        assertThat(app.window().stage().isShowing()).isTrue();
        assertThat(app.stopped()).isNotDone();
        running.activity.pending = List.of();
        Fx.run(() -> app.unmount(scratch.id()));
        running.awaitState(scratch.id(), DriveState.UNMOUNTED);
    }

    @Test
    @Order(7)
    void removingADriveAsksThenDropsItFromTheConfig() throws Exception {
        DriveConfig demo = app.settings().drives().stream().filter(d -> d.name().equals("Demo")).findFirst().orElseThrow();
        Fx.run(() -> app.window().controller().select(demo.id()));
        robot.clickOn(running.in(app.window().stage(), "#removeButton"));
        Stage question = RunningApp.stageTitled("Remove drive?");
        DialogPane pane = (DialogPane) question.getScene().getRoot();
        assertThat(pane.getContentText()).contains("files in this memory drive are lost");

        robot.clickOn(pane.lookupButton(Confirmations.REMOVE));

        await().atMost(Duration.ofSeconds(10)).until(() -> app.settings().drives().stream().noneMatch(d -> d.name().equals("Demo")));
        await().atMost(Duration.ofSeconds(10)).until(() -> !running.configText().contains("\"Demo\""));
    }

    @Test
    @Order(8)
    void unmountingADriveAProgramStillUsesAsksFirstAndNamesIt() throws Exception {
        DriveConfig scratch = mountScratch();
        Path mountPoint = Path.of(scratch.mountPoint());
        // Another program whose working folder is on the drive, as a shell cd'ed into it would be.
        Process shell = new ProcessBuilder("sleep", "600").directory(mountPoint.toFile()).start();
        try {
            Fx.run(running.trayAction("Scratch", "Unmount").action());
            Stage question = RunningApp.stageTitled("Unmount drive?");
            DialogPane pane = (DialogPane) question.getScene().getRoot();
            assertThat(pane.getHeaderText()).isEqualTo("\"Scratch\" is in use");
            assertThat(pane.getContentText()).contains("what they have not saved yet is lost")
                    .contains("sleep (pid " + shell.pid() + "): working folder " + mountPoint.toRealPath());
            Screenshots.save(question, "unmount-drive-in-use");
            robot.clickOn(pane.lookupButton(Confirmations.KEEP_MOUNTED));
            Fx.run(() -> { });
            assertThat(app.driveService().status(scratch.id()).state()).isEqualTo(DriveState.MOUNTED);
            assertThat(shell.isAlive()).isTrue();

            Fx.run(running.trayAction("Scratch", "Unmount").action());
            pane = (DialogPane) RunningApp.stageTitled("Unmount drive?").getScene().getRoot();
            robot.clickOn(pane.lookupButton(Confirmations.UNMOUNT_ANYWAY));
            running.awaitState(scratch.id(), DriveState.UNMOUNTED);
        } finally {
            shell.destroy();
        }
    }

    @Test
    @Order(9)
    void removingADriveWithUploadsPendingSaysTheyWouldBeLost() throws Exception {
        DriveConfig scratch = mountScratch();
        Fx.run(() -> app.window().controller().select(scratch.id()));
        running.activity.pending = List.of(new DriveActivity.UploadView("/draft.odt", 1L << 20, 4L << 20));
        await().atMost(Duration.ofSeconds(10)).until(() -> Fx.call(() -> app.model().pendingUploads()) == 1);

        robot.clickOn(running.in(app.window().stage(), "#removeButton"));
        Stage question = RunningApp.stageTitled("Remove drive?");
        DialogPane pane = (DialogPane) question.getScene().getRoot();
        assertThat(pane.getHeaderText()).isEqualTo("\"Scratch\" has 1 file not uploaded yet");
        assertThat(pane.getContentText()).contains("they are lost").endsWith("Waiting: /draft.odt.");
        robot.clickOn(pane.lookupButton(ButtonType.CANCEL));

        Fx.run(() -> { });
        assertThat(app.settings().drive(scratch.id())).isPresent();
        running.activity.pending = List.of();
        Fx.run(() -> app.unmount(scratch.id()));
        running.awaitState(scratch.id(), DriveState.UNMOUNTED);
    }

    /** Mounts the memory drive "Scratch" added in the fourth test. */
    private static DriveConfig mountScratch() throws Exception {
        DriveConfig scratch = app.settings().drives().stream().filter(d -> d.name().equals("Scratch")).findFirst().orElseThrow();
        Fx.run(() -> app.mount(scratch.id()));
        running.awaitState(scratch.id(), DriveState.MOUNTED);
        return scratch;
    }
}
