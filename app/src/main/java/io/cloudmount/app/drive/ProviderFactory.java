package io.cloudmount.app.drive;

import io.cloudmount.app.secrets.SecretStore;
import io.cloudmount.app.secrets.SecretStoreException;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.StorageProvider;
import io.cloudmount.provider.local.LocalProvider;
import io.cloudmount.provider.memory.MemoryProvider;
import io.cloudmount.provider.s3.S3Credentials;
import io.cloudmount.provider.s3.S3Settings;
import io.cloudmount.provider.s3.S3StorageProvider;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Opens the store behind a {@link StorageSpec}. The app's counterpart of the CLI's DriveFactory,
 * which also knows S3 and takes the secret key from the secret store.
 */
public final class ProviderFactory {
    private final SecretStore secrets;

    public ProviderFactory(SecretStore secrets) {
        this.secrets = secrets;
    }

    /**
     * The store of a configured drive; the S3 secret key comes from the secret store. An S3 drive keeps
     * the modification times its HEAD requests read in {@code cacheDirectory}, for the next mount.
     */
    public StorageProvider open(DriveConfig drive, Path cacheDirectory) throws DriveProblem {
        Optional<String> secret = Optional.empty();
        if (drive.storage() instanceof StorageSpec.S3 s3 && s3.auth() == StorageSpec.S3Auth.KEYS) {
            try {
                secret = secrets.get(drive.secretKey());
            } catch (SecretStoreException e) {
                throw new DriveProblem("Cannot read the secret key of \"" + drive.name() + "\" from "
                        + secrets.description() + ": " + e.getMessage(), e);
            }
            if (secret.isEmpty()) {
                throw new DriveProblem("The secret key of \"" + drive.name() + "\" is not in " + secrets.description()
                        + ": edit the drive and enter it again");
            }
        }
        if (drive.storage() instanceof StorageSpec.S3 s3) {
            return new S3StorageProvider(s3Settings(s3, secret, false).toBuilder().modTimesKeptIn(cacheDirectory).build());
        }
        return open(drive.storage(), secret, false);
    }

    /**
     * A store for {@code spec}. {@code quick} is for "Test connection": one attempt and short time
     * limits, so a wrong endpoint answers in seconds rather than after the retries a mount deserves.
     */
    public StorageProvider open(StorageSpec spec, Optional<String> secretKey, boolean quick) throws DriveProblem {
        if (spec instanceof StorageSpec.Memory memory) {
            if (memory.capacityBytes() > MemoryProvider.largestCapacity()) {
                throw new DriveProblem("A memory drive of " + Bytes.format(memory.capacityBytes()) + " is more than"
                        + " CloudMount can keep in memory (at most " + Bytes.format(MemoryProvider.largestCapacity())
                        + "): edit the drive and lower its capacity");
            }
            return MemoryProvider.withCapacity(memory.capacityBytes());
        }
        if (spec instanceof StorageSpec.Local local) {
            Path folder = Path.of(local.folder());
            if (!Files.isDirectory(folder)) {
                throw new DriveProblem(Files.exists(folder) ? local.folder() + " is a file, not a folder"
                        : "The folder " + local.folder() + " does not exist");
            }
            try {
                return new LocalProvider(folder);
            } catch (ProviderException e) {
                throw new DriveProblem(ProblemMessages.of(e), e);
            }
        }
        StorageSpec.S3 s3 = (StorageSpec.S3) spec;
        return new S3StorageProvider(s3Settings(s3, secretKey, quick));
    }

    static S3Settings s3Settings(StorageSpec.S3 spec, Optional<String> secretKey, boolean quick) throws DriveProblem {
        try {
            S3Settings.Builder builder = S3Settings.builder(spec.bucket())
                    .prefix(spec.prefix())
                    .region(spec.region())
                    .pathStyle(spec.pathStyle())
                    .modTimesInListings(!spec.serverModTimes())
                    .credentials(credentials(spec, secretKey));
            if (!spec.endpoint().isEmpty()) {
                builder.endpoint(URI.create(spec.endpoint()));
            }
            if (quick) {
                builder.maxAttempts(1).connectTimeout(Duration.ofSeconds(3)).readTimeout(Duration.ofSeconds(10));
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new DriveProblem("The S3 settings are not valid: " + e.getMessage(), e);
        }
    }

    private static S3Credentials credentials(StorageSpec.S3 spec, Optional<String> secretKey) throws DriveProblem {
        return switch (spec.auth()) {
            case KEYS -> {
                if (spec.accessKeyId().isEmpty() || secretKey.filter(s -> !s.isBlank()).isEmpty()) {
                    throw new DriveProblem("Enter both the access key id and the secret access key");
                }
                yield S3Credentials.staticKeys(spec.accessKeyId(), secretKey.get());
            }
            case PROFILE -> S3Credentials.profile(spec.profile());
            case DEFAULT_CHAIN -> S3Credentials.defaultChain();
        };
    }
}
