package io.cloudmount.app.ui.editor;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/** What a valid mount point is on this platform; the answer is a message for the field, or empty. */
@FunctionalInterface
public interface MountPointRules {

    /**
     * @param unchanged the drive had this mount point already (it may be mounted there right now,
     *                  so it is not expected to be empty)
     */
    Optional<String> check(String mountPoint, boolean unchanged);

    /** A folder: absolute; if it exists, an empty folder (the app creates a missing one at mount). */
    MountPointRules LINUX = (mountPoint, unchanged) -> {
        if (mountPoint.isEmpty()) {
            return Optional.of("Choose a folder where the drive appears");
        }
        Path path = Path.of(mountPoint);
        if (!path.isAbsolute()) {
            return Optional.of("Use a full path, such as /home/me/CloudMount/Photos");
        }
        if (!Files.exists(path) || unchanged) {
            return Optional.empty();
        }
        if (!Files.isDirectory(path)) {
            return Optional.of("This is a file; choose a folder");
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
            return children.iterator().hasNext()
                    ? Optional.of("This folder is not empty; its files would be hidden while the drive is mounted")
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.of("This folder cannot be read: " + e.getMessage());
        }
    };

    /** A drive letter ({@code X:}) or {@code *} for the first free one; the letter list offers only free ones. */
    MountPointRules WINDOWS = new MountPointRules() {
        private final Pattern letter = Pattern.compile("[D-Za-z]:|\\*");

        @Override
        public Optional<String> check(String mountPoint, boolean unchanged) {
            return letter.matcher(mountPoint).matches() ? Optional.empty()
                    : Optional.of("Choose a drive letter, or * for the first free one");
        }
    };
}
