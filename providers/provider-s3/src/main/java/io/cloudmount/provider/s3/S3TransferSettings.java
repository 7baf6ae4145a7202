package io.cloudmount.provider.s3;

/**
 * How large objects move: when to switch to multipart upload and multipart copy, how big the parts
 * are, and how many requests run at once.
 *
 * <p>S3 allows parts of 5 MiB to 5 GiB (the last part may be smaller) and at most 10,000 parts, so
 * the part sizes here are minimums: a larger object gets larger parts. A single {@code CopyObject}
 * is limited to 5 GiB, which is why {@link #multipartCopyThreshold} defaults to that and may not
 * exceed it; tests lower it to exercise {@code UploadPartCopy} with small objects.
 *
 * <p>Whole files up to {@link #DEFAULTS}' 1 GiB go up as one {@code PutObject}: the server stores the
 * body as it arrives, while a multipart upload makes S3-compatible servers that keep objects as
 * blobs (S3Proxy, for one) copy the whole object once more after the last part, in
 * {@code CompleteMultipartUpload}; on a small machine serving itself that doubled the time until a
 * 512 MiB file was stored. Above 1 GiB, parts bound what a failure has to send again. Partial
 * uploads ({@code PartialUploader}) use parts whatever the size: they copy the unchanged ones.
 *
 * @param multipartUploadThreshold objects of at least this many bytes are uploaded in parts
 * @param uploadPartSize           minimum part size of a multipart upload
 * @param multipartCopyThreshold   objects larger than this are copied with {@code UploadPartCopy}
 * @param copyPartSize             minimum part size of a multipart copy
 * @param maxConcurrency           parallel part transfers per provider (also bounds listing look-ups)
 */
public record S3TransferSettings(long multipartUploadThreshold, long uploadPartSize,
                                 long multipartCopyThreshold, long copyPartSize, int maxConcurrency) {
    public static final long MIB = 1024L * 1024;
    public static final long GIB = 1024 * MIB;
    /** Smallest part S3 accepts (all but the last part). */
    public static final long MIN_PART_SIZE = 5 * MIB;
    /** Largest part, and largest single {@code CopyObject}. */
    public static final long MAX_PART_SIZE = 5 * GIB;
    public static final int MAX_PARTS = 10_000;

    public static final S3TransferSettings DEFAULTS =
            new S3TransferSettings(GIB, 16 * MIB, MAX_PART_SIZE, 512 * MIB, 8);

    public S3TransferSettings {
        requireBetween("uploadPartSize", uploadPartSize, MIN_PART_SIZE, MAX_PART_SIZE);
        requireBetween("copyPartSize", copyPartSize, MIN_PART_SIZE, MAX_PART_SIZE);
        requireBetween("multipartUploadThreshold", multipartUploadThreshold, uploadPartSize, MAX_PART_SIZE);
        requireBetween("multipartCopyThreshold", multipartCopyThreshold, MIN_PART_SIZE, MAX_PART_SIZE);
        if (maxConcurrency < 1 || maxConcurrency > 64) {
            throw new IllegalArgumentException("maxConcurrency must be 1..64, was " + maxConcurrency);
        }
    }

    /** The part size for an object of {@code size} bytes: at least {@code minimum}, and few enough parts. */
    static long partSizeFor(long size, long minimum) {
        long needed = (size + MAX_PARTS - 1) / MAX_PARTS;
        return Math.max(minimum, needed);
    }

    private static void requireBetween(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + " bytes, was " + value);
        }
    }
}
