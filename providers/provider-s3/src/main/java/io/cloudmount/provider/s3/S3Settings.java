package io.cloudmount.provider.s3;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything needed to reach one bucket (or one folder of it) as a drive.
 *
 * <p>Built with {@link #builder(String)}, which validates eagerly. {@link #toString()} never shows
 * secrets: {@link S3Credentials} redacts itself.
 *
 * @param bucket              the bucket name
 * @param prefix              folder inside the bucket that becomes the drive's root, without leading or
 *                            trailing {@code /}; {@code ""} for the whole bucket
 * @param endpoint            endpoint of an S3-compatible server, or {@code null} for AWS itself
 * @param region              signing region (S3-compatible servers usually accept {@code us-east-1})
 * @param pathStyle           {@code http://host/bucket/key} instead of {@code http://bucket.host/key};
 *                            most self-hosted servers need it
 * @param credentials         where the keys come from
 * @param transfer            multipart thresholds, part sizes and parallelism
 * @param connectTimeout      TCP connect timeout; short, so an unreachable endpoint fails fast
 * @param readTimeout         longest silence on an open connection before the attempt fails
 * @param maxAttempts         attempts per request, the first included (SDK standard retry mode)
 * @param modTimesInListings  if {@code true}, {@link S3StorageProvider#list} reads each entry's stored
 *                            {@code mtime} with a HEAD request (parallel, bounded) so listings and
 *                            {@code stat} agree; if {@code false}, listings show the server's
 *                            LastModified, one request per 1000 entries (like rclone's
 *                            {@code --use-server-modtime})
 * @param modTimesFile        where the stored times read by those HEAD requests are kept between runs
 *                            (in the drive's cache directory), so a remount lists without them; {@code null}:
 *                            kept in memory only
 */
public record S3Settings(String bucket, String prefix, URI endpoint, String region, boolean pathStyle,
                         S3Credentials credentials, S3TransferSettings transfer, Duration connectTimeout,
                         Duration readTimeout, int maxAttempts, boolean modTimesInListings, Path modTimesFile) {

    /** The name of {@link #modTimesFile} in a drive's cache directory. */
    private static final String MOD_TIMES_FILE_NAME = "s3-modtimes";

    public S3Settings {
        requireBucketName(bucket);
        prefix = normalizePrefix(prefix);
        if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null)) {
            throw new IllegalArgumentException("endpoint must be an absolute http(s) URI, was " + endpoint);
        }
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("region is empty");
        }
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(transfer, "transfer");
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("readTimeout", readTimeout);
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("maxAttempts must be 1..20, was " + maxAttempts);
        }
    }

    public static Builder builder(String bucket) {
        return new Builder(bucket);
    }

    /** A copy of these settings that the builder can change. */
    public Builder toBuilder() {
        return new Builder(bucket).prefix(prefix).endpoint(endpoint).region(region).pathStyle(pathStyle)
                .credentials(credentials).transfer(transfer).connectTimeout(connectTimeout)
                .readTimeout(readTimeout).maxAttempts(maxAttempts).modTimesInListings(modTimesInListings)
                .modTimesFile(modTimesFile);
    }

    /** {@code s3://bucket/prefix}, the form the CLI accepts, plus the endpoint when it is not AWS. */
    public String describe() {
        return endpoint == null ? storeName() : storeName() + " at " + endpoint;
    }

    /**
     * {@code s3://bucket[/prefix]}: what the drive's files are, wherever the bucket is reached from. The
     * records the drive keeps for its next run name it, as the cache folder does (the same bucket at
     * another endpoint, say http instead of https, is the same store).
     */
    public String storeName() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    private static void requireBucketName(String bucket) {
        // Loose on purpose: S3-compatible servers allow names AWS does not (upper case, underscores).
        if (bucket == null || bucket.isBlank() || bucket.indexOf('/') >= 0 || bucket.length() > 255) {
            throw new IllegalArgumentException("not a bucket name: " + bucket);
        }
        // But no server takes other characters, and in a path-style URL '.' and '..' are no bucket at all:
        // "s3://.." sent its requests to the server's root, and a file written on the drive became a
        // request to create a bucket of its name. Other names failed later as "bucket does not exist".
        // ':' for Ceph's "tenant:bucket".
        if (!bucket.matches("[A-Za-z0-9._:-]+") || bucket.matches("\\.+")) {
            throw new IllegalArgumentException("not a bucket name: '" + bucket + "' (a bucket name has only letters,"
                    + " digits, '.', '-' and '_')");
        }
    }

    private static String normalizePrefix(String prefix) {
        if (prefix == null) {
            return "";
        }
        String p = prefix;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.contains("//")) {
            throw new IllegalArgumentException("prefix has an empty segment: " + prefix);
        }
        // Keys are not paths to S3, but they are to the HTTP layer and to other tools: a "." or ".." in the
        // request path is resolved away before it is sent (the request then names another key, or is refused),
        // and a tool copying the bucket to a disk would climb out of its folder. The drive never makes such
        // names (the kernel resolves them), so a prefix with them would be the one source of them.
        for (String segment : p.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("prefix has a '" + segment + "' segment: " + prefix);
            }
        }
        return p;
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** Fills in sensible defaults; {@link #build()} validates. */
    public static final class Builder {
        private final String bucket;
        private String prefix = "";
        private URI endpoint;
        private String region = "us-east-1";
        private boolean pathStyle;
        private S3Credentials credentials = S3Credentials.defaultChain();
        private S3TransferSettings transfer = S3TransferSettings.DEFAULTS;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(60);
        private int maxAttempts = 4;
        private boolean modTimesInListings = true;
        private Path modTimesFile;

        private Builder(String bucket) {
            this.bucket = bucket;
        }

        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder pathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
            return this;
        }

        public Builder credentials(S3Credentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder transfer(S3TransferSettings transfer) {
            this.transfer = transfer;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder modTimesInListings(boolean modTimesInListings) {
            this.modTimesInListings = modTimesInListings;
            return this;
        }

        public Builder modTimesFile(Path modTimesFile) {
            this.modTimesFile = modTimesFile;
            return this;
        }

        /** {@link #modTimesFile} at its usual place in a drive's cache directory (the CLI's and the app's). */
        public Builder modTimesKeptIn(Path cacheDirectory) {
            return modTimesFile(cacheDirectory.resolve(MOD_TIMES_FILE_NAME));
        }

        public S3Settings build() {
            return new S3Settings(bucket, prefix, endpoint, region, pathStyle, credentials, transfer,
                    connectTimeout, readTimeout, maxAttempts, modTimesInListings, modTimesFile);
        }
    }
}
