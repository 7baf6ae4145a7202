package io.cloudmount.app.drive;

import io.cloudmount.fuse.MountTable;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
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

    /**
     * What to hand the engine: on Linux the absolute folder (created if missing); on Windows the
     * letter, {@code *} or folder as chosen, or {@code \\cloudmount\NAME} for a network drive (the
     * engine checks them and picks the first free letter for a network drive).
     */
    static String prepare(DriveConfig drive) throws DriveProblem {
        String spec = drive.mountPoint().strip();
        if (spec.isEmpty()) {
            throw new DriveProblem("\"" + drive.name() + "\" has no mount point: edit the drive and choose one");
        }
        if (isWindows()) {
            return drive.networkDrive() ? "\\\\cloudmount\\" + shareName(drive.name()) : spec;
        }
        Path folder = Path.of(spec).toAbsolutePath().normalize();
        // A dead mount left by a killed process cannot be stat'ed ("Transport endpoint is not connected") yet is
        // there: the engine clears it, creating it would fail.
        if (!Files.exists(folder) && !MountTable.isStale(folder)) {
            try {
                Files.createDirectories(folder);
            } catch (AccessDeniedException e) {
                // Its message is the bare path: say what went wrong.
                throw new DriveProblem("Cannot create the mount folder " + folder + ": permission denied for " + e.getFile()
                        + "; choose a folder you may create, such as one in your home folder", e);
            } catch (IOException e) {
                throw new DriveProblem("Cannot create the mount folder " + folder + ": " + e.getMessage(), e);
            }
        }
        return folder.toString();
    }

    /** A share name Windows accepts, from the drive's name. */
    static String shareName(String driveName) {
        String safe = driveName.strip().replaceAll("[^A-Za-z0-9_.-]", "_");
        return safe.isEmpty() ? "drive" : safe;
    }
}
