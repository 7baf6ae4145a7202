package io.cloudmount.engine.names;

import io.cloudmount.provider.Capabilities;
import io.cloudmount.provider.ListPage;
import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ObjectPaths;
import io.cloudmount.provider.OpenMode;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.SpaceInfo;
import io.cloudmount.provider.StorageProvider;
import io.cloudmount.provider.UploadOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Shows a store whose keys Windows cannot display (a {@code ?}, a trailing dot, {@code CON.txt})
 * under {@link WindowsNameCodec encoded} names: paths coming from the drive are decoded before they
 * reach the store, names coming from the store are encoded. The encoding is injective, so every
 * entry keeps a name of its own and none is dropped; listings keep the store's order and page tokens.
 *
 * <p>Failures pass through unchanged, so their {@link ProviderException#path()} names the store
 * path (the decoded one), which is what a log reader needs to find the key. A drive name whose
 * decoding is not a valid store path (the drive name {@code ．}, which decodes to {@code .}) fails
 * with {@link ProviderException.InvalidName} from the store.
 *
 * <p>Stateless and thread-safe.
 */
public final class NameEncodingProvider implements StorageProvider {
    private final StorageProvider store;

    public NameEncodingProvider(StorageProvider store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public String describe() {
        return store.describe();
    }

    @Override
    public Capabilities capabilities() {
        return store.capabilities();
    }

    @Override
    public ObjectInfo stat(String path) throws ProviderException {
        return shown(store.stat(toStore(path)));
    }

    @Override
    public ListPage list(String directory, String pageToken) throws ProviderException {
        ListPage page = store.list(toStore(directory), pageToken);
        List<ObjectInfo> entries = page.entries().stream().map(NameEncodingProvider::shown).toList();
        return new ListPage(entries, page.nextPageToken());
    }

    @Override
    public ObjectHandle open(String path, OpenMode mode) throws ProviderException {
        return store.open(toStore(path), mode);
    }

    @Override
    public ObjectInfo createFile(String path, boolean exclusive) throws ProviderException {
        return shown(store.createFile(toStore(path), exclusive));
    }

    @Override
    public ObjectInfo upload(String path, Path source, UploadOptions options) throws ProviderException {
        return shown(store.upload(toStore(path), source, options));
    }

    @Override
    public ObjectInfo uploadChanged(String path, Path source, java.util.List<long[]> changed, String baseEtag,
                                    UploadOptions options) throws ProviderException {
        return shown(store.uploadChanged(toStore(path), source, changed, baseEtag, options));
    }

    @Override
    public void mkdir(String path) throws ProviderException {
        store.mkdir(toStore(path));
    }

    @Override
    public void deleteFile(String path) throws ProviderException {
        store.deleteFile(toStore(path));
    }

    @Override
    public void deleteDirectory(String path) throws ProviderException {
        store.deleteDirectory(toStore(path));
    }

    @Override
    public void rename(String source, String target, boolean replace) throws ProviderException {
        store.rename(toStore(source), toStore(target), replace);
    }

    @Override
    public void copy(String source, String target) throws ProviderException {
        store.copy(toStore(source), toStore(target));
    }

    @Override
    public void setModifiedTime(String path, Instant modified) throws ProviderException {
        store.setModifiedTime(toStore(path), modified);
    }

    @Override
    public void setMode(String path, int mode) throws ProviderException {
        store.setMode(toStore(path), mode);
    }

    @Override
    public SpaceInfo space() throws ProviderException {
        return store.space();
    }

    @Override
    public void checkAccess() throws ProviderException {
        store.checkAccess();
    }

    @Override
    public void close() throws ProviderException {
        store.close();
    }

    @Override
    public String toString() {
        return "NameEncodingProvider[" + store + "]";
    }

    /** Validates first, so a malformed drive path fails the same way with or without this decorator. */
    private static String toStore(String drivePath) throws ProviderException.InvalidName {
        return WindowsNameCodec.decodePath(ObjectPaths.requireValid(drivePath));
    }

    private static ObjectInfo shown(ObjectInfo info) {
        String name = WindowsNameCodec.encode(info.name());
        return name.equals(info.name()) ? info : info.withName(name);
    }
}
