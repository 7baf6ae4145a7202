package io.cloudmount.app.ui;

import io.cloudmount.app.config.ConfigFile;
import io.cloudmount.app.config.ConfigStore;
import io.cloudmount.app.config.DebouncedSaver;
import io.cloudmount.app.config.DriveCacheLocation;
import io.cloudmount.app.config.Settings;
import io.cloudmount.app.drive.ActivitySampler;
import io.cloudmount.app.drive.ActivitySnapshot;
import io.cloudmount.app.drive.ConnectionTester;
import io.cloudmount.app.drive.DriveConfig;
import io.cloudmount.app.drive.DriveService;
import io.cloudmount.app.drive.DriveState;
import io.cloudmount.app.drive.MountPoints;
import io.cloudmount.app.drive.ProviderFactory;
import io.cloudmount.app.drive.StorageSpec;
import io.cloudmount.app.system.FileManager;
import io.cloudmount.app.system.LogSetup;
import io.cloudmount.app.ui.about.AboutWindow;
import io.cloudmount.app.ui.common.AppActions;
import io.cloudmount.app.ui.common.Confirmations;
import io.cloudmount.app.ui.common.DriveItem;
import io.cloudmount.app.ui.common.DriveListModel;
import io.cloudmount.app.ui.common.FxThread;
import io.cloudmount.app.ui.common.Tasks;
import io.cloudmount.app.ui.drives.DrivesWindow;
import io.cloudmount.app.ui.editor.DriveEditorDialog;
import io.cloudmount.app.ui.editor.EditorServices;
import io.cloudmount.app.ui.settings.SettingsWindow;
import io.cloudmount.app.ui.tray.AwtTray;
import io.cloudmount.app.ui.tray.TrayController;
import io.cloudmount.engine.vfs.CacheSettings;
import io.cloudmount.provider.memory.MemoryProvider;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running app: builds the windows, the tray and the services from an {@link AppEnvironment}
 * and carries out {@link AppActions}. Created and used on the FX thread; everything that blocks
 * (mounting, the secret store, the network, the disk) goes to the drive service or {@code background}.
 */
public final class AppContext implements AppActions {
    private static final Logger LOG = LoggerFactory.getLogger(AppContext.class);
    /** 256 MiB, or less where the app's heap could not hold that much. */
    static final long DEMO_CAPACITY = MemoryProvider.capacityThatFits(256L << 20);

    private final AppEnvironment env;
    private final DebouncedSaver saver;
    private final Settings settings;
    private final DriveService drives;
    private final ActivitySampler sampler;
    private final DriveListModel model;
    private final ConnectionTester tester;
    private final ExecutorService background;
    private final DrivesWindow window;
    private final AwtTray tray;
    private final TrayController trayController;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private boolean quitting;

    public AppContext(AppEnvironment env, ConfigFile config) {
        FxThread.assertFx();
        this.env = env;
        this.background = Executors.newCachedThreadPool(named("app-background"));
        this.saver = new DebouncedSaver(new ConfigStore(env.paths().configFile()),
                Executors.newSingleThreadScheduledExecutor(named("settings-saver")), Duration.ofMillis(500));
        this.settings = new Settings(config, saver::schedule);
        ProviderFactory providers = new ProviderFactory(env.secrets());
        this.tester = new ConnectionTester(providers);
        this.drives = new DriveService(providers, env.mounter(), env.activity(), this::cachePlan, Platform::runLater);
        this.model = new DriveListModel(settings.drives());
        drives.addListener(model::statusChanged);
        this.sampler = new ActivitySampler(drives, Executors.newSingleThreadScheduledExecutor(named("activity-sampler")),
                Platform::runLater, model::activityChanged);
        this.tray = new AwtTray(Platform::runLater, this::showWindow);
        boolean trayShown = env.useTray() && tray.install();
        this.trayController = new TrayController(model, this, tray);
        this.window = new DrivesWindow(model, this, settings, env.secrets(), tray::isInstalled);
        LOG.info("CloudMount started: {} drives configured, tray icon {}, settings in {}", settings.drives().size(),
                trayShown ? "shown" : "not available", env.paths().configFile());
        settings.logLevel().addListener((o, was, now) -> LogSetup.setLevel(now));
        settings.startAtLogin().addListener((o, was, now) -> applyAutostart(now));
        sampler.start(500);
    }

    /** Writes pending settings changes now (the JVM is ending without Quit: a signal, a logout). */
    public void saveNow() {
        saver.flush();
    }

    /** Shows the window and mounts the drives marked "mount at start". */
    public void start() {
        showWindow();
        settings.drives().stream().filter(DriveConfig::mountAtStart).forEach(d -> mount(d.id()));
    }

    public Settings settings() {
        return settings;
    }

    public DrivesWindow window() {
        return window;
    }

    public TrayController trayController() {
        return trayController;
    }

    public AwtTray tray() {
        return tray;
    }

    public DriveService driveService() {
        return drives;
    }

    public DriveListModel model() {
        return model;
    }

    /** Completes when the app has shut down (after Quit). */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    @Override
    public void addDrive() {
        new DriveEditorDialog(window.stage(), Optional.empty(), false, settings.drives(), editorServices(),
                settings::putDrive).show();
    }

    @Override
    public void addDemoDrive() {
        String name = "Demo";
        for (int n = 2; nameTaken(name); n++) {
            name = "Demo " + n;
        }
        DriveConfig demo = new DriveConfig(DriveConfig.newId(), name, new StorageSpec.Memory(DEMO_CAPACITY),
                MountPoints.suggest(env.mountRoot(), name), false, false, 0, false);
        settings.putDrive(demo);
        settings.demoOffered().set(true);
        mount(demo.id());
    }

    private boolean nameTaken(String name) {
        return settings.drives().stream().anyMatch(d -> d.name().equalsIgnoreCase(name));
    }

    @Override
    public void editDrive(String id) {
        settings.drive(id).ifPresent(drive -> {
            boolean keys = drive.storage() instanceof StorageSpec.S3 s3 && s3.auth() == StorageSpec.S3Auth.KEYS;
            List<DriveConfig> others = settings.drives().stream().filter(d -> !d.id().equals(id)).toList();
            Tasks.create(() -> keys && env.secrets().get(drive.secretKey()).isPresent())
                    .onSuccess(stored -> openEditor(drive, stored, others))
                    .onError(error -> {
                        LOG.warn("Could not read the secret store ({}); the secret key must be entered again",
                                error.getMessage());
                        openEditor(drive, false, others);
                    })
                    .runOn(background);
        });
    }

    private void openEditor(DriveConfig drive, boolean secretStored, List<DriveConfig> others) {
        new DriveEditorDialog(window.stage(), Optional.of(drive), secretStored, others, editorServices(),
                settings::putDrive).show();
    }

    private EditorServices editorServices() {
        return new EditorServices(tester, env.secrets(), background, freeDriveLetters(), env.mountRoot(),
                MountPoints.isWindows());
    }

    @Override
    public void removeDrive(String id) {
        ActivitySnapshot activity = model.item(id).map(DriveItem::activity).orElse(ActivitySnapshot.IDLE);
        settings.drive(id).ifPresent(drive -> Confirmations.removeDrive(window.stage(), drive.name(),
                drive.storage() instanceof StorageSpec.Memory, activity.uploads(), activity.firstPaths(),
                () -> drives.unmount(id).thenRunAsync(() -> {
                    if (!(drive.storage() instanceof StorageSpec.S3)) {
                        return; // only S3 drives have a secret; no need to wake the keyring
                    }
                    try {
                        env.secrets().delete(drive.secretKey());
                    } catch (Exception e) {
                        LOG.warn("The secret of the removed drive \"{}\" could not be deleted from {}: {}",
                                drive.name(), env.secrets().description(), e.getMessage());
                    }
                }, background).thenRunAsync(() -> {
                    settings.drives().removeIf(d -> d.id().equals(id));
                    drives.forget(id);
                }, Platform::runLater)));
    }

    @Override
    public void mount(String id) {
        settings.drive(id).ifPresent(drives::mount);
    }

    @Override
    public void unmount(String id) {
        // As umount does: a drive that programs still use is not pulled from under them without asking.
        CompletableFuture.supplyAsync(() -> drives.users(id), background).thenAcceptAsync(users -> {
            if (users.isEmpty()) {
                drives.unmount(id);
                return;
            }
            String name = settings.drive(id).map(DriveConfig::name).orElse(id);
            Confirmations.unmountInUse(window.stage(), name, users, () -> drives.unmount(id));
        }, Platform::runLater).exceptionally(e -> {
            LOG.warn("Could not check which programs use the drive; unmounting it: {}", e.toString());
            drives.unmount(id);
            return null;
        });
    }

    @Override
    public void open(String id) {
        drives.mountPoint(id).ifPresent(folder -> {
            if (!FileManager.open(folder)) {
                Confirmations.info(window.stage(), "No file manager could be started",
                        "The drive is mounted at " + folder + ". (CloudMount opens folders with "
                                + (MountPoints.isWindows() ? "Explorer" : "xdg-open, from the xdg-utils package") + ".)");
            }
        });
    }

    @Override
    public void showWindow() {
        window.show();
    }

    @Override
    public void showSettings() {
        new SettingsWindow(window.stage(), settings, env.secrets(), env.paths().defaultCacheDir(), env.paths().logDir(),
                env.autostart().describe()).show();
    }

    @Override
    public void showAbout() {
        new AboutWindow(window.stage()).show();
    }

    @Override
    public void quit() {
        int pending = model.pendingUploads();
        if (pending > 0) {
            window.show();
            // Uploads resume when their drive is mounted again: at the next start only for drives that mount then.
            boolean resumeAtStart = model.items().stream().filter(item -> item.activity().uploads() > 0)
                    .allMatch(item -> item.config().mountAtStart());
            Confirmations.quitWithPendingUploads(window.stage(), pending, model.pendingUploadNames(), resumeAtStart,
                    this::shutdown);
        } else {
            shutdown();
        }
    }

    /** Unmounts everything (off the FX thread), saves, removes the tray icon, then ends the FX toolkit's use. */
    public void shutdown() {
        FxThread.assertFx();
        if (quitting) {
            return;
        }
        quitting = true;
        LOG.info("Quitting: unmounting {} drives", model.items().stream()
                .filter(d -> d.status().state() == DriveState.MOUNTED).count());
        window.stage().hide();
        tray.close();
        CompletableFuture.runAsync(() -> {
            sampler.close();
            drives.close();
            saver.close();
            background.shutdown();
        }, Executors.newSingleThreadExecutor(named("app-shutdown"))).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.error("Quitting did not finish cleanly", error);
            }
            stopped.complete(null);
        });
    }

    /** A drive's cache: its own folder under the cache location, its own size or the global one. */
    private CacheSettings cachePlan(DriveConfig drive) {
        CacheSettings defaults = CacheSettings.defaults(DriveCacheLocation.of(settings.cacheDirectory().get(),
                env.paths().defaultCacheDir(), drive));
        return defaults.withLimits(DriveCacheLocation.sizeOf(settings.cacheSizeBytes().get(), drive),
                defaults.minFreeBytes());
    }

    private void applyAutostart(boolean enabled) {
        CompletableFuture.runAsync(() -> {
            try {
                env.autostart().set(enabled);
                LOG.info("Start at login {} ({})", enabled ? "enabled" : "disabled", env.autostart().describe());
            } catch (Exception e) {
                LOG.error("Could not {} start at login in {}: {}", enabled ? "enable" : "disable",
                        env.autostart().describe(), e.getMessage());
            }
        }, background);
    }

    private static List<String> freeDriveLetters() {
        if (!MountPoints.isWindows()) {
            return List.of();
        }
        var letters = io.cloudmount.fuse.platform.windows.DriveLetters.system().inUse();
        return java.util.stream.IntStream.rangeClosed('D', 'Z').mapToObj(c -> (char) c)
                .filter(c -> !letters.contains(c)).map(c -> c + ":").toList();
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
