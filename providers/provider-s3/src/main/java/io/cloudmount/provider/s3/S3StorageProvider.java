package io.cloudmount.provider.s3;

import io.cloudmount.provider.Capabilities;
import io.cloudmount.provider.Capability;
import io.cloudmount.provider.ListPage;
import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ObjectPaths;
import io.cloudmount.provider.OpenMode;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.SpaceInfo;
import io.cloudmount.provider.StorageProvider;
import io.cloudmount.provider.UploadOptions;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bucket (or a folder of it) on AWS S3 or any S3-compatible server, as a {@link StorageProvider}.
 * See the package documentation for how files and directories map to keys.
 *
 * <p>Thread-safe: the SDK client is; the provider's own state is its executors and the deletes it
 * defers ({@link DeferredDeletes}), which are.
 */
public final class S3StorageProvider implements StorageProvider {
    private static final Logger LOG = LoggerFactory.getLogger(S3StorageProvider.class);
    private static final Capability[] BASE_CAPABILITIES = {
            Capability.SERVER_SIDE_COPY,
            Capability.EMPTY_DIRECTORIES,
            Capability.MODIFICATION_TIMES,
            Capability.ETAGS,
            // Emulated by copying every key; not atomic (see Renamer).
            Capability.DIRECTORY_RENAME,
            // Multipart upload with UploadPartCopy for unchanged parts (see PartialUploader).
            Capability.PARTIAL_UPLOAD};
    private static final byte[] EMPTY = new byte[0];
    /** Beside the known modification times, in the drive's cache folder. */
    static final String UNFINISHED_UPLOADS_FILE = "s3-unfinished-uploads";
    /** Old keys of renamed files still to delete (see {@link DeferredDeletes}), in the same folder. */
    static final String DEFERRED_DELETES_FILE = "s3-deferred-deletes";
    /**
     * A mount reports an endpoint that does not answer within this (or one read timeout, if shorter),
     * rather than after every retry's read timeout.
     */
    static final Duration ACCESS_CHECK_LIMIT = Duration.ofSeconds(20);

    private final S3Settings settings;
    private final S3Client client;
    private final S3Executors executors;
    private final S3Keys keys;
    private final S3Bucket bucket;
    private final PathLookup lookup;
    private final DirectoryLister lister;
    private final ObjectUploader uploader;
    private final PartialUploader partialUploader;
    private final ObjectCopier copier;
    private final Renamer renamer;
    private final KnownModTimes knownTimes;
    private final Capabilities capabilities;

    public S3StorageProvider(S3Settings settings) {
        this(settings, KnownModTimes.load(keptModTimes(settings), settings.storeName(), KnownModTimes.SETTLE));
    }

    /** With the given memory of HEAD answers: tests choose how soon after a write it trusts them. */
    S3StorageProvider(S3Settings settings, KnownModTimes knownTimes) {
        this.settings = settings;
        this.capabilities = capabilitiesFor(settings);
        this.knownTimes = knownTimes;
        this.client = S3ClientFactory.create(settings);
        this.executors = new S3Executors(settings.bucket(), settings.transfer().maxConcurrency());
        this.keys = new S3Keys(settings.prefix());
        this.bucket = new S3Bucket(client, settings.bucket(), new S3Errors(settings),
                new UnfinishedUploads(inCacheFolder(settings, UNFINISHED_UPLOADS_FILE), settings.storeName()),
                settings.readTimeout(), keys, inCacheFolder(settings, DEFERRED_DELETES_FILE), settings.storeName());
        this.lookup = new PathLookup(bucket, keys, settings.modTimesInListings());
        this.lister = new DirectoryLister(bucket, keys, settings.modTimesInListings(), executors.lookups(),
                knownTimes);
        this.uploader = new ObjectUploader(bucket, settings.transfer(), executors.transfers());
        this.partialUploader = new PartialUploader(bucket, settings.transfer(), executors.transfers(), uploader);
        this.copier = new ObjectCopier(bucket, settings.transfer(), executors.transfers(), knownTimes);
        this.renamer = new Renamer(bucket, keys, lookup, copier, executors.lookups());
        bucket.deferred().resumeLeftovers();
        // Parts of uploads a killed run left behind cost storage until aborted: do it now, in the
        // background, not at this run's first upload (a mount that only reads may never upload).
        executors.lookups().execute(() -> {
            try {
                bucket.unfinished().abortLeftovers(bucket);
            } catch (RuntimeException closedMeanwhile) {
                LOG.debug("Leftover uploads not aborted now; next time: {}", closedMeanwhile.toString());
            }
        });
    }

    /** A file beside the known modification times, in the drive's cache folder; {@code null} without one. */
    private static Path inCacheFolder(S3Settings settings, String name) {
        return settings.modTimesFile() == null ? null : settings.modTimesFile().resolveSibling(name);
    }

    public S3Settings settings() {
        return settings;
    }

    @Override
    public String describe() {
        return settings.describe();
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    /**
     * A listing with stored mtimes costs a HEAD per file, a stat two requests (is there a folder of that
     * name, then a HEAD): a lookup in an unlisted folder of 10,000 files would otherwise wait for 10,000
     * HEADs. With the server's times a listing costs one request per 1000 entries, and is worth it.
     */
    private static Capabilities capabilitiesFor(S3Settings settings) {
        List<Capability> flags = new ArrayList<>(List.of(BASE_CAPABILITIES));
        if (settings.modTimesInListings()) {
            flags.add(Capability.STAT_CHEAPER_THAN_LISTING);
        }
        return Capabilities.of(flags.toArray(Capability[]::new));
    }

    /** One small LIST under the drive's prefix: proves the endpoint, the credentials, the bucket and list rights. */
    @Override
    public void checkAccess() throws ProviderException {
        Duration limit = settings.readTimeout().compareTo(ACCESS_CHECK_LIMIT) < 0 ? settings.readTimeout() : ACCESS_CHECK_LIMIT;
        bucket.probe(keys.dirPrefix(ObjectPaths.ROOT), limit);
    }

    /** S3's limit on a key, in UTF-8 bytes. */
    static final int MAX_KEY_BYTES = 1024;

    @Override
    public void checkNewPath(String path) throws ProviderException {
        ObjectPaths.requireValid(path);
        String key = keys.dirPrefix(path); // the longer of its file key and its folder's marker key
        if (key.length() > MAX_KEY_BYTES / 3) {
            int bytes = key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes > MAX_KEY_BYTES) {
                throw new ProviderException.NameTooLong(path, "its S3 key would be " + bytes + " bytes; S3 allows "
                        + MAX_KEY_BYTES);
            }
        }
    }

    @Override
    public ObjectInfo stat(String path) throws ProviderException {
        ObjectPaths.requireValid(path);
        return lookup.info(path, lookup.resolve(path));
    }

    @Override
    public ListPage list(String directory, String pageToken) throws ProviderException {
        ObjectPaths.requireValid(directory);
        return lister.list(directory, pageToken, true);
    }

    /** A page without the HEAD per file: the server's LastModified stands in for the stored mtime. */
    @Override
    public ListPage listNames(String directory, String pageToken) throws ProviderException {
        ObjectPaths.requireValid(directory);
        return lister.list(directory, pageToken, false);
    }

    @Override
    public ObjectHandle open(String path, OpenMode mode) throws ProviderException {
        ObjectPaths.requireValid(path);
        if (mode != OpenMode.READ) {
            throw new ProviderException.Unsupported(path, "random write");
        }
        S3Entry entry = lookup.resolve(path);
        if (entry instanceof S3Entry.File file) {
            ObjectInfo info = PathLookup.fileInfo(ObjectPaths.name(path), file.head());
            return new S3ReadHandle(bucket, file.key(), path, info.size(), info.etag());
        }
        throw entry instanceof S3Entry.Directory ? new ProviderException.IsADirectory(path) : new ProviderException.NotFound(path);
    }

    /**
     * No lookup: the handle reads {@code etag} with {@code If-Match}, so a replaced object fails the
     * read with {@link ProviderException.Conflict} (a deleted one with {@code NotFound}) instead of
     * mixing versions; it saves the LIST and HEAD of {@link #open} before every download.
     */
    @Override
    public ObjectHandle openVersion(String path, long size, String etag) throws ProviderException {
        ObjectPaths.requireValid(path);
        if (etag == null || ObjectPaths.isRoot(path)) {
            return open(path, OpenMode.READ);
        }
        return new S3ReadHandle(bucket, keys.fileKey(path), path, size, etag);
    }

    @Override
    public ObjectInfo createFile(String path, boolean exclusive) throws ProviderException {
        requireCreatable(path);
        S3Entry entry = lookup.resolve(path);
        if (exclusive && !(entry instanceof S3Entry.Missing)) {
            // Check-then-put, so two exclusive creates can race: conditional writes
            // (If-None-Match) are not available on every S3-compatible server.
            throw new ProviderException.AlreadyExists(path);
        }
        if (entry instanceof S3Entry.Directory) {
            throw new ProviderException.IsADirectory(path);
        }
        Instant now = Instant.now();
        String key = keys.fileKey(path);
        var response = bucket.putSmall(key, EMPTY, S3Bucket.contentTypeFor(path), now, path);
        knownTimes.wrote(key, StoredVersion.of(response.eTag(), response), now);
        return ObjectInfo.file(ObjectPaths.name(path), 0, now, response.eTag());
    }

    @Override
    public ObjectInfo upload(String path, Path source, UploadOptions options) throws ProviderException {
        requireCreatable(path);
        requireNoDirectoryAt(path);
        bucket.unfinished().abortLeftovers(bucket);
        Map<String, String> metadata = Map.of(MtimeMetadata.KEY, MtimeMetadata.format(options.modified()));
        String key = keys.fileKey(path);
        var uploaded = uploader.upload(key, path, source, metadata, options.progress());
        knownTimes.wrote(key, uploaded.version(), options.modified());
        return ObjectInfo.file(ObjectPaths.name(path), uploaded.size(), options.modified(), uploaded.etag());
    }

    /**
     * A multipart upload that copies unchanged parts from the current object on the server
     * ({@link PartialUploader}); a whole upload for objects under two parts. The parent is not looked
     * up: an object with {@code baseEtag} at {@code path} implies it.
     */
    @Override
    public ObjectInfo uploadChanged(String path, Path source, List<long[]> changed, String baseEtag,
                                    UploadOptions options) throws ProviderException {
        Objects.requireNonNull(baseEtag, "baseEtag");
        ObjectPaths.requireValid(path);
        if (ObjectPaths.isRoot(path)) {
            throw new ProviderException.IsADirectory(path);
        }
        requireNoDirectoryAt(path);
        bucket.unfinished().abortLeftovers(bucket);
        Map<String, String> metadata = Map.of(MtimeMetadata.KEY, MtimeMetadata.format(options.modified()));
        String key = keys.fileKey(path);
        var uploaded = partialUploader.upload(key, path, source, changed, baseEtag, metadata, options.progress());
        knownTimes.wrote(key, uploaded.version(), options.modified());
        return ObjectInfo.file(ObjectPaths.name(path), uploaded.size(), options.modified(), uploaded.etag());
    }

    @Override
    public List<long[]> rangesReadByUploadChanged(long size, long oldSize, List<long[]> changed) {
        return partialUploader.rangesRead(size, oldSize, changed);
    }

    @Override
    public void mkdir(String path) throws ProviderException {
        ObjectPaths.requireValid(path);
        if (ObjectPaths.isRoot(path)) {
            throw new ProviderException.AlreadyExists(path);
        }
        lookup.requireDirectory(ObjectPaths.parent(path));
        if (!(lookup.resolve(path) instanceof S3Entry.Missing)) {
            throw new ProviderException.AlreadyExists(path);
        }
        bucket.putSmall(keys.markerKey(path), EMPTY, S3Bucket.DIRECTORY_CONTENT_TYPE, Instant.now(), path);
    }

    @Override
    public void deleteFile(String path) throws ProviderException {
        ObjectPaths.requireValid(path);
        S3Entry entry = lookup.resolve(path);
        if (entry instanceof S3Entry.Directory) {
            throw new ProviderException.IsADirectory(path);
        }
        if (entry instanceof S3Entry.Missing) {
            throw new ProviderException.NotFound(path);
        }
        bucket.delete(keys.fileKey(path), path);
        renamer.keepDirectory(ObjectPaths.parent(path));
    }

    /** One DELETE (S3 answers it alike for a key that is gone), plus the emptied-directory check if needed. */
    @Override
    public void deleteKnownFile(String path, boolean directoryKeepsEntries) throws ProviderException {
        ObjectPaths.requireValid(path);
        if (ObjectPaths.isRoot(path)) {
            throw new ProviderException.IsADirectory(path);
        }
        bucket.delete(keys.fileKey(path), path);
        if (!directoryKeepsEntries) {
            renamer.keepDirectory(ObjectPaths.parent(path));
        }
    }

    /** Only the marker PUT: the checks of {@link #mkdir} cost three lookups. */
    @Override
    public void mkdirKnownAbsent(String path) throws ProviderException {
        mkdirKnownAbsent(path, Instant.now());
    }

    @Override
    public void mkdirKnownAbsent(String path, Instant modified) throws ProviderException {
        ObjectPaths.requireValid(path);
        if (ObjectPaths.isRoot(path)) {
            throw new ProviderException.AlreadyExists(path);
        }
        bucket.putSmall(keys.markerKey(path), EMPTY, S3Bucket.DIRECTORY_CONTENT_TYPE, modified, path);
    }

    @Override
    public void renameKnownFile(String source, String target, boolean sourceDirectoryKeepsEntries)
            throws ProviderException {
        ObjectPaths.requireValid(source);
        ObjectPaths.requireValid(target);
        renamer.renameKnownFile(source, target, sourceDirectoryKeepsEntries);
    }

    @Override
    public void deleteDirectory(String path) throws ProviderException {
        ObjectPaths.requireValid(path);
        if (ObjectPaths.isRoot(path)) {
            throw new ProviderException.InvalidName(path, "cannot delete the root");
        }
        String marker = keys.markerKey(path);
        bucket.deferred().settleUnder(marker, path); // then neither the check nor the parent's listing counts them
        List<S3Object> below = bucket.firstKeysUnder(marker, 2, path);
        if (below.isEmpty()) {
            boolean isFile = bucket.head(keys.fileKey(path), path).isPresent();
            throw isFile ? new ProviderException.NotADirectory(path) : new ProviderException.NotFound(path);
        }
        if (below.stream().anyMatch(o -> !o.key().equals(marker))) {
            throw new ProviderException.NotEmpty(path);
        }
        bucket.delete(marker, path);
        renamer.keepDirectory(ObjectPaths.parent(path));
    }

    @Override
    public void rename(String source, String target, boolean replace) throws ProviderException {
        ObjectPaths.requireValid(source);
        ObjectPaths.requireValid(target);
        renamer.rename(source, target, replace);
    }

    @Override
    public void copy(String source, String target) throws ProviderException {
        ObjectPaths.requireValid(source);
        requireCreatable(target);
        S3Entry from = lookup.resolve(source);
        if (from instanceof S3Entry.Directory) {
            throw new ProviderException.IsADirectory(source);
        }
        if (!(from instanceof S3Entry.File file)) {
            throw new ProviderException.NotFound(source);
        }
        if (source.equals(target)) {
            return;
        }
        if (!bucket.firstKeysUnder(keys.dirPrefix(target), 1, target).isEmpty()) {
            throw new ProviderException.IsADirectory(target);
        }
        var head = file.head();
        copier.copy(file.key(), head.contentLength() == null ? 0 : head.contentLength(), head.eTag(),
                head.storageClassAsString(), keys.fileKey(target), source);
    }

    @Override
    public void setModifiedTime(String path, Instant modified) throws ProviderException {
        ObjectPaths.requireValid(path);
        S3Entry entry = lookup.resolve(path);
        if (entry instanceof S3Entry.File file) {
            var stored = copier.replaceMetadata(file.key(), file.head(),
                    MtimeMetadata.with(file.head().metadata(), modified), path);
            knownTimes.wrote(file.key(), stored, modified);
        } else if (entry instanceof S3Entry.Directory dir) {
            if (ObjectPaths.isRoot(path)) {
                return; // the root has no marker of its own to carry a time
            }
            var markerHead = dir.marker() == null ? null : bucket.head(dir.prefix(), path).orElse(null);
            if (markerHead == null) {
                bucket.putSmall(dir.prefix(), EMPTY, S3Bucket.DIRECTORY_CONTENT_TYPE, modified, path);
            } else {
                copier.replaceMetadata(dir.prefix(), markerHead, MtimeMetadata.with(markerHead.metadata(), modified), path);
            }
        } else {
            throw new ProviderException.NotFound(path);
        }
    }

    @Override
    public SpaceInfo space() {
        return SpaceInfo.UNLIMITED;
    }

    @Override
    public void close() {
        bucket.deferred().close();
        executors.close();
        client.close();
        Path kept = keptModTimes(settings);
        if (kept != null) {
            knownTimes.save(kept, settings.storeName());
        }
    }

    /**
     * The file of known modification times, if this drive reads stored times at all: with server
     * times it sends no HEADs, so there is nothing to load at start or to write back at close.
     */
    private static Path keptModTimes(S3Settings settings) {
        return settings.modTimesInListings() ? settings.modTimesFile() : null;
    }

    /** A directory of the same name would hide the file (see the package documentation): refuse to write it. */
    private void requireNoDirectoryAt(String path) throws ProviderException {
        if (!bucket.firstKeysUnder(keys.dirPrefix(path), 1, path).isEmpty()) {
            throw new ProviderException.IsADirectory(path);
        }
    }

    /** A path a file can be created at: valid, not the root, in an existing directory. */
    private void requireCreatable(String path) throws ProviderException {
        ObjectPaths.requireValid(path);
        if (ObjectPaths.isRoot(path)) {
            throw new ProviderException.IsADirectory(path);
        }
        lookup.requireDirectory(ObjectPaths.parent(path));
    }

    @Override
    public String toString() {
        return "S3StorageProvider[" + describe() + "]";
    }
}
