package io.cloudmount.app.config;

import io.cloudmount.app.drive.DriveConfig;
import java.nio.file.Path;

/**
 * Where a drive's disk cache (cached data and the journal of pending uploads) lives, and how large it
 * may grow. The app and {@code cloudmount mount NAME} must agree: uploads left pending by one are
 * found and finished by the other only if both use the same folder.
 */
public final class DriveCacheLocation {
    private DriveCacheLocation() {
    }

    /** {@code <cache location>/<drive id>}; the location is the Settings value, else the platform default. */
    public static Path of(String cacheDirectory, Path defaultCacheDir, DriveConfig drive) {
        Path base = cacheDirectory == null || cacheDirectory.isBlank() ? defaultCacheDir : Path.of(cacheDirectory);
        return base.resolve(drive.id()).toAbsolutePath();
    }

    /** The drive's own limit, else the global one. */
    public static long sizeOf(long globalBytes, DriveConfig drive) {
        return drive.cacheBytes() > 0 ? drive.cacheBytes() : globalBytes;
    }
}
