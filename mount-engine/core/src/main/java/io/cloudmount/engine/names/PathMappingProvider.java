package io.cloudmount.engine.names;

import io.cloudmount.provider.Capabilities;
import io.cloudmount.provider.ListPage;
import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.ObjectInfo;
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
 * A store shown under other names: every path from the drive goes through {@link #toStore} before
 * it reaches the store, and every entry from the store through {@link #shown} before the drive sees
 * it. Subclasses define only the mapping (and override a call where one path is not enough).
 */
abstract class PathMappingProvider implements StorageProvider {
    protected final StorageProvider store;

    PathMappingProvider(StorageProvider store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The store path a drive path means. */
    protected abstract String toStore(String drivePath) throws ProviderException;

    /** An entry as the drive shows it; unchanged by default. */
    protected ObjectInfo shown(ObjectInfo info) {
        return info;
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
        return shown(store.list(toStore(directory), pageToken));
    }

    @Override
    public ListPage listNames(String directory, String pageToken) throws ProviderException {
        return shown(store.listNames(toStore(directory), pageToken));
    }

    private ListPage shown(ListPage page) {
        List<ObjectInfo> entries = page.entries().stream().map(this::shown).toList();
        return new ListPage(entries, page.nextPageToken());
    }

    @Override
    public ObjectHandle open(String path, OpenMode mode) throws ProviderException {
        return store.open(toStore(path), mode);
    }

    @Override
    public ObjectHandle openVersion(String path, long size, String etag) throws ProviderException {
        return store.openVersion(toStore(path), size, etag);
    }

    @Override
    public void checkNewPath(String path) throws ProviderException {
        store.checkNewPath(toStore(path));
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
    public ObjectInfo uploadChanged(String path, Path source, List<long[]> changed, String baseEtag,
                                    UploadOptions options) throws ProviderException {
        return shown(store.uploadChanged(toStore(path), source, changed, baseEtag, options));
    }

    @Override
    public List<long[]> rangesReadByUploadChanged(long size, long oldSize, List<long[]> changed) {
        return store.rangesReadByUploadChanged(size, oldSize, changed);
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
    public void deleteKnownFile(String path, boolean directoryKeepsEntries) throws ProviderException {
        store.deleteKnownFile(toStore(path), directoryKeepsEntries);
    }

    @Override
    public void mkdirKnownAbsent(String path) throws ProviderException {
        store.mkdirKnownAbsent(toStore(path));
    }

    @Override
    public void mkdirKnownAbsent(String path, Instant modified) throws ProviderException {
        store.mkdirKnownAbsent(toStore(path), modified);
    }

    @Override
    public void renameKnownFile(String source, String target, boolean sourceDirectoryKeepsEntries)
            throws ProviderException {
        store.renameKnownFile(toStore(source), toStore(target), sourceDirectoryKeepsEntries);
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
        return getClass().getSimpleName() + "[" + store + "]";
    }
}
