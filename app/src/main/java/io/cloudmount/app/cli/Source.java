package io.cloudmount.app.cli;

import io.cloudmount.app.drive.StoreKind;
import java.nio.file.Path;
import java.util.Locale;

/** The SOURCE argument of {@code cloudmount mount}: {@code memory:}, {@code local:PATH}, {@code s3://BUCKET[/PREFIX]}. */
sealed interface Source {

    /** A name for the drive when the user gives none (the volume name shown by df and Explorer). */
    String defaultVolumeName();

    /** Who else may change the store: decides how long the kernel may cache. */
    StoreKind kind();

    record Memory() implements Source {
        @Override
        public String defaultVolumeName() {
            return "memory";
        }

        @Override
        public StoreKind kind() {
            return StoreKind.MEMORY;
        }
    }

    record Local(Path folder) implements Source {
        @Override
        public String defaultVolumeName() {
            Path name = folder.getFileName();
            return "local-" + (name == null ? "root" : name.toString().replace(',', '_'));
        }

        @Override
        public StoreKind kind() {
            return StoreKind.LOCAL_FOLDER;
        }
    }

    record S3(String bucket, String prefix) implements Source {
        @Override
        public String defaultVolumeName() {
            return "s3-" + bucket;
        }

        @Override
        public StoreKind kind() {
            return StoreKind.OBJECT_STORE;
        }
    }

    static Source parse(String text) throws CliFailure {
        if (text.equals("memory:") || text.equals("memory")) {
            return new Memory();
        }
        if (text.startsWith("local:")) {
            String path = text.substring("local:".length());
            if (path.isEmpty()) {
                throw new CliFailure(ExitCode.USAGE, "local: needs a folder, e.g. local:/srv/data");
            }
            return new Local(Path.of(path).toAbsolutePath().normalize());
        }
        if (text.toLowerCase(Locale.ROOT).startsWith("s3://")) {
            String rest = text.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("^/+|/+$", "");
            if (bucket.isEmpty()) {
                throw new CliFailure(ExitCode.USAGE, "s3:// needs a bucket, e.g. s3://my-bucket/photos");
            }
            return new S3(bucket, prefix);
        }
        // A drive configured in the app (config.json), by name: cloudmount mount NAME.
        io.cloudmount.app.config.ConfigStore config = io.cloudmount.app.config.ConfigStore.forCurrentUser();
        java.util.Optional<io.cloudmount.app.drive.DriveConfig> drive;
        try {
            drive = config.findDrive(text);
        } catch (java.io.IOException e) {
            throw new CliFailure(ExitCode.USAGE, "unknown source '" + text + "', and the configured drives in "
                    + config.file() + " cannot be read: " + e.getMessage());
        }
        if (drive.isPresent()) {
            io.cloudmount.app.drive.StorageSpec storage = drive.get().storage();
            if (storage instanceof io.cloudmount.app.drive.StorageSpec.Memory) {
                return new Memory();
            }
            if (storage instanceof io.cloudmount.app.drive.StorageSpec.Local local) {
                return new Local(Path.of(local.folder()).toAbsolutePath().normalize());
            }
            io.cloudmount.app.drive.StorageSpec.S3 s3 = (io.cloudmount.app.drive.StorageSpec.S3) storage;
            return new S3(s3.bucket(), s3.prefix());
        }
        throw new CliFailure(ExitCode.USAGE, "unknown source '" + text + "': use memory:, local:PATH, s3://BUCKET[/PREFIX]"
                + " or the name of a drive configured in the app (cloudmount list shows them)");
    }
}
