package io.cloudmount.app.drive;

import java.util.Objects;
import java.util.UUID;

/**
 * One configured drive, as stored in {@code config.json} and shown in the drives list.
 *
 * @param id            stable identity (names can be edited); keys the drive's secret
 * @param name          what the user calls it; also {@code cloudmount mount NAME} and the volume name
 * @param storage       where the files live
 * @param mountPoint    a folder on Linux; on Windows {@code X:}, {@code *} or a folder
 * @param networkDrive  Windows: show the drive as {@code \\cloudmount\NAME} (ignored elsewhere)
 * @param readOnly      refuse every change
 * @param cacheBytes    this drive's share of the disk cache; 0 means the global setting
 * @param mountAtStart  mount when the app starts
 */
public record DriveConfig(String id, String name, StorageSpec storage, String mountPoint, boolean networkDrive,
                          boolean readOnly, long cacheBytes, boolean mountAtStart) {

    public DriveConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(storage, "storage");
        mountPoint = mountPoint == null ? "" : mountPoint;
        if (cacheBytes < 0) {
            throw new IllegalArgumentException("cache size must not be negative");
        }
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** The secret store key of this drive's S3 secret access key. */
    public String secretKey() {
        return secretKeyFor(id);
    }

    public static String secretKeyFor(String driveId) {
        return "drive/" + driveId + "/s3-secret-key";
    }

    public DriveConfig withName(String newName) {
        return new DriveConfig(id, newName, storage, mountPoint, networkDrive, readOnly, cacheBytes, mountAtStart);
    }
}
