package io.cloudmount.app.drive;

import io.cloudmount.fuse.MountException;
import io.cloudmount.fuse.platform.windows.DriveLetters;
import io.cloudmount.fuse.platform.windows.WindowsFiles;
import io.cloudmount.fuse.platform.windows.WindowsMountPoint;
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
    static Path prepare(DriveConfig drive) throws DriveProblem, MountException {
        String spec = drive.mountPoint().strip();
        if (spec.isEmpty()) {
            throw new DriveProblem("\"" + drive.name() + "\" has no mount point: edit the drive and choose one");
        }
        if (isWindows()) {
            return windowsMountPoint(drive, spec);
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

    /**
     * Windows: a free letter, {@code *} or a folder WinFsp will create, checked by the engine's rules.
     * The network-drive choice is resolved here too, but FuseMount takes only a path today: passing
     * the share name on needs a MountOptions field (see docs/APP.md, "Windows").
     */
    private static Path windowsMountPoint(DriveConfig drive, String spec) throws MountException {
        WindowsMountPoint point = WindowsMountPoint.parse(spec, DriveLetters.system(), WindowsFiles.system());
        if (drive.networkDrive()) {
            point = point.asNetworkDrive(drive.name().replaceAll("[^A-Za-z0-9_.-]", "_"));
        }
        return Path.of(point.nativePath());
    }
}
