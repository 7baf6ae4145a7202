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

/** A real libfuse3 mount of a store in a fresh folder, for integration tests. */
public final class MountedDrive implements AutoCloseable {
    private final FuseMount mount;

    private MountedDrive(FuseMount mount) {
        this.mount = mount;
    }

    public static MountedDrive mount(StorageProvider store, Path parent, KernelCachePolicy cache) throws Exception {
        return mount(new Vfs(store, VfsOptions.defaults()), parent, cache);
    }

    /** A drive with the write-back cache in front of the store (as S3 drives are mounted). */
    public static MountedDrive mountCached(StorageProvider store, Path parent, CacheSettings settings) throws Exception {
        return mount(Vfs.cached(store, VfsOptions.defaults(), settings), parent, KernelCachePolicy.shared());
    }

    public static MountedDrive mount(Vfs vfs, Path parent, KernelCachePolicy cache) throws Exception {
        Path mountPoint = Files.createDirectories(parent.resolve("mnt"));
        StorageProvider store = vfs.provider();
        MountOptions options = new MountOptions("it-" + store.describe().replaceAll("[^A-Za-z0-9]", "_"), false, false,
                MountOptions.DEFAULT_THREADS, false, cache, List.of());
        return new MountedDrive(FuseMount.mount(vfs, mountPoint, options));
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
