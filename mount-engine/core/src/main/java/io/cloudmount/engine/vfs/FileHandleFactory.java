package io.cloudmount.engine.vfs;

import io.cloudmount.engine.FsError;
import io.cloudmount.engine.FsException;
import io.cloudmount.provider.Capability;
import io.cloudmount.provider.OpenMode;
import io.cloudmount.provider.StorageProvider;
import java.io.IOException;

/**
 * Picks the kind of handle for an open, from the store's capabilities: stores with random write are
 * used directly; the others need the caching engine's local copy.
 */
final class FileHandleFactory {
    private final StorageProvider provider;
    private final boolean randomWrite;

    FileHandleFactory(StorageProvider provider, VfsOptions options) {
        this.provider = provider;
        this.randomWrite = provider.capabilities().has(Capability.RANDOM_WRITE);
    }

    FileHandle open(String path, OpenFlags flags, boolean created) throws IOException {
        boolean write = flags.write() || flags.truncate();
        if (!write || randomWrite) {
            return new DirectFileHandle(path, provider.open(path, write ? OpenMode.READ_WRITE : OpenMode.READ), flags);
        }
        throw new FsException(FsError.ENOTSUP, "this store needs the write cache to modify files: " + path);
    }
}
