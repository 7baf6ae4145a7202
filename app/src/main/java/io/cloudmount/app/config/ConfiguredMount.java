package io.cloudmount.app.config;

import io.cloudmount.app.drive.DriveConfig;
import io.cloudmount.app.drive.StorageSpec;
import io.cloudmount.app.secrets.SecretStoreException;
import io.cloudmount.app.secrets.SecretStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code cloudmount mount NAME}: a configured drive mounted by the CLI at its configured mount point.
 * The CLI's mount command needs SOURCE and MOUNTPOINT, so this fills in the mount point and the
 * drive's options ({@code --volume-name}, {@code --read-only}, {@code --capacity}, S3 endpoint and
 * cache options); SOURCE stays NAME
 * and the CLI's Source parser resolves it through {@link ConfigStore#findDrive}.
 */
public final class ConfiguredMount {
    /** Options of {@code cloudmount mount} that take a value (so their value is not a positional). */
    private static final Set<String> VALUE_OPTIONS = Set.of("--volume-name", "--threads", "--capacity",
            "--cache-dir", "--cache-size", "--min-free-space", "--write-back", "--dir-cache-ttl", "--poll-interval",
            "--multipart-threshold", "--endpoint", "--region", "--profile");

    private ConfiguredMount() {
    }

    /** The options of {@code cloudmount mount} that take a value (a test keeps this in step with the command). */
    public static Set<String> valueOptions() {
        return VALUE_OPTIONS;
    }

    public static String[] expand(String[] args, AppPaths paths) {
        if (args.length < 2 || !args[0].equals("mount")) {
            return args;
        }
        List<String> positionals = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (VALUE_OPTIONS.contains(args[i])) {
                i++;
            } else if (!args[i].startsWith("-")) {
                positionals.add(args[i]);
            }
        }
        if (positionals.isEmpty() || positionals.size() > 2) {
            return args;
        }
        boolean mountPointGiven = positionals.size() == 2; // NAME MOUNTPOINT: the drive's settings, elsewhere
        ConfigFile config;
        try {
            config = new ConfigStore(paths.configFile()).load();
        } catch (IOException e) {
            return args; // the CLI then says the source is unknown, and names the config file
        }
        String name = positionals.get(0).strip();
        Optional<DriveConfig> drive = config.drives().stream().filter(d -> d.name().equalsIgnoreCase(name)).findFirst();
        if (drive.isEmpty() || (!mountPointGiven && drive.get().mountPoint().isBlank())) {
            return args;
        }
        DriveConfig d = drive.get();
        List<String> expanded = new ArrayList<>(List.of(args));
        if (!mountPointGiven) {
            expanded.add(createIfMissing(d.mountPoint()));
        }
        if (!expanded.contains("--volume-name")) {
            expanded.addAll(List.of("--volume-name", d.name().replace(',', '_')));
        }
        if (d.readOnly() && !expanded.contains("--read-only")) {
            expanded.add("--read-only");
        }
        if (d.storage() instanceof StorageSpec.Memory memory && !expanded.contains("--capacity")) {
            expanded.addAll(List.of("--capacity", Long.toString(memory.capacityBytes())));
        }
        if (d.storage() instanceof StorageSpec.S3 s3) {
            addS3Options(expanded, s3);
            if (s3.auth() == StorageSpec.S3Auth.KEYS) {
                offerStoredKeys(d, s3, paths);
            }
            // The same cache as the app's, so uploads one left pending are finished by the other.
            if (!expanded.contains("--cache-dir")) {
                expanded.addAll(List.of("--cache-dir", DriveCacheLocation.of(config.settings().cacheDirectory(),
                        paths.defaultCacheDir(), d).toString()));
            }
            if (!expanded.contains("--cache-size")) {
                expanded.addAll(List.of("--cache-size",
                        Long.toString(DriveCacheLocation.sizeOf(config.settings().cacheSizeBytes(), d))));
            }
        }
        return expanded.toArray(String[]::new);
    }

    /**
     * The drive's keys for the CLI, without putting the secret on a command line or in the
     * environment of child processes: as the {@code aws.accessKeyId}/{@code aws.secretAccessKey}
     * system properties of this JVM, which the AWS SDK's default chain reads first. Keys given in
     * AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY still win: the CLI uses those before the chain.
     */
    private static void offerStoredKeys(DriveConfig drive, StorageSpec.S3 s3, AppPaths paths) {
        try {
            Optional<String> secret = SecretStores.detect(paths.configDir()).get(drive.secretKey());
            if (secret.isPresent()) {
                System.setProperty("aws.accessKeyId", s3.accessKeyId());
                System.setProperty("aws.secretAccessKey", secret.get());
            } else {
                System.err.println("cloudmount: the secret key of \"" + drive.name() + "\" is not in the secret store;"
                        + " set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or enter it again in the app");
            }
        } catch (SecretStoreException e) {
            System.err.println("cloudmount: cannot read the secret key of \"" + drive.name() + "\": " + e.getMessage());
        }
    }

    /** Endpoint, region, path style, time source and profile of an S3 drive. */
    private static void addS3Options(List<String> args, StorageSpec.S3 s3) {
        if (!s3.endpoint().isEmpty() && !args.contains("--endpoint")) {
            args.addAll(List.of("--endpoint", s3.endpoint()));
        }
        if (!args.contains("--region")) {
            args.addAll(List.of("--region", s3.region()));
        }
        if (s3.pathStyle() && !args.contains("--path-style")) {
            args.add("--path-style");
        }
        if (s3.serverModTimes() && !args.contains("--use-server-modtime")) {
            args.add("--use-server-modtime");
        }
        if (s3.auth() == StorageSpec.S3Auth.PROFILE && !args.contains("--profile")) {
            args.addAll(List.of("--profile", s3.profile()));
        }
    }

    /** The app creates a drive's mount folder at mount time; the CLI run of the same drive does too. */
    private static String createIfMissing(String mountPoint) {
        try {
            Path folder = Path.of(mountPoint);
            if (folder.isAbsolute() && !Files.exists(folder)) {
                Files.createDirectories(folder);
            }
        } catch (IOException | RuntimeException ignored) {
            // the mount command reports a missing or unusable mount point itself
        }
        return mountPoint;
    }
}
