package io.cloudmount.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudmount.app.config.ConfigFile;
import io.cloudmount.app.drive.DriveConfig;
import io.cloudmount.app.drive.DriveState;
import io.cloudmount.app.drive.StorageSpec;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;

/**
 * Settings and About, on an app that starts with a drive marked "mount at start": the drive is
 * mounted, the settings window saves itself and writes the autostart entry, About credits WinFsp.
 */
@ExtendWith(XvfbDisplay.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SettingsWindowIT {
    private static RunningApp running;
    private static AppContext app;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void startApp() throws Exception {
        // One drive marked "mount at start" (its mount point is relative: RunningApp puts it in its home).
        running = RunningApp.start(new ConfigFile(1, null, List.of(new DriveConfig("auto", "Auto",
                new StorageSpec.Memory(1L << 20), "Auto", false, false, 0, true))));
        app = running.app;
    }

    @AfterAll
    static void quitApp() throws Exception {
        if (running != null) {
            running.stop();
        }
    }

    @Test
    @Order(0)
    void aDriveMarkedMountAtStartIsMountedWhenTheAppStarts() {
        running.awaitState("auto", DriveState.MOUNTED);

        assertThat(app.driveService().mountPoint("auto")).contains(running.home.resolve("mnt/Auto"));
    }

    @Test
    @Order(1)
    void theSettingsWindowSavesItselfAndWritesTheAutostartEntry() throws Exception {
        Fx.run(app::showSettings);
        Stage settings = RunningApp.stageTitled("Settings");
        Screenshots.save(settings, "settings");

        robot.clickOn(running.in(settings, "#startAtLoginCheck"));

        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(running.home.resolve("autostart/cloudmount.desktop")));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                running.configText().contains("\"startAtLogin\" : true"));
        assertThat(((CheckBox) running.in(settings, "#startAtLoginCheck")).isSelected()).isTrue();
        robot.clickOn(running.in(settings, "#closeButton"));
    }

    @Test
    @Order(2)
    void aboutCreditsWinFsp() throws Exception {
        Fx.run(app::showAbout);
        Stage about = RunningApp.stageTitled("About CloudMount");

        assertThat(((Label) running.in(about, "#winfspCredit")).getText())
                .isEqualTo("WinFsp - Windows File System Proxy, Copyright (C) Bill Zissimopoulos");
        assertThat(((Hyperlink) running.in(about, "#winfspLink")).getText())
                .isEqualTo("https://github.com/winfsp/winfsp");
        Screenshots.save(about, "about");
        robot.clickOn(running.in(about, "#closeButton"));
    }
}
