package io.cloudmount.app.drive;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/**
 * Where a drive's files live. Stored in the configuration file, so it holds no secret: an S3 secret
 * key lives in the {@link io.cloudmount.app.secrets.SecretStore} under {@link DriveConfig#secretKey()}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = StorageSpec.Memory.class, name = "memory"),
        @JsonSubTypes.Type(value = StorageSpec.Local.class, name = "local"),
        @JsonSubTypes.Type(value = StorageSpec.S3.class, name = "s3")})
public sealed interface StorageSpec {

    /** "Memory", "Local folder", "S3": the provider column of the drives list. */
    String kindLabel();

    /** Who else may change the store: decides how long the kernel may cache. */
    StoreKind kind();

    /** One line for the drives list: what is mounted. */
    String describe();

    /** Files kept in RAM until unmount. */
    record Memory(long capacityBytes) implements StorageSpec {
        public Memory {
            if (capacityBytes <= 0) {
                throw new IllegalArgumentException("capacity must be positive");
            }
        }

        @Override
        public String kindLabel() {
            return "Memory";
        }

        @Override
        public StoreKind kind() {
            return StoreKind.MEMORY;
        }

        @Override
        public String describe() {
            return Bytes.format(capacityBytes);
        }
    }

    /** A local folder shown 1:1. */
    record Local(String folder) implements StorageSpec {
        public Local {
            Objects.requireNonNull(folder, "folder");
        }

        @Override
        public String kindLabel() {
            return "Local folder";
        }

        @Override
        public StoreKind kind() {
            return StoreKind.LOCAL_FOLDER;
        }

        @Override
        public String describe() {
            return folder;
        }
    }

    /**
     * A bucket (or a folder of it) on AWS or an S3-compatible server.
     *
     * @param endpoint    empty for AWS itself
     * @param accessKeyId used with {@link S3Auth#KEYS}; an identifier, not a secret
     * @param profile     used with {@link S3Auth#PROFILE}
     * @param serverModTimes show the server's upload times instead of the stored {@code mtime}: folders
     *                    list without a request per file (the CLI's {@code --use-server-modtime});
     *                    absent in older configuration files, where it reads as {@code false}
     */
    record S3(String endpoint, String region, String bucket, String prefix, S3Auth auth, String accessKeyId,
              String profile, boolean pathStyle, boolean serverModTimes) implements StorageSpec {

        /** A drive that shows the stored modification times (the default). */
        public S3(String endpoint, String region, String bucket, String prefix, S3Auth auth, String accessKeyId,
                  String profile, boolean pathStyle) {
            this(endpoint, region, bucket, prefix, auth, accessKeyId, profile, pathStyle, false);
        }

        public S3 {
            endpoint = endpoint == null ? "" : endpoint.strip();
            region = region == null || region.isBlank() ? "us-east-1" : region.strip();
            bucket = Objects.requireNonNull(bucket, "bucket").strip();
            prefix = prefix == null ? "" : prefix.strip();
            auth = auth == null ? S3Auth.DEFAULT_CHAIN : auth;
            accessKeyId = accessKeyId == null ? "" : accessKeyId.strip();
            profile = profile == null ? "" : profile.strip();
        }

        @Override
        public String kindLabel() {
            return "S3";
        }

        @Override
        public StoreKind kind() {
            return StoreKind.OBJECT_STORE;
        }

        @Override
        public String describe() {
            String where = "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
            return endpoint.isEmpty() ? where : where + " at " + endpoint;
        }
    }

    /** Where an S3 drive's credentials come from. */
    enum S3Auth {
        /** Access key id in the config, secret key in the secret store. */
        KEYS,
        /** A named profile of ~/.aws/config and ~/.aws/credentials. */
        PROFILE,
        /** The AWS SDK's standard chain (environment, profile files, instance roles). */
        DEFAULT_CHAIN
    }
}
