package io.cloudmount.fuse.it;

import io.cloudmount.engine.vfs.CacheSettings;
import io.cloudmount.engine.vfs.Vfs;
import io.cloudmount.engine.vfs.VfsOptions;
import io.cloudmount.fuse.FuseMount;
import io.cloudmount.fuse.KernelCachePolicy;
import io.cloudmount.fuse.MountOptions;
import io.cloudmount.provider.StorageProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.condition.OS;

/** A real mount of a store for integration tests: libfuse3 in a fresh folder, or WinFsp on a drive letter. */
public final class MountedDrive implements AutoCloseable {
    private final FuseMount mount;

    private MountedDrive(FuseMount mount) {
        this.mount = mount;
    }

    public static MountedDrive mount(StorageProvider store, Path parent, KernelCachePolicy cache) throws Exception {
        // As the CLI and the app mount it: listings kept as long as the kernel keeps attributes.
        return mount(new Vfs(store, VfsOptions.defaults().withListingTtl(cache.attributeTimeout())), parent, cache);
    }

    /** A drive with the write-back cache in front of the store (as S3 drives are mounted). */
    public static MountedDrive mountCached(StorageProvider store, Path parent, CacheSettings settings) throws Exception {
        return mount(Vfs.cached(store, VfsOptions.defaults(), settings), parent, KernelCachePolicy.shared());
    }

    /**
     * Mounts in {@code parent/mnt}; on Windows at {@code -Dcloudmount.it.mountpoint} instead ({@code *}, the
     * first free letter, when unset), since WinFsp mounts on drive letters and cannot use an existing folder.
     */
    public static MountedDrive mount(Vfs vfs, Path parent, KernelCachePolicy cache) throws Exception {
        StorageProvider store = vfs.provider();
        String name = "it-" + store.describe().replaceAll("[^A-Za-z0-9]", "_");
        if (OS.WINDOWS.isCurrentOs()) {
            MountOptions options = options(name.substring(0, Math.min(name.length(), 32)), cache); // the label limit
            return new MountedDrive(FuseMount.mount(vfs, System.getProperty(WindowsMountIT.MOUNT_POINT_PROPERTY, "*"),
                    options));
        }
        MountOptions options = options(name, cache);
        Path mountPoint = Files.createDirectories(parent.resolve("mnt"));
        return new MountedDrive(FuseMount.mount(vfs, mountPoint, options));
    }

    private static MountOptions options(String volumeName, KernelCachePolicy cache) {
        return new MountOptions(volumeName, false, false, MountOptions.DEFAULT_THREADS, false, cache, List.of());
    }

    public Path root() {
        return mount.mountPoint();
    }

    public FuseMount fuseMount() {
        return mount;
    }

    @Override
    public void close() {
        mount.close();
    }
}
