package io.cloudmount.app.ui;

import io.cloudmount.app.config.AppPaths;
import io.cloudmount.app.config.ConfigFile;
import io.cloudmount.app.config.ConfigStore;
import io.cloudmount.app.drive.EngineActivity;
import io.cloudmount.app.drive.Mounter;
import io.cloudmount.app.drive.MountPoints;
import io.cloudmount.app.secrets.SecretStore;
import io.cloudmount.app.secrets.SecretStores;
import io.cloudmount.app.system.Autostart;
import io.cloudmount.app.system.LogSetup;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;

/**
 * Starts the tray app: one instance per user, JavaFX started by hand (not through
 * {@code Application.launch}, which cannot start from the class path of a plain jar), the app kept
 * alive while its window is closed, and {@link #run()} returning once the user quits.
 */
public final class CloudMountApp {
    /** {@link #run()}'s answer when JavaFX cannot open a display. */
    public static final int NO_DISPLAY = -1;
    /**
     * JavaFX warns at every start that it was loaded from the class path, which is how this jar runs
     * (the jlink image will use modules). Kept in a field: java.util.logging holds loggers weakly.
     */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    private CloudMountApp() {
    }

    /** True when a display server is announced; whether it works is known only once JavaFX tries. */
    public static boolean displayAnnounced() {
        return isSet(System.getenv("DISPLAY")) || isSet(System.getenv("WAYLAND_DISPLAY"))
                || System.getProperty("os.name", "").startsWith("Windows");
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    /** Runs the app until Quit; returns the exit code, or {@link #NO_DISPLAY}. */
    public static int run() throws IOException {
        AppPaths paths = AppPaths.forCurrentUser();
        SingleInstance.Claim claim = SingleInstance.claim(paths.configDir());
        if (claim instanceof SingleInstance.Claim.Secondary secondary) {
            System.out.println(secondary.told() ? "CloudMount is already running; its window was brought forward."
                    : "CloudMount is already running (it did not answer; see its tray icon).");
            return 0;
        }
        SingleInstance instance = ((SingleInstance.Claim.Primary) claim).instance();
        JAVAFX_LOG.setLevel(java.util.logging.Level.SEVERE);
        try {
            Platform.startup(() -> { });
        } catch (UnsupportedOperationException | IllegalStateException | UnsatisfiedLinkError e) {
            instance.close();
            System.err.println("cloudmount: cannot open a window (" + e.getMessage() + ")");
            return NO_DISPLAY;
        }
        Platform.setImplicitExit(false); // closing the window leaves the app in the tray
        LogSetup.logToFolder(paths.logDir());
        ConfigFile config = new ConfigStore(paths.configFile()).load();
        LogSetup.setLevel(config.settings().logLevel());
        SecretStore secrets = SecretStores.detect(paths.configDir());
        AppEnvironment env = new AppEnvironment(paths, secrets, Mounter.FUSE, EngineActivity.SOURCE,
                Autostart.forCurrentUser(Autostart.currentLaunchCommand()), MountPoints.defaultRoot(), true);
        CompletableFuture<AppContext> started = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                AppContext context = new AppContext(env, config);
                context.start();
                started.complete(context);
            } catch (RuntimeException | Error e) {
                started.completeExceptionally(e);
            }
        });
        AppContext context = started.join();
        Runtime.getRuntime().addShutdownHook(new Thread(context::saveNow, "settings-flush"));
        instance.onShowRequest(() -> Platform.runLater(context::showWindow));
        context.stopped().join();
        instance.close();
        Platform.exit();
        return 0;
    }
}
