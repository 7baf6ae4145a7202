package io.cloudmount.app.ui.editor;

import io.cloudmount.app.drive.Bytes;
import io.cloudmount.app.drive.DriveConfig;
import io.cloudmount.app.drive.StorageSpec;
import io.cloudmount.app.drive.StorageSpec.S3Auth;
import io.cloudmount.provider.memory.MemoryProvider;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The add/edit dialog's state and rules, without any control: the controller binds fields to these
 * properties, and tests fill them in directly. {@link #validate()} gives one message per wrong field.
 */
public final class DriveForm {
    /** Which kind of storage the drive uses. */
    public enum Kind { MEMORY, LOCAL, S3 }

    /** The fields that can carry an error message. */
    public enum Field { NAME, CAPACITY, FOLDER, ENDPOINT, REGION, BUCKET, ACCESS_KEY, SECRET_KEY, PROFILE, MOUNT_POINT, CACHE_SIZE }

    private final String id;
    private final boolean secretStored;
    private final String originalMountPoint;
    private final List<DriveConfig> others;
    private final MountPointRules mountPointRules;

    final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(Kind.MEMORY);
    final StringProperty name = new SimpleStringProperty("");
    /** 512 MB, or half of what the app can keep in memory where that is less. */
    final StringProperty capacity = new SimpleStringProperty(Bytes.format(MemoryProvider.capacityThatFits(512L << 20)));
    final StringProperty folder = new SimpleStringProperty("");
    final StringProperty endpoint = new SimpleStringProperty("");
    final StringProperty region = new SimpleStringProperty("us-east-1");
    final StringProperty bucket = new SimpleStringProperty("");
    final StringProperty prefix = new SimpleStringProperty("");
    final ObjectProperty<S3Auth> auth = new SimpleObjectProperty<>(S3Auth.KEYS);
    final StringProperty accessKey = new SimpleStringProperty("");
    final StringProperty secretKey = new SimpleStringProperty("");
    final StringProperty profile = new SimpleStringProperty("");
    final BooleanProperty pathStyle = new SimpleBooleanProperty(false);
    /** Upload times instead of the stored modification times: no request per file in a listing. */
    final BooleanProperty serverModTimes = new SimpleBooleanProperty(false);
    final StringProperty mountPoint = new SimpleStringProperty("");
    final BooleanProperty networkDrive = new SimpleBooleanProperty(false);
    final BooleanProperty readOnly = new SimpleBooleanProperty(false);
    final StringProperty cacheSize = new SimpleStringProperty("");
    final BooleanProperty mountAtStart = new SimpleBooleanProperty(false);

    /**
     * @param existing     the drive being edited, or empty for a new one
     * @param secretStored whether the secret store already holds this drive's secret (then it may stay blank)
     * @param others       the other configured drives (names and mount points must differ)
     */
    public DriveForm(Optional<DriveConfig> existing, boolean secretStored, List<DriveConfig> others,
                     MountPointRules mountPointRules) {
        this.id = existing.map(DriveConfig::id).orElseGet(DriveConfig::newId);
        this.secretStored = secretStored;
        this.others = List.copyOf(others);
        this.mountPointRules = mountPointRules;
        this.originalMountPoint = existing.map(DriveConfig::mountPoint).orElse("");
        existing.ifPresent(this::fill);
    }

    private void fill(DriveConfig drive) {
        name.set(drive.name());
        mountPoint.set(drive.mountPoint());
        networkDrive.set(drive.networkDrive());
        readOnly.set(drive.readOnly());
        cacheSize.set(drive.cacheBytes() == 0 ? "" : Bytes.format(drive.cacheBytes()));
        mountAtStart.set(drive.mountAtStart());
        if (drive.storage() instanceof StorageSpec.Memory memory) {
            kind.set(Kind.MEMORY);
            capacity.set(Bytes.format(memory.capacityBytes()));
        } else if (drive.storage() instanceof StorageSpec.Local local) {
            kind.set(Kind.LOCAL);
            folder.set(local.folder());
        } else if (drive.storage() instanceof StorageSpec.S3 s3) {
            kind.set(Kind.S3);
            endpoint.set(s3.endpoint());
            region.set(s3.region());
            bucket.set(s3.bucket());
            prefix.set(s3.prefix());
            auth.set(s3.auth());
            accessKey.set(s3.accessKeyId());
            profile.set(s3.profile());
            pathStyle.set(s3.pathStyle());
            serverModTimes.set(s3.serverModTimes());
        }
    }

    /** The secret store key of this drive's S3 secret. */
    public String secretKeyName() {
        return DriveConfig.secretKeyFor(id);
    }

    public boolean secretStored() {
        return secretStored;
    }

    /** Every problem, by field; empty when the drive can be saved. */
    public Map<Field, String> validate() {
        Map<Field, String> errors = validateStorage();
        String n = name.get().strip();
        if (n.isEmpty()) {
            errors.put(Field.NAME, "Give the drive a name");
        } else if (n.contains("/") || n.contains("\\") || n.contains(",") || n.chars().anyMatch(c -> c < 32)) {
            errors.put(Field.NAME, "A name cannot contain / \\ or commas");
        } else if (others.stream().anyMatch(d -> d.name().equalsIgnoreCase(n))) {
            errors.put(Field.NAME, "Another drive is already called " + n);
        }
        String mp = mountPoint.get().strip();
        Optional<String> mountPointError = mountPointRules.check(mp, mp.equals(originalMountPoint));
        if (mountPointError.isPresent()) {
            errors.put(Field.MOUNT_POINT, mountPointError.get());
        } else if (others.stream().anyMatch(d -> d.mountPoint().strip().equals(mp) && !mp.equals("*"))) {
            errors.put(Field.MOUNT_POINT, "Another drive already uses this mount point");
        }
        if (!cacheSize.get().isBlank()) {
            parseSize(cacheSize.get()).ifPresentOrElse(size -> { },
                    () -> errors.put(Field.CACHE_SIZE, "Enter a size such as 2 GB, or leave it empty for the default"));
        }
        return errors;
    }

    /** The problems of the storage fields alone: what "Test connection" needs. */
    public Map<Field, String> validateStorage() {
        Map<Field, String> errors = new EnumMap<>(Field.class);
        switch (kind.get()) {
            case MEMORY -> {
                Optional<Long> size = parseSize(capacity.get());
                if (size.isEmpty()) {
                    errors.put(Field.CAPACITY, "Enter a size such as 512 MB or 2 GB");
                } else if (size.get() > MemoryProvider.largestCapacity()) {
                    errors.put(Field.CAPACITY, "CloudMount can keep at most "
                            + Bytes.format(MemoryProvider.largestCapacity()) + " in memory");
                }
            }
            case LOCAL -> {
                String f = folder.get().strip();
                if (f.isEmpty()) {
                    errors.put(Field.FOLDER, "Choose the folder to show as a drive");
                } else if (!java.nio.file.Path.of(f).isAbsolute()) {
                    errors.put(Field.FOLDER, "Use a full path, such as /home/me/Documents");
                } else if (!java.nio.file.Files.isDirectory(java.nio.file.Path.of(f))) {
                    errors.put(Field.FOLDER, "This folder does not exist");
                }
            }
            case S3 -> validateS3(errors);
        }
        return errors;
    }

    private void validateS3(Map<Field, String> errors) {
        String b = bucket.get().strip();
        if (b.isEmpty()) {
            errors.put(Field.BUCKET, "Enter the bucket name");
        } else if (b.contains("/") || b.contains(" ")) {
            errors.put(Field.BUCKET, "A bucket name has no slashes or spaces; put folders in Prefix");
        }
        String e = endpoint.get().strip();
        if (!e.isEmpty()) {
            try {
                java.net.URI uri = java.net.URI.create(e);
                if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                    errors.put(Field.ENDPOINT, "Use a full address such as https://s3.example.com:9000");
                }
            } catch (IllegalArgumentException ex) {
                errors.put(Field.ENDPOINT, "Use a full address such as https://s3.example.com:9000");
            }
        }
        if (region.get().isBlank()) {
            errors.put(Field.REGION, "Enter a region (S3-compatible servers usually accept us-east-1)");
        }
        if (auth.get() == S3Auth.KEYS) {
            if (accessKey.get().isBlank()) {
                errors.put(Field.ACCESS_KEY, "Enter the access key id");
            }
            if (secretKey.get().isEmpty() && !secretStored) {
                errors.put(Field.SECRET_KEY, "Enter the secret access key");
            }
        } else if (auth.get() == S3Auth.PROFILE && profile.get().isBlank()) {
            errors.put(Field.PROFILE, "Enter the name of a profile from ~/.aws/credentials");
        }
    }

    /** The storage as entered; call only when {@link #validateStorage()} is empty. */
    public StorageSpec storage() {
        return switch (kind.get()) {
            case MEMORY -> new StorageSpec.Memory(parseSize(capacity.get()).orElseThrow());
            case LOCAL -> new StorageSpec.Local(folder.get().strip());
            case S3 -> new StorageSpec.S3(endpoint.get(), region.get(), bucket.get(), prefix.get(), auth.get(),
                    auth.get() == S3Auth.KEYS ? accessKey.get() : "", auth.get() == S3Auth.PROFILE ? profile.get() : "",
                    pathStyle.get(), serverModTimes.get());
        };
    }

    /** The drive as entered; call only when {@link #validate()} is empty. */
    public DriveConfig toDrive() {
        long cache = cacheSize.get().isBlank() ? 0 : parseSize(cacheSize.get()).orElseThrow();
        return new DriveConfig(id, name.get().strip(), storage(), mountPoint.get().strip(), networkDrive.get(),
                readOnly.get(), cache, mountAtStart.get());
    }

    /** The secret typed into the dialog, if one was (blank keeps the stored one). */
    public Optional<String> typedSecret() {
        return kind.get() == Kind.S3 && auth.get() == S3Auth.KEYS && !secretKey.get().isEmpty()
                ? Optional.of(secretKey.get()) : Optional.empty();
    }

    private static Optional<Long> parseSize(String text) {
        try {
            return Optional.of(Bytes.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
