package io.cloudmount.app.drive;

import io.cloudmount.app.system.DriveUsers;
import io.cloudmount.engine.names.DriveNaming;
import io.cloudmount.engine.vfs.CacheSettings;
import io.cloudmount.engine.vfs.Vfs;
import io.cloudmount.engine.vfs.VfsOptions;
import io.cloudmount.fuse.KernelCachePolicy;
import io.cloudmount.fuse.MountException;
import io.cloudmount.fuse.MountOptions;
import io.cloudmount.fuse.MountTable;
import io.cloudmount.provider.Capability;
import io.cloudmount.provider.StorageProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mounts and unmounts the app's drives, in-process, the way {@code cloudmount mount} does: store →
 * {@link Vfs} → {@link Mounter}. All mount work runs on this service's own threads (never the FX
 * thread); each drive's state moves by compare-and-set ({@link DriveStateMachine}) and every change
 * reaches the listeners through {@code notify} (the FX thread in the app), in order.
 */
public final class DriveService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DriveService.class);

    /** Told of every state change, on the notify executor. */
    @FunctionalInterface
    public interface Listener {
        void statusChanged(String driveId, DriveStatus status);
    }

    private record Running(DriveConfig drive, Mounter.Mounted mount, DriveActivity activity) {
    }

    private final ProviderFactory providers;
    private final Mounter mounter;
    private final DriveActivitySource activitySource;
    private final Function<DriveConfig, CacheSettings> cachePlan;
    private final DriveNaming naming;
    private final Executor notify;
    private final ExecutorService workers;
    private final Map<String, DriveStateMachine> machines = new ConcurrentHashMap<>();
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    /** Mounts under way, so that an unmount asked meanwhile (remove, quit) can wait for them. */
    private final Map<String, CompletableFuture<DriveStatus>> mounting = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param cachePlan where and how much a drive may cache; asked on the thread that calls
     *                  {@link #mount} (the FX thread in the app, so it may read settings properties)
     */
    public DriveService(ProviderFactory providers, Mounter mounter, DriveActivitySource activitySource,
                        Function<DriveConfig, CacheSettings> cachePlan, Executor notify) {
        this(providers, mounter, activitySource, cachePlan, notify, DriveNaming.platformDefault());
    }

    /** @param naming how drives show the store's names (the platform's default in the app) */
    DriveService(ProviderFactory providers, Mounter mounter, DriveActivitySource activitySource,
                 Function<DriveConfig, CacheSettings> cachePlan, Executor notify, DriveNaming naming) {
        this.naming = naming;
        this.providers = providers;
        this.mounter = mounter;
        this.activitySource = activitySource;
        this.cachePlan = cachePlan;
        this.notify = notify;
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "drive-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public DriveStatus status(String driveId) {
        return machine(driveId).current();
    }

    public Optional<Path> mountPoint(String driveId) {
        return Optional.ofNullable(running.get(driveId)).map(r -> r.mount().mountPoint());
    }

    /**
     * The programs other than this app that use a mounted drive (open files, working folders), each as
     * "command (pid N): what it uses"; an unmount would cut them off. Empty when the drive is not mounted,
     * and where the system does not tell (no {@code /proc}: Windows).
     */
    public List<String> users(String driveId) {
        return mountPoint(driveId)
                .map(folder -> DriveUsers.of(MountTable.canonical(folder)).stream().map(DriveUsers.User::toString).toList())
                .orElse(List.of());
    }

    /** The activity of each mounted drive, for the sampler. */
    public Map<String, DriveActivity> activities() {
        Map<String, DriveActivity> result = new ConcurrentHashMap<>();
        running.forEach((id, run) -> result.put(id, run.activity()));
        return result;
    }

    /**
     * Starts mounting unless the drive is already mounted or busy; the future completes with the
     * resulting status (MOUNTED, or ERROR with the reason) and never exceptionally.
     */
    public CompletableFuture<DriveStatus> mount(DriveConfig drive) {
        DriveStateMachine machine = machine(drive.id());
        if (!machine.startMount(DriveStatus.of(DriveState.MOUNTING))) {
            return CompletableFuture.completedFuture(machine.current());
        }
        CacheSettings cache = cachePlan.apply(drive);
        CompletableFuture<DriveStatus> result = new CompletableFuture<>();
        mounting.put(drive.id(), result);
        workers.execute(() -> {
            DriveStatus status = null;
            try {
                Running run = start(drive, cache);
                running.put(drive.id(), run);
                status = new DriveStatus(DriveState.MOUNTED, run.mount().mountPoint().toString());
                machine.transition(DriveState.MOUNTING, status);
                watch(drive, run);
            } catch (Exception e) {
                status = DriveStatus.error(ProblemMessages.of(e));
                logFailure(drive, e);
                machine.transition(DriveState.MOUNTING, status);
            } finally {
                // Also after an Error: whoever waits for this mount (an unmount, quit) must not wait for ever.
                mounting.remove(drive.id(), result);
                if (status != null) {
                    result.complete(status);
                } else {
                    result.completeExceptionally(new IllegalStateException("the mount of " + drive.name() + " failed"));
                }
            }
        });
        return result;
    }

    /** Starts unmounting a mounted drive; completes with the resulting status. */
    public CompletableFuture<DriveStatus> unmount(String driveId) {
        DriveStateMachine machine = machine(driveId);
        CompletableFuture<DriveStatus> inFlight = mounting.get(driveId);
        if (inFlight != null) {
            // A drive removed, or the app quit, while it mounts: unmount it once it is up, never leave it behind.
            return inFlight.thenCompose(status -> status.state() == DriveState.MOUNTED ? unmount(driveId)
                    : CompletableFuture.completedFuture(status));
        }
        if (!machine.transition(DriveState.MOUNTED, DriveStatus.of(DriveState.UNMOUNTING))) {
            return CompletableFuture.completedFuture(machine.current());
        }
        return CompletableFuture.supplyAsync(() -> {
            Running run = running.remove(driveId);
            if (run != null) {
                run.mount().close();
                LOG.info("Unmounted \"{}\" from {}", run.drive().name(), run.mount().mountPoint());
            }
            machine.transition(DriveState.UNMOUNTING, DriveStatus.UNMOUNTED);
            return DriveStatus.UNMOUNTED;
        }, workers);
    }

    /** Forgets a removed drive's state (unmount it first). */
    public void forget(String driveId) {
        if (!running.containsKey(driveId) && !mounting.containsKey(driveId)) {
            machines.remove(driveId);
        }
    }

    /** Unmounts every drive, also those still mounting, and waits (quit, JVM shutdown); safe to call more than once. */
    @Override
    public void close() {
        List<CompletableFuture<DriveStatus>> pending = Stream.concat(mounting.keySet().stream(),
                running.keySet().stream()).distinct().map(this::unmount).toList();
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Not every drive unmounted within 60 s on quit: {}", e.toString());
        }
        workers.shutdown();
    }

    private Running start(DriveConfig drive, CacheSettings cache) throws DriveProblem, IOException, MountException {
        // Checked before prepare() creates a missing mount folder: never inside the user's own folder.
        String spec = drive.mountPoint().strip();
        Optional<String> misplaced = spec.isEmpty() ? Optional.empty() : MountPlacement.problem(spec,
                drive.storage() instanceof StorageSpec.Local local ? Optional.of(Path.of(local.folder())) : Optional.empty(),
                drive.storage() instanceof StorageSpec.S3 ? Optional.of(cache.directory()) : Optional.empty());
        if (misplaced.isPresent()) {
            throw new DriveProblem("Cannot mount \"" + drive.name() + "\": " + misplaced.get());
        }
        String mountPoint = MountPoints.prepare(drive);
        MountOptions options = options(drive, naming, MountPoints.isWindows());
        // As the CLI does: on Windows, names Explorer cannot hold are encoded and lookups ignore case.
        StorageProvider provider = naming.present(providers.open(drive, cache.directory()));
        Vfs vfs = null;
        try {
            provider.checkAccess();
            VfsOptions vfsOptions = VfsOptions.defaults().withReadOnly(drive.readOnly())
                    .withOwner(PosixOwner.uid(), PosixOwner.gid()).withListingTtl(options.cache().attributeTimeout());
            // As the CLI does: stores without random write (S3) go through the disk cache and write-back queue.
            vfs = provider.capabilities().has(Capability.RANDOM_WRITE) ? new Vfs(provider, vfsOptions)
                    : Vfs.cached(provider, vfsOptions, cache);
            Mounter.Mounted mount = mounter.mount(vfs, mountPoint, options);
            LOG.info("Mounted \"{}\" ({}) at {}", drive.name(), drive.storage().describe(), mount.mountPoint());
            return new Running(drive, mount, activitySource.activityOf(drive, vfs));
        } catch (IOException | MountException | RuntimeException e) {
            // The Vfs closes the store too, and a cached one also its upload queue and the cache folder's
            // lock: left open, the next mount of this drive would find its cache "in use".
            closeQuietly(vfs != null ? vfs : provider);
            throw e;
        }
    }

    static MountOptions options(DriveConfig drive, DriveNaming naming, boolean windows) throws DriveProblem {
        KernelCachePolicy cache = drive.storage().kind().kernelCachePolicy(naming, windows);
        String volume = drive.name().strip().replaceAll("[,\\\\\\x00-\\x1f]", "_");
        try {
            return new MountOptions(volume.isEmpty() ? "cloudmount" : volume, drive.readOnly(), false,
                    MountOptions.DEFAULT_THREADS, false, cache, List.of());
        } catch (IllegalArgumentException e) {
            throw new DriveProblem("Cannot mount \"" + drive.name() + "\": " + e.getMessage(), e);
        }
    }

    /** Notices a drive that went away without us (fusermount3 -u, a crashed loop) and says so. */
    private void watch(DriveConfig drive, Running run) {
        Thread watcher = new Thread(() -> {
            try {
                while (!run.mount().awaitUnmounted(Duration.ofHours(1))) {
                    // keep waiting: a drive may stay mounted for days
                }
            } catch (InterruptedException e) {
                return;
            }
            if (running.remove(drive.id(), run)) {
                LOG.warn("\"{}\" was unmounted outside CloudMount ({})", drive.name(), run.mount().mountPoint());
                run.mount().close();
                machine(drive.id()).transition(DriveState.MOUNTED,
                        new DriveStatus(DriveState.UNMOUNTED, "unmounted outside CloudMount"));
            }
        }, "drive-" + drive.name() + "-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private DriveStateMachine machine(String driveId) {
        return machines.computeIfAbsent(driveId, id -> new DriveStateMachine(
                status -> notify.execute(() -> listeners.forEach(l -> l.statusChanged(id, status)))));
    }

    private static void logFailure(DriveConfig drive, Exception e) {
        if (e instanceof DriveProblem || e instanceof IOException || e instanceof MountException) {
            LOG.warn("Could not mount \"{}\": {}", drive.name(), ProblemMessages.of(e));
            LOG.debug("Mount failure of \"{}\"", drive.name(), e);
        } else {
            LOG.error("Could not mount \"{}\" because of an unexpected error", drive.name(), e);
        }
    }

    private static void closeQuietly(AutoCloseable storeOrVfs) {
        try {
            storeOrVfs.close();
        } catch (Exception ignored) {
            // nothing was mounted; the failure that brought us here is what the user sees
        }
    }
}
