package io.cloudmount.app.cli;

import io.cloudmount.provider.s3.S3Credentials;
import io.cloudmount.provider.s3.S3Settings;
import io.cloudmount.provider.s3.S3TransferSettings;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import picocli.CommandLine.Option;

/** Options of {@code s3://} sources. Keys come from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile or the AWS chain. */
final class S3Options {
    @Option(names = "--endpoint", paramLabel = "URL", description = "S3-compatible endpoint (MinIO, Ceph, R2, Wasabi...); AWS when omitted.")
    URI endpoint;

    @Option(names = "--region", paramLabel = "R", description = "Region (default: AWS_REGION, else us-east-1).")
    String region;

    @Option(names = "--path-style", description = "Path-style addressing (http://host/bucket), needed by most self-hosted servers.")
    boolean pathStyle;

    @Option(names = "--profile", paramLabel = "P", description = "Named profile from ~/.aws/credentials.")
    String profile;

    // One request is fastest where the server assembles multipart uploads again (S3Proxy, some gateways);
    // on AWS, parallel parts usually win for files of a few hundred MiB.
    @Option(names = "--multipart-threshold", paramLabel = "SIZE", converter = ByteSize.class,
            description = "Upload files of at least this size in parallel parts (16M to 5G; default: 1G).")
    Long multipartThreshold;

    // The stored mtime is in each object's headers only: a listing of N files then costs N HEADs.
    // rclone has the same switch under the same name.
    @Option(names = "--use-server-modtime",
            description = "Show the server's upload time instead of the stored modification time: a listing is one "
                    + "request per 1000 files instead of one per file (times then change when a file is uploaded).")
    boolean useServerModTime;

    S3Settings settings(Source.S3 source) throws CliFailure {
        if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null
                || !(endpoint.getScheme().equals("http") || endpoint.getScheme().equals("https")))) {
            throw new CliFailure(ExitCode.USAGE, "--endpoint must be an http:// or https:// URL, not '" + endpoint + "'");
        }
        S3Settings.Builder builder = S3Settings.builder(source.bucket()).prefix(source.prefix()).pathStyle(pathStyle)
                .region(region != null ? region : envOr("AWS_REGION", envOr("AWS_DEFAULT_REGION", "us-east-1")))
                .credentials(credentials()).modTimesInListings(!useServerModTime);
        if (endpoint != null) {
            builder.endpoint(endpoint);
        }
        try {
            if (multipartThreshold != null) {
                S3TransferSettings d = S3TransferSettings.DEFAULTS;
                if (multipartThreshold < d.uploadPartSize() || multipartThreshold > S3TransferSettings.MAX_PART_SIZE) {
                    throw new CliFailure(ExitCode.USAGE, "--multipart-threshold must be between 16M and 5G");
                }
                builder.transfer(new S3TransferSettings(multipartThreshold, d.uploadPartSize(),
                        d.multipartCopyThreshold(), d.copyPartSize(), d.maxConcurrency()));
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCode.USAGE, e.getMessage());
        }
    }

    /** A warning when keys and data would cross a network unencrypted. */
    String insecureEndpointWarning() {
        if (endpoint == null || !"http".equals(endpoint.getScheme()) || isLoopback(endpoint.getHost())) {
            return null;
        }
        return "warning: " + endpoint + " is plain http: data and request signatures travel unencrypted; use https";
    }

    private S3Credentials credentials() {
        if (profile != null) {
            return S3Credentials.profile(profile);
        }
        String key = System.getenv("AWS_ACCESS_KEY_ID");
        String secret = System.getenv("AWS_SECRET_ACCESS_KEY");
        if (key != null && !key.isBlank() && secret != null && !secret.isBlank()) {
            String token = System.getenv("AWS_SESSION_TOKEN");
            return token == null || token.isBlank() ? S3Credentials.staticKeys(key, secret)
                    : new S3Credentials.StaticKeys(key, secret, token);
        }
        return S3Credentials.defaultChain();
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
