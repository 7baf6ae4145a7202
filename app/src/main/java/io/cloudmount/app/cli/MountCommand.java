package io.cloudmount.app.cli;

import io.cloudmount.app.drive.MountPlacement;
import io.cloudmount.app.drive.MountPoints;
import io.cloudmount.app.drive.PosixOwner;
import io.cloudmount.engine.names.DriveNaming;
import io.cloudmount.engine.vfs.CacheSettings;
import io.cloudmount.engine.vfs.Vfs;
import io.cloudmount.engine.vfs.VfsOptions;
import io.cloudmount.fuse.FuseMount;
import io.cloudmount.fuse.MountException;
import io.cloudmount.fuse.MountOptions;
import io.cloudmount.provider.Capability;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.StorageProvider;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cloudmount mount SOURCE MOUNTPOINT}: mounts in the foreground until SIGINT/SIGTERM or {@code cloudmount unmount}. */
@Command(name = "mount", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Mounts SOURCE (memory:, local:PATH, s3://BUCKET[/PREFIX]) at MOUNTPOINT and serves it until interrupted or unmounted.")
final class MountCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(MountCommand.class);

    @Parameters(index = "0", paramLabel = "SOURCE", description = "memory:, local:PATH or s3://BUCKET[/PREFIX]")
    String source;

    @Parameters(index = "1", paramLabel = "MOUNTPOINT",
            description = "an existing empty folder (Linux); X:, * (first free letter), a new folder or \\\\cloudmount\\NAME (Windows)")
    String mountPoint;

    @Option(names = "--read-only", description = "Refuse every change.")
    boolean readOnly;

    @Option(names = "--volume-name", paramLabel = "NAME", description = "Name shown by df and file managers.")
    String volumeName;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "" + MountOptions.DEFAULT_THREADS,
            description = "Maximum FUSE worker threads (1-256, default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--debug", description = "Log every file-system operation.")
    boolean debug;

    @Option(names = "--allow-other", description = "Let other users use the mount (needs user_allow_other in /etc/fuse.conf unless root).")
    boolean allowOther;

    @Option(names = "--capacity", paramLabel = "SIZE", converter = ByteSize.class,
            description = "Capacity of a memory: drive (default: 60%% of the JVM's maximum heap).")
    Long capacity;

    @Option(names = "--windows-names", negatable = true, description = "Show store names Windows cannot hold "
            + "(: * ? \" < > | \\, trailing dot or space, CON, NUL...) through a reversible encoding (default on Windows).")
    Boolean windowsNames;

    @Option(names = "--case-insensitive", negatable = true, description = "Find names regardless of case (default on Windows).")
    Boolean caseInsensitive;

    @Mixin
    S3Options s3 = new S3Options();

    @Mixin
    CacheOptions cacheOptions = new CacheOptions();

    @Override
    public Integer call() throws Exception {
        Source parsed = Source.parse(source);
        DriveNaming naming = naming();
        MountOptions options = mountOptions(parsed, naming);
        CacheSettings cache = cacheOptions.settings(source);
        Optional<String> misplaced = MountPlacement.problem(mountPoint,
                parsed instanceof Source.Local local ? Optional.of(local.folder()) : Optional.empty(),
                parsed instanceof Source.S3 ? Optional.of(cache.directory()) : Optional.empty());
        if (misplaced.isPresent()) {
            throw new CliFailure(ExitCode.USAGE, misplaced.get());
        }
        if (parsed instanceof Source.S3) {
            CacheOptions.prepareFolder(cache.directory());
        }
        StorageProvider store = DriveFactory.open(parsed, capacity != null ? capacity : defaultMemoryCapacity(), s3,
                cache.directory());
        StorageProvider provider = naming.present(store);
        Vfs vfs = null;
        FuseMount mount;
        try {
            provider.checkAccess();
            VfsOptions vfsOptions = VfsOptions.defaults().withReadOnly(readOnly).withOwner(PosixOwner.uid(), PosixOwner.gid())
                    .withListingTtl(options.cache().attributeTimeout());
            vfs = provider.capabilities().has(Capability.RANDOM_WRITE) ? new Vfs(provider, vfsOptions)
                    : Vfs.cached(provider, vfsOptions, cache);
            mount = FuseMount.mount(vfs, mountPoint, options);
        } catch (ProviderException e) {
            closeQuietly(vfs, provider);
            throw new CliFailure(ExitCode.SOURCE_UNAVAILABLE, e.getMessage());
        } catch (MountException e) {
            closeQuietly(vfs, provider);
            throw new CliFailure(ExitCode.of(e.reason()), e.getMessage());
        } catch (IOException e) {
            closeQuietly(vfs, provider);
            throw new CliFailure(ExitCode.FAILED, "cannot prepare the drive: " + e.getMessage());
        }
        return serve(mount);
    }

    /** Serves until asked to stop, lets pending uploads finish (unless asked twice), then unmounts. */
    private int serve(FuseMount mount) throws Exception {
        MountRegistry registry = MountRegistry.forCurrentUser();
        long pid = ProcessHandle.current().pid();
        registry.register(MountRegistry.Entry.ofThisProcess(mount.mountPoint(), source));
        StopSignals stop = new StopSignals().install();
        Thread watcher = new Thread(() -> {
            try {
                mount.awaitUnmounted();
                stop.signalled();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "mount-watch");
        watcher.setDaemon(true);
        watcher.start();
        UploadProgress progress = new UploadProgress(mount.vfs());
        progress.logPeriodically();
        System.out.println("Mounted " + source + " at " + mount.mountPoint() + " (ready)");
        System.out.flush();
        stop.awaitFirst();
        if (mount.isMounted()) {
            new UploadDrain(mount.vfs(), registry, mount.mountPoint(), stop).await();
        }
        LOG.info("Unmounting {}", mount.mountPoint());
        mount.close();
        progress.stop();
        registry.unregister(mount.mountPoint(), pid);
        return ExitCode.OK;
    }

    private DriveNaming naming() {
        DriveNaming platform = DriveNaming.platformDefault();
        return new DriveNaming(windowsNames != null ? windowsNames : platform.encodeWindowsNames(),
                caseInsensitive != null ? caseInsensitive : platform.caseInsensitive());
    }

    private MountOptions mountOptions(Source parsed, DriveNaming naming) throws CliFailure {
        try {
            return new MountOptions(volumeName != null ? volumeName : parsed.defaultVolumeName(), readOnly, allowOther,
                    threads, debug, parsed.kind().kernelCachePolicy(naming, MountPoints.isWindows()),
                    List.of());
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCode.USAGE, e.getMessage());
        }
    }

    private static long defaultMemoryCapacity() {
        return (long) (Runtime.getRuntime().maxMemory() * 0.6);
    }

    private static void closeQuietly(Vfs vfs, StorageProvider provider) {
        try {
            if (vfs != null) {
                vfs.close();
            } else {
                provider.close();
            }
        } catch (Exception ignored) {
            // nothing was mounted; the failure that brought us here is what the user needs to see
        }
    }
}
