/**
 * The S3 provider: a bucket, or a folder of it, on AWS or any S3-compatible server, through the AWS
 * SDK for Java v2 with its pure-Java (Apache) HTTP client. SDK types never leave this package;
 * the entry points are {@link io.cloudmount.provider.s3.S3StorageProvider} and
 * {@link io.cloudmount.provider.s3.S3Settings}.
 *
 * <h2>Files and directories on a flat key space</h2>
 * <ul>
 *   <li>The drive's root is the settings' prefix ({@code team/docs/}), or the bucket root. A file
 *       {@code /a/b.txt} is the key {@code <prefix>a/b.txt}.</li>
 *   <li>A directory is a key prefix ending in {@code /}. It exists if its zero-byte marker object
 *       {@code a/} exists (written by {@code mkdir}, removed by {@code rmdir}; rclone and s3fs write
 *       the same) or if any key lies below it (an <i>implied</i> directory, as most tools leave
 *       them). When the last entry leaves an implied directory, a marker is written so that the
 *       directory stays, as POSIX requires.</li>
 *   <li><b>A directory wins over a file of the same name</b> ({@code a} and {@code a/x} both
 *       present): the directory is shown, the object {@code a} is hidden but never touched.</li>
 *   <li>Keys whose segments cannot be file names ({@code a//b}, {@code .}, {@code ..}) are not
 *       listed.</li>
 *   <li>Modification times live in the {@code mtime} user metadata, as rclone and s3fs keep them
 *       ({@link io.cloudmount.provider.s3.MtimeMetadata}); without it the server's LastModified is
 *       shown. {@code setModifiedTime} copies the object onto itself with new metadata.</li>
 * </ul>
 *
 * <h2>Requests</h2>
 * Reads are ranged GETs straight into the caller's buffer ({@link io.cloudmount.provider.s3.S3ReadHandle}).
 * Writes are whole objects: one PUT, or a multipart upload with parallel parts above a threshold
 * ({@link io.cloudmount.provider.s3.ObjectUploader}); a large object changed in a few places is
 * rewritten with a multipart upload that sends only the parts with changes and copies the others
 * from the current object on the server ({@link io.cloudmount.provider.s3.PartialUploader}). Renames are server-side copies then deletes,
 * with {@code UploadPartCopy} above 5 GiB ({@link io.cloudmount.provider.s3.ObjectCopier},
 * {@link io.cloudmount.provider.s3.Renamer}); they are not atomic. Every SDK failure becomes a
 * typed {@link io.cloudmount.provider.ProviderException} in one place,
 * {@link io.cloudmount.provider.s3.S3Errors}.
 *
 * <h2>Threads</h2>
 * All classes are thread-safe. Fan-out work runs on two bounded pools
 * ({@link io.cloudmount.provider.s3.S3Executors}); callers block until their own requests finish.
 */
package io.cloudmount.provider.s3;
