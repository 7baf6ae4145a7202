package io.cloudmount.engine.vfs;

import io.cloudmount.engine.FsError;
import io.cloudmount.engine.FsException;
import io.cloudmount.provider.Capability;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.OpenMode;
import io.cloudmount.provider.StorageProvider;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * The store used as it is: for stores with random write (memory, local folder), where every read and
 * write can go straight to the store and the kernel's caches are enough.
 */
final class DirectNamespace implements Namespace {
    private final StorageProvider provider;

    DirectNamespace(StorageProvider provider) {
        this.provider = provider;
    }

    @Override
    public ObjectInfo stat(String path) throws IOException {
        return provider.stat(path);
    }

    @Override
    public List<ObjectInfo> list(String directory) throws IOException {
        return provider.listAll(directory);
    }

    @Override
    public FileHandle open(String path, OpenFlags flags) throws IOException {
        boolean write = flags.write() || flags.truncate();
        if (write && !provider.capabilities().has(Capability.RANDOM_WRITE)) {
            throw new FsException(FsError.EROFS, "this store can only be written through the write cache: " + path);
        }
        return new DirectFileHandle(path, provider.open(path, write ? OpenMode.READ_WRITE : OpenMode.READ), flags);
    }

    @Override
    public FileHandle create(String path, OpenFlags flags) throws IOException {
        provider.createFile(path, flags.exclusive());
        return open(path, new OpenFlags(flags.read(), true, flags.append(), false, false));
    }

    @Override
    public void mkdir(String path) throws IOException {
        provider.mkdir(path);
    }

    @Override
    public void rmdir(String path) throws IOException {
        provider.deleteDirectory(path);
    }

    @Override
    public void unlink(String path) throws IOException {
        provider.deleteFile(path);
    }

    @Override
    public void rename(String from, String to, boolean replace) throws IOException {
        provider.rename(from, to, replace);
    }

    @Override
    public void setModifiedTime(String path, Instant modified) throws IOException {
        provider.setModifiedTime(path, modified);
    }

    @Override
    public void close() {
        // the VFS closes the store
    }
}
