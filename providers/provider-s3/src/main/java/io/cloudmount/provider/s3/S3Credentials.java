package io.cloudmount.provider.s3;

import java.util.Objects;

/**
 * Where the provider gets its AWS credentials from. Secrets never appear in {@link #toString()}.
 */
public sealed interface S3Credentials {

    /** The SDK's standard chain: environment, system properties, shared profile files, container and instance roles. */
    static S3Credentials defaultChain() {
        return DefaultChain.INSTANCE;
    }

    /** A named profile of the shared {@code ~/.aws/config} and {@code ~/.aws/credentials} files. */
    static S3Credentials profile(String name) {
        return new Profile(name);
    }

    /** An explicit key pair, e.g. read from the OS secret store. */
    static S3Credentials staticKeys(String accessKeyId, String secretAccessKey) {
        return new StaticKeys(accessKeyId, secretAccessKey, null);
    }

    /** The standard AWS provider chain. */
    final class DefaultChain implements S3Credentials {
        private static final DefaultChain INSTANCE = new DefaultChain();

        private DefaultChain() {
        }

        @Override
        public String toString() {
            return "default credential chain";
        }
    }

    /** A named profile of the shared AWS configuration files. */
    record Profile(String name) implements S3Credentials {
        public Profile {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("profile name is empty");
            }
        }

        @Override
        public String toString() {
            return "profile " + name;
        }
    }

    /**
     * Explicit keys. {@code sessionToken} is optional (temporary credentials). The access key id is an
     * identifier, not a secret, but {@link #toString()} still shows only its first characters so that
     * logs of a shared screen do not reveal whole key pairs.
     */
    record StaticKeys(String accessKeyId, String secretAccessKey, String sessionToken) implements S3Credentials {
        public StaticKeys {
            if (accessKeyId == null || accessKeyId.isBlank()) {
                throw new IllegalArgumentException("access key id is empty");
            }
            Objects.requireNonNull(secretAccessKey, "secret access key");
            if (secretAccessKey.isBlank()) {
                throw new IllegalArgumentException("secret access key is empty");
            }
        }

        @Override
        public String toString() {
            String shown = accessKeyId.length() <= 4 ? "" : accessKeyId.substring(0, 4);
            return "static keys " + shown + "…" + (sessionToken == null ? "" : " with session token");
        }
    }
}
