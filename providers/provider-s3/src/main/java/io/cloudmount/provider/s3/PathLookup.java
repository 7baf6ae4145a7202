package io.cloudmount.provider.s3;

import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ObjectPaths;
import io.cloudmount.provider.ProviderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Instant;
import java.util.List;

/**
 * Decides what a path is, and turns S3 answers into {@link ObjectInfo}.
 *
 * <p><b>A directory wins over a file of the same name.</b> S3 can hold both {@code a} and
 * {@code a/b}; a file system cannot show both under the name {@code a}. We show the directory, as
 * rclone and s3fs do, because hiding it would hide everything below it; the shadowed object is
 * left untouched on the server. Hence a lookup asks "is there anything below {@code a/}?" first
 * and only then HEADs {@code a}.
 */
final class PathLookup {
    private static final Logger LOG = LoggerFactory.getLogger(PathLookup.class);

    private final S3Bucket bucket;
    private final S3Keys keys;
    private final boolean markerTimes;

    PathLookup(S3Bucket bucket, S3Keys keys, boolean markerTimes) {
        this.bucket = bucket;
        this.keys = keys;
        this.markerTimes = markerTimes;
    }

    S3Entry resolve(String path) throws ProviderException {
        if (ObjectPaths.isRoot(path)) {
            return new S3Entry.Directory(keys.dirPrefix(path), null);
        }
        S3Entry directory = directoryOrMissing(path);
        if (directory instanceof S3Entry.Directory) {
            return directory;
        }
        String key = keys.fileKey(path);
        return bucket.head(key, path)
                .<S3Entry>map(head -> new S3Entry.File(key, head))
                .orElseGet(S3Entry.Missing::new);
    }

    /**
     * Whether a directory is at {@code path}, without asking for a file there: enough where a file
     * would simply be overwritten (a rename that may replace its target). {@link S3Entry.Missing} means
     * "no directory"; a file may still be there.
     */
    S3Entry directoryOrMissing(String path) throws ProviderException {
        if (ObjectPaths.isRoot(path)) {
            return resolve(path);
        }
        String prefix = keys.dirPrefix(path);
        List<S3Object> below = bucket.firstKeysUnder(prefix, 1, path);
        if (below.isEmpty()) {
            return new S3Entry.Missing();
        }
        S3Object first = below.get(0);
        return new S3Entry.Directory(prefix, first.key().equals(prefix) ? first : null);
    }

    /** Resolves and requires a directory: the parent check of every call that creates something. */
    void requireDirectory(String path) throws ProviderException {
        S3Entry entry = resolve(path);
        if (entry instanceof S3Entry.Missing) {
            throw new ProviderException.NotFound(path);
        }
        if (entry instanceof S3Entry.File) {
            throw new ProviderException.NotADirectory(path);
        }
    }

    ObjectInfo info(String path, S3Entry entry) throws ProviderException {
        String name = ObjectPaths.name(path);
        if (entry instanceof S3Entry.File file) {
            return fileInfo(name, file.head());
        }
        if (entry instanceof S3Entry.Directory dir) {
            return ObjectInfo.directory(name, dir.marker() == null ? Instant.EPOCH : markerTime(dir.marker(), path));
        }
        throw new ProviderException.NotFound(path);
    }

    /** A directory's time is its marker's stored mtime, as rclone and s3fs write it; implied directories have none. */
    Instant markerTime(S3Object marker, String path) throws ProviderException {
        if (!markerTimes) {
            return Instant.EPOCH;
        }
        try {
            return bucket.head(marker.key(), path).map(PathLookup::modified).orElse(Instant.EPOCH);
        } catch (ProviderException e) {
            // Listing the folder worked, so it exists; a HEAD of its marker refused for that key alone
            // (a per-user IAM policy lets the user list home/ but not read home/bob/) must not make
            // the folder unreadable. The LIST that found the marker gave its LastModified.
            if (!S3Errors.refusesOnlyThisObject(e)) {
                throw e;
            }
            LOG.debug("HEAD of the marker of {} refused ({}); showing its listed time", path, e.getMessage());
            return listedTime(marker);
        }
    }

    /** The LastModified a LIST gave for {@code object}, or the epoch if there is none (no object, or no date). */
    static Instant listedTime(S3Object object) {
        return object == null || object.lastModified() == null ? Instant.EPOCH : object.lastModified();
    }

    static ObjectInfo fileInfo(String name, HeadObjectResponse head) {
        long size = head.contentLength() == null ? 0 : head.contentLength();
        return ObjectInfo.file(name, size, modified(head), head.eTag());
    }

    /** The stored {@code mtime}, else the server's LastModified. */
    static Instant modified(HeadObjectResponse head) {
        Instant stored = MtimeMetadata.parse(head.metadata());
        if (stored != null) {
            return stored;
        }
        return head.lastModified() == null ? Instant.EPOCH : head.lastModified();
    }
}
