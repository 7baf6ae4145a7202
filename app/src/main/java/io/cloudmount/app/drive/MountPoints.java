package io.cloudmount.app.drive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where drives go by default, and making a Linux mount folder exist. The app creates a missing
 * folder itself (unlike the CLI, which asks for an existing one) because a user who picked
 * {@code ~/CloudMount/Photos} in a dialog expects it to appear.
 */
public final class MountPoints {
    private MountPoints() {
    }

    public static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** Where new drives' folders go by default on Linux: {@code ~/CloudMount}. */
    public static Path defaultRoot() {
        return Path.of(System.getProperty("user.home"), "CloudMount");
    }

    /** {@code ROOT/NAME} on Linux; {@code *} (first free letter) on Windows. */
    public static String suggest(Path root, String driveName) {
        if (isWindows()) {
            return "*";
        }
        String safe = driveName.strip().replaceAll("[/\\\\\\x00-\\x1f]", "_");
        return root.resolve(safe.isEmpty() ? "drive" : safe).toString();
    }

    /** The folder to mount on (created if missing), or on Windows the letter/folder as given. */
    static Path prepare(DriveConfig drive) throws DriveProblem {
        String spec = drive.mountPoint().strip();
        if (spec.isEmpty()) {
            throw new DriveProblem("\"" + drive.name() + "\" has no mount point: edit the drive and choose one");
        }
        if (isWindows()) {
            // WinFsp takes "X:" or a folder it creates itself; WindowsMountPoint checks it at mount time.
            return Path.of(spec);
        }
        Path folder = Path.of(spec).toAbsolutePath().normalize();
        if (!Files.exists(folder)) {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new DriveProblem("Cannot create the mount folder " + folder + ": " + e.getMessage(), e);
            }
        }
        return folder;
    }
}
