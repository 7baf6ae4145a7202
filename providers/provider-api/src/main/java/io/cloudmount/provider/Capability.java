package io.cloudmount.provider;

/** What a store can do natively. The engine reads these flags; it never asks which store it is. */
public enum Capability {
    /** {@link StorageProvider#rename} of a file is atomic (a reader sees the old or the new name, never neither). */
    ATOMIC_RENAME,
    /** {@link StorageProvider#rename} accepts a non-empty directory and moves its whole subtree. */
    DIRECTORY_RENAME,
    /** {@link StorageProvider#copy} copies inside the store without moving the bytes through us. */
    SERVER_SIDE_COPY,
    /** An empty directory exists on its own (S3 emulates this with {@code dir/} marker objects). */
    EMPTY_DIRECTORIES,
    /** Modification times are stored and returned by {@link StorageProvider#setModifiedTime}/{@link StorageProvider#stat}. */
    MODIFICATION_TIMES,
    /** {@link ObjectInfo#etag()} changes whenever the content changes. */
    ETAGS,
    /** {@link ObjectHandle#write} and {@link ObjectHandle#truncate} work in place (memory, local). */
    RANDOM_WRITE,
    /** {@link StorageProvider#setMode} stores POSIX permission bits. */
    POSIX_MODE,
    /**
     * {@link StorageProvider#uploadChanged} rewrites an object from a local copy by sending only changed
     * ranges and copying the rest server-side (S3: multipart upload with {@code UploadPartCopy}).
     */
    PARTIAL_UPLOAD,
    /**
     * {@link StorageProvider#stat} of one path costs a few requests however large its directory, while a
     * listing costs one per entry (S3 reading each file's stored mtime with a HEAD). The engine then
     * answers the first lookups in a directory it has not listed one by one instead of listing it.
     */
    STAT_CHEAPER_THAN_LISTING
}
