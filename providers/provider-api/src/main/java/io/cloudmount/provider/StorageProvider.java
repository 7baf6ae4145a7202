package io.cloudmount.provider;

import java.io.Closeable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A store the engine mounts: S3, a local folder, memory, ...
 *
 * <p>All paths are normalized absolute paths ({@link ObjectPaths#requireValid}); {@code "/"} is the
 * drive's root, which always exists and is a directory. Every method may be called concurrently.
 * Failures are {@link ProviderException}s of a precise kind; a method never returns {@code null}
 * to mean "not found".
 */
public interface StorageProvider extends Closeable {

    /** A short description for logs and the UI, e.g. {@code "local:/data"}; never contains secrets. */
    String describe();

    Capabilities capabilities();

    /** Attributes of one entry; {@link ProviderException.NotFound} if there is none. */
    ObjectInfo stat(String path) throws ProviderException;

    /**
     * One page of the children of a directory.
     *
     * @param pageToken {@code null} for the first page, else {@link ListPage#nextPageToken()} of the previous one
     * @throws ProviderException.NotFound       if the directory does not exist
     * @throws ProviderException.NotADirectory  if the path is a file
     */
    ListPage list(String directory, String pageToken) throws ProviderException;

    /**
     * A page of {@link #list} in which only each entry's name and kind must be right: a store may leave
     * out what costs a request per entry (S3 shows the server's upload time instead of the stored mtime).
     * For finding a name, never for showing entries. The default is {@link #list}.
     */
    default ListPage listNames(String directory, String pageToken) throws ProviderException {
        return list(directory, pageToken);
    }

    /** Every child of a directory: {@link #list} followed to its last page. */
    default List<ObjectInfo> listAll(String directory) throws ProviderException {
        return allPages(directory, false);
    }

    /** Every child of a directory as {@link #listNames} shows it, followed to its last page. */
    default List<ObjectInfo> listAllNames(String directory) throws ProviderException {
        return allPages(directory, true);
    }

    private List<ObjectInfo> allPages(String directory, boolean namesOnly) throws ProviderException {
        List<ObjectInfo> all = new ArrayList<>();
        String token = null;
        do {
            ListPage page = namesOnly ? listNames(directory, token) : list(directory, token);
            all.addAll(page.entries());
            token = page.nextPageToken();
        } while (token != null);
        return all;
    }

    /**
     * Opens an existing file. {@link OpenMode#READ_WRITE} needs {@link Capability#RANDOM_WRITE}.
     *
     * @throws ProviderException.IsADirectory if the path is a directory
     */
    ObjectHandle open(String path, OpenMode mode) throws ProviderException;

    /**
     * Opens a file for reading at a version the caller has already seen ({@link #stat} or a listing):
     * {@code size} bytes with ETag {@code etag}. A store may trust that instead of looking the path up
     * again; it must then fail reads with {@link ProviderException.Conflict} if the object no longer
     * has {@code etag}, as a handle from {@link #open} does once the object is replaced. The default
     * is {@code open(path, READ)}.
     *
     * @param etag the {@link ObjectInfo#etag()} seen, or {@code null} if the store gave none
     */
    default ObjectHandle openVersion(String path, long size, String etag) throws ProviderException {
        return open(path, OpenMode.READ);
    }

    /**
     * Creates an empty file.
     *
     * @param exclusive if {@code true}, fail with {@link ProviderException.AlreadyExists} when the
     *                  path exists; if {@code false}, an existing file is truncated to zero bytes
     */
    ObjectInfo createFile(String path, boolean exclusive) throws ProviderException;

    /**
     * Replaces (or creates) a file with the content of a local file, as one whole object.
     * The parent directory must exist.
     */
    ObjectInfo upload(String path, Path source, UploadOptions options) throws ProviderException;

    /**
     * Replaces {@code path} with {@code source}, sending only {@code changed} ranges and copying the rest
     * from the current object, which must still have {@code baseEtag} (else
     * {@link ProviderException.Conflict}). Needs {@link Capability#PARTIAL_UPLOAD}; the default throws
     * {@link ProviderException.Unsupported}. Returns the new {@link ObjectInfo}.
     *
     * <p>{@code source} is the new content at its full size: the provider decides how much around each change
     * it sends (S3 sends whole parts of at least 5 MiB, and everything when the object is too small for
     * parts to pay off), and reads those bytes from it; only they need to be there
     * ({@link #rangesReadByUploadChanged}), a cache may leave holes elsewhere. The ranges it does not
     * send are taken from the current object, so every byte outside {@code changed} and below the old
     * size must be unchanged; bytes beyond the old size are always sent. A provider may fall back to a
     * whole upload; it still fails with {@code Conflict} if the object no longer has {@code baseEtag} when
     * it looks. {@link UploadOptions#progress()} counts bytes sent plus bytes copied on the server, so it
     * ends at the new size either way.
     *
     * @param changed  the byte ranges that differ from the current object, each {@code {start, end}}
     *                 (end exclusive): sorted, non-overlapping and within the new size; an empty list
     *                 means only the size changed
     * @param baseEtag {@link ObjectInfo#etag()} of the version the local copy was made from
     * @throws ProviderException.Conflict if the object is gone or has another ETag
     * @throws IllegalArgumentException   if {@code changed} is not sorted, overlaps or leaves the new size
     */
    default ObjectInfo uploadChanged(String path, Path source, List<long[]> changed, String baseEtag,
                                     UploadOptions options) throws ProviderException {
        throw new ProviderException.Unsupported(path, "partial upload");
    }

    /**
     * The ranges of the local file that {@link #uploadChanged} would read to turn an object of {@code oldSize}
     * bytes into one of {@code size} bytes with these {@code changed} ranges; it copies the rest in the store.
     * A cache needs only these bytes at hand to upload an edit of a file it never read whole. Sorted and
     * non-overlapping. The default, for providers that send everything: the whole file.
     */
    default List<long[]> rangesReadByUploadChanged(long size, long oldSize, List<long[]> changed) {
        return size == 0 ? List.of() : List.of(new long[] {0, size});
    }

    /**
     * Refuses a new file or folder at {@code path} that the store could never hold, before the drive makes
     * it: the write-back cache creates names locally and writes them to the store later, where a refusal
     * would come only after {@code close()} returned, and for good. The check holds for a folder (whose
     * S3 marker key ends in one more {@code /}), so for a file it may be one byte stricter than the store.
     * The default accepts every path.
     *
     * @throws ProviderException.NameTooLong if the store's name for {@code path} is too long for it
     */
    default void checkNewPath(String path) throws ProviderException {
    }

    /** Creates a directory; the parent must exist. {@link ProviderException.AlreadyExists} if the path exists. */
    void mkdir(String path) throws ProviderException;

    /** Deletes a file. {@link ProviderException.IsADirectory} for a directory. */
    void deleteFile(String path) throws ProviderException;

    /**
     * Deletes an empty directory. {@link ProviderException.NotEmpty} if it has children,
     * {@link ProviderException.NotADirectory} for a file, {@link ProviderException.InvalidName} for the root.
     */
    void deleteDirectory(String path) throws ProviderException;

    /**
     * Moves a file, or (with {@link Capability#DIRECTORY_RENAME}) a directory with its subtree.
     * The target's parent must exist.
     *
     * @param replace if {@code true} an existing target file (or empty directory, when the source is a
     *                directory) is replaced; if {@code false} an existing target fails with
     *                {@link ProviderException.AlreadyExists}
     */
    void rename(String source, String target, boolean replace) throws ProviderException;

    // ---- the same operations for a caller that has just looked -------------------------------------
    //
    // A caching engine knows, from this store's recent answers and its own changes since, what is at a
    // path; the checks of mkdir, deleteFile and rename would only confirm it, at one or more requests
    // each on an object store. These variants let a store skip them. A caller that was wrong (another
    // client changed the store meanwhile) gets the store's plain behaviour, never corruption: S3 deletes,
    // writes or copies the keys it is told to. Each default simply runs the checked operation.

    /**
     * {@link #deleteFile} of a path the caller saw as a file. May succeed without error if it is gone.
     *
     * @param directoryKeepsEntries the caller saw other entries in the file's directory, so deleting
     *                              this one does not leave it empty (an object store need not check
     *                              whether it must keep the emptied directory)
     */
    default void deleteKnownFile(String path, boolean directoryKeepsEntries) throws ProviderException {
        deleteFile(path);
    }

    /** {@link #mkdir} where the caller saw the parent as a directory and nothing at {@code path}. */
    default void mkdirKnownAbsent(String path) throws ProviderException {
        mkdir(path);
    }

    /**
     * {@link #mkdirKnownAbsent(String)} for a directory made at {@code modified}: a store that keeps a
     * directory's time with its entry (S3's marker) records that instead of the moment of the request,
     * which for a directory written later by the upload queue is the time of the upload.
     */
    default void mkdirKnownAbsent(String path, Instant modified) throws ProviderException {
        mkdirKnownAbsent(path);
    }

    /**
     * {@link #rename} with replace of a path the caller saw as a file, to a target whose parent it saw as
     * a directory and where it saw no directory (a file there is replaced).
     *
     * @param sourceDirectoryKeepsEntries as for {@link #deleteKnownFile}, about the source's directory
     */
    default void renameKnownFile(String source, String target, boolean sourceDirectoryKeepsEntries)
            throws ProviderException {
        rename(source, target, true);
    }

    /** Copies a file inside the store. Needs {@link Capability#SERVER_SIDE_COPY}. */
    default void copy(String source, String target) throws ProviderException {
        throw new ProviderException.Unsupported(source, "server-side copy");
    }

    /** Stores a modification time. Stores without {@link Capability#MODIFICATION_TIMES} ignore it. */
    void setModifiedTime(String path, Instant modified) throws ProviderException;

    /** Stores POSIX permission bits. Needs {@link Capability#POSIX_MODE}. */
    default void setMode(String path, int mode) throws ProviderException {
        throw new ProviderException.Unsupported(path, "permission bits");
    }

    /** Capacity for {@code df}; {@link SpaceInfo#UNLIMITED} when the store has no limit. */
    SpaceInfo space() throws ProviderException;

    /**
     * Checks that the store is reachable and usable (credentials, bucket, folder), so that a mount
     * fails at once with a clear message instead of with I/O errors later. The default stats the root.
     */
    default void checkAccess() throws ProviderException {
        stat(ObjectPaths.ROOT);
    }

    @Override
    void close() throws ProviderException;
}
