package io.cloudmount.provider.s3;

import io.cloudmount.provider.ObjectPaths;
import io.cloudmount.provider.ProviderException;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Moves files and whole directories by server-side copy, then delete. S3 has no rename, so a move
 * is <b>not atomic</b>: during it both names can be seen, and if it fails half-way the source is
 * still complete (sources are deleted only after every copy succeeded) and the target may be
 * partial. A directory move copies every key below it, in parallel; its cost grows with the number
 * and size of the objects, not just one request.
 *
 * <p>A moved file's old key is deleted after the move returns ({@link DeferredDeletes}) where its
 * directory keeps other entries; this drive no longer shows it from the moment the copy is done.
 */
final class Renamer {
    private static final int PAGE_SIZE = 1000;

    private final S3Bucket bucket;
    private final S3Keys keys;
    private final PathLookup lookup;
    private final ObjectCopier copier;
    private final ExecutorService lookups;

    Renamer(S3Bucket bucket, S3Keys keys, PathLookup lookup, ObjectCopier copier, ExecutorService lookups) {
        this.bucket = bucket;
        this.keys = keys;
        this.lookup = lookup;
        this.copier = copier;
        this.lookups = lookups;
    }

    void rename(String source, String target, boolean replace) throws ProviderException {
        if (ObjectPaths.isRoot(source) || ObjectPaths.isRoot(target)) {
            throw new ProviderException.InvalidName(ObjectPaths.isRoot(source) ? source : target, "cannot move the root");
        }
        S3Entry from = lookup.resolve(source);
        if (from instanceof S3Entry.Missing) {
            throw new ProviderException.NotFound(source);
        }
        if (source.equals(target)) {
            return;
        }
        if (from instanceof S3Entry.Directory && ObjectPaths.isSameOrBelow(target, source)) {
            throw new ProviderException.InvalidName(target, "cannot move a directory into itself");
        }
        // Within one directory the source proves the parent exists, and the parent keeps an entry (the
        // target) afterwards: two lookups per rename fewer, which is the common case (editors' safe saves).
        boolean sameDirectory = ObjectPaths.parent(source).equals(ObjectPaths.parent(target));
        if (!sameDirectory) {
            lookup.requireDirectory(ObjectPaths.parent(target));
        }
        S3Entry to = replace && from instanceof S3Entry.File ? lookup.directoryOrMissing(target) : lookup.resolve(target);
        if (!(to instanceof S3Entry.Missing)) {
            clearTarget(from, to, target, replace);
        }
        if (from instanceof S3Entry.File file) {
            var head = file.head();
            copier.copy(file.key(), head.contentLength() == null ? 0 : head.contentLength(), head.eTag(),
                    head.storageClassAsString(), keys.fileKey(target), source);
            removeSource(file.key(), head.eTag(), source, sameDirectory);
        } else {
            bucket.deferred().settleUnder(keys.dirPrefix(source), source);
            bucket.deferred().settleUnder(keys.dirPrefix(target), target);
            moveTree(keys.dirPrefix(source), keys.dirPrefix(target), source);
        }
        if (!sameDirectory) {
            keepDirectory(ObjectPaths.parent(source));
        }
    }

    /**
     * A file move where the caller vouches for the layout ({@code StorageProvider#renameKnownFile}): the
     * copy and the delete; no lookups of the source as a directory, of the target, or of its parent. What
     * the copy needs (size, ETag, storage class) comes from the version a LIST or HEAD last showed, or,
     * when there is none or it is stale (the conditional copy refuses it), from a HEAD.
     */
    void renameKnownFile(String source, String target, boolean sourceDirectoryKeepsEntries) throws ProviderException {
        if (ObjectPaths.isRoot(source) || ObjectPaths.isRoot(target)) {
            throw new ProviderException.InvalidName(ObjectPaths.isRoot(source) ? source : target, "cannot move the root");
        }
        if (source.equals(target)) {
            return;
        }
        String key = keys.fileKey(source);
        String targetKey = keys.fileKey(target);
        String copied = copyAsLastSeen(key, targetKey, source);
        if (copied == null) {
            var head = bucket.head(key, source).orElseThrow(() -> new ProviderException.NotFound(source));
            copier.copy(key, head.contentLength() == null ? 0 : head.contentLength(), head.eTag(),
                    head.storageClassAsString(), targetKey, source);
            copied = head.eTag();
        }
        boolean keepsEntries = sourceDirectoryKeepsEntries || ObjectPaths.parent(source).equals(ObjectPaths.parent(target));
        removeSource(key, copied, source, keepsEntries);
        if (!keepsEntries) {
            keepDirectory(ObjectPaths.parent(source));
        }
    }

    /**
     * Deletes a moved file's old key: later, in a batch, when its directory keeps other entries (the
     * common case: a rename in place, an editor's save). When it may be the last entry, at once, so
     * that {@link #keepDirectory} sees the directory as it now is.
     */
    private void removeSource(String key, String copiedEtag, String path, boolean directoryKeepsEntries)
            throws ProviderException {
        if (directoryKeepsEntries) {
            bucket.deleteLater(key, copiedEtag);
        } else {
            bucket.delete(key, path);
        }
    }

    /**
     * Copies the version of {@code key} a LIST or HEAD last showed, on condition that it is still the
     * current one; returns its ETag. {@code null} if none was seen, or the object changed or vanished
     * since (then nothing was copied).
     */
    private String copyAsLastSeen(String key, String targetKey, String path) throws ProviderException {
        SeenVersions.Version seen = bucket.seen().get(key);
        if (seen == null) {
            return null;
        }
        try {
            copier.copy(key, seen.size(), seen.etag(), seen.storageClass(), targetKey, path);
            return seen.etag();
        } catch (ProviderException.Conflict | ProviderException.NotFound stale) {
            bucket.seen().forget(key);
            return null;
        }
    }

    /** Checks the existing target against the POSIX rules and removes an empty target directory. */
    private void clearTarget(S3Entry from, S3Entry to, String target, boolean replace) throws ProviderException {
        if (!replace) {
            throw new ProviderException.AlreadyExists(target);
        }
        if (from instanceof S3Entry.File && to instanceof S3Entry.Directory) {
            throw new ProviderException.IsADirectory(target);
        }
        if (from instanceof S3Entry.Directory && to instanceof S3Entry.File) {
            throw new ProviderException.NotADirectory(target);
        }
        if (to instanceof S3Entry.Directory dir) {
            List<S3Object> below = bucket.firstKeysUnder(dir.prefix(), 2, target);
            if (below.stream().anyMatch(o -> !o.key().equals(dir.prefix()))) {
                throw new ProviderException.NotEmpty(target);
            }
            bucket.delete(dir.prefix(), target);
        }
        // A target file is simply overwritten by the copy.
    }

    /** Copies every key below {@code from} to the same place below {@code to}, then deletes the originals. */
    private void moveTree(String from, String to, String path) throws ProviderException {
        List<String> moved = new ArrayList<>();
        String token = null;
        var parallel = new ParallelLookups<S3Object, String>(lookups, bucket.errors(), path);
        do {
            ListObjectsV2Response page = bucket.list(from, null, token, PAGE_SIZE, path);
            List<S3Object> objects = page.hasContents() ? page.contents() : List.of();
            parallel.run(objects, o -> copier.copy(o.key(), o.size() == null ? 0 : o.size(), o.eTag(),
                    o.storageClassAsString(), to + o.key().substring(from.length()), keys.pathOf(o.key())));
            objects.forEach(o -> moved.add(o.key()));
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        bucket.deleteAll(moved, path);
    }

    /**
     * Keeps a directory visible after its last entry left. An implied directory (no marker, as other
     * tools leave them) exists only through its keys; POSIX says it stays when emptied, so it gets a marker.
     */
    void keepDirectory(String path) throws ProviderException {
        String marker = keys.markerKey(path);
        if (ObjectPaths.isRoot(path) || marker == null) {
            return;
        }
        if (bucket.firstKeysUnder(marker, 1, path).isEmpty()) {
            bucket.putSmall(marker, new byte[0], S3Bucket.DIRECTORY_CONTENT_TYPE, Instant.now(), path);
        }
    }
}
