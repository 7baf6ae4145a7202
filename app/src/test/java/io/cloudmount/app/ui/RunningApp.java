package io.cloudmount.app.ui;

import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cloudmount.app.config.AppPaths;
import io.cloudmount.app.config.ConfigFile;
import io.cloudmount.app.drive.DriveConfig;
import io.cloudmount.app.drive.DriveState;
import io.cloudmount.app.drive.Mounter;
import io.cloudmount.app.secrets.FileSecretStore;
import io.cloudmount.app.system.LogSetup;
import io.cloudmount.app.system.XdgAutostart;
import io.cloudmount.app.ui.tray.TrayMenuItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;

/**
 * The app as a window test runs it: its own home folder (config, logs, cache, mount points,
 * autostart entry), the fallback secret file, real FUSE mounts, a {@link TestActivity} for uploads,
 * and everything it logs at DEBUG kept for inspection. Plus the lookups the tests share.
 */
final class RunningApp {
    static final Duration MOUNT_TIMEOUT = Duration.ofSeconds(30);

    final Path home;
    final FileSecretStore secrets;
    final TestActivity activity = new TestActivity();
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final boolean trayHost;
    final AppContext app;
    private final FxRobot robot = new FxRobot();

    private RunningApp(ConfigFile initial) throws Exception {
        home = Files.createTempDirectory("cloudmount-ui");
        LogSetup.setLevel("DEBUG");
        logs.start();
        root().addAppender(logs);
        trayHost = XvfbDisplay.trayHostReady(Duration.ofSeconds(10));
        secrets = new FileSecretStore(home.resolve("config/secrets.json"));
        AppEnvironment env = new AppEnvironment(new AppPaths(home.resolve("config"), home.resolve("logs"),
                home.resolve("cache")), secrets, Mounter.FUSE, activity,
                new XdgAutostart(home.resolve("autostart/cloudmount.desktop"), "cloudmount"), home.resolve("mnt"), true);
        app = Fx.call(() -> {
            AppContext context = new AppContext(env, initial.drives().isEmpty() ? initial : withHome(initial));
            context.start();
            return context;
        });
    }

    static RunningApp start() throws Exception {
        return new RunningApp(ConfigFile.empty());
    }

    /** An app that finds {@code initial} as its configuration; mount points are resolved in its home. */
    static RunningApp start(ConfigFile initial) throws Exception {
        return new RunningApp(initial);
    }

    private ConfigFile withHome(ConfigFile initial) {
        List<DriveConfig> drives = initial.drives().stream().map(d -> new DriveConfig(d.id(), d.name(), d.storage(),
                home.resolve("mnt").resolve(d.mountPoint()).toString(), d.networkDrive(), d.readOnly(), d.cacheBytes(),
                d.mountAtStart())).toList();
        return new ConfigFile(initial.version(), initial.settings(), drives);
    }

    /** Quits as the user would (unmounting everything) and waits for it. */
    void stop() throws Exception {
        Fx.run(app::shutdown);
        app.stopped().get(60, java.util.concurrent.TimeUnit.SECONDS);
        root().detachAppender(logs);
    }

    Path configFile() {
        return home.resolve("config/config.json");
    }

    /** The configuration file's text; empty until the first save. */
    String configText() throws java.io.IOException {
        return Files.exists(configFile()) ? Files.readString(configFile()) : "";
    }

    DriveConfig drive(String name) {
        return app.settings().drives().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    DriveConfig awaitDrive(String name) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> app.settings().drives().stream()
                .filter(d -> d.name().equals(name)).findFirst(), Optional::isPresent).orElseThrow();
    }

    void awaitState(String id, DriveState state) {
        await().atMost(MOUNT_TIMEOUT).until(() -> app.driveService().status(id).state(), s -> s == state);
        Fx.run(() -> { }); // let the FX thread show it
    }

    /** The action of a drive's tray submenu, as the tray menu would run it. */
    TrayMenuItem.Action trayAction(String drive, String label) {
        List<TrayMenuItem> items = Fx.call(() -> app.trayController().items());
        return items.stream().filter(i -> i instanceof TrayMenuItem.SubMenu s && s.label().startsWith(drive + " ("))
                .flatMap(i -> ((TrayMenuItem.SubMenu) i).items().stream())
                .map(TrayMenuItem.Action.class::cast).filter(a -> a.label().equals(label)).findFirst().orElseThrow();
    }

    Node in(Window window, String query) {
        return robot.from(window.getScene().getRoot()).lookup(query).query();
    }

    void setText(Window window, String query, String text) {
        TextInputControl field = (TextInputControl) in(window, query);
        Fx.run(() -> field.setText(text));
    }

    static Stage stageTitled(String prefix) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> Fx.call(() -> Window.getWindows()
                .stream().filter(w -> w instanceof Stage s && s.isShowing() && s.getTitle() != null
                        && s.getTitle().startsWith(prefix)).map(Stage.class::cast).findFirst()),
                Optional::isPresent).orElseThrow();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
