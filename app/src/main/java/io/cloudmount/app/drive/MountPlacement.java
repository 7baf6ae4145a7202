package io.cloudmount.app.drive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Refuses a drive that would reach its own files through itself: a local folder mounted inside
 * itself, or a folder the drive reads from (its local folder, its cache) under its mount point.
 * Each such access is a request to the same mount, answered by a request thread that waits for
 * the next one: the first {@code find} or {@code ls -R} recursed without end, then every thread
 * waited on its own mount and the drive hung in a state no signal could end.
 */
public final class MountPlacement {
    private MountPlacement() {
    }

    /**
     * What is wrong with mounting at {@code mountPoint} a drive that uses {@code localFolder}
     * (a local drive) and {@code cacheFolder} (a caching drive), or empty if nothing. Paths are
     * compared after resolving links, so a link to the folder is no way around this.
     */
    public static Optional<String> problem(String mountPoint, Optional<Path> localFolder, Optional<Path> cacheFolder) {
        if (isDriveLetter(mountPoint)) {
            return Optional.empty(); // a new drive letter holds nothing yet
        }
        Path mount = resolved(Path.of(mountPoint));
        if (localFolder.isPresent()) {
            Path folder = resolved(localFolder.get());
            if (mount.startsWith(folder)) {
                return Optional.of("the mount point " + mountPoint + " is inside the drive's own folder "
                        + localFolder.get() + ": the drive would contain itself without end; mount it elsewhere");
            }
            if (folder.startsWith(mount)) {
                return Optional.of("the drive's folder " + localFolder.get() + " is inside its mount point "
                        + mountPoint + ": the drive would hide its own files; mount it elsewhere");
            }
        }
        if (cacheFolder.isPresent() && resolved(cacheFolder.get()).startsWith(mount)) {
            return Optional.of("the cache folder " + cacheFolder.get() + " is inside the mount point " + mountPoint
                    + ": the drive would keep its cache in itself; choose a cache folder elsewhere");
        }
        return Optional.empty();
    }

    private static boolean isDriveLetter(String mountPoint) {
        return mountPoint.equals("*") || mountPoint.matches("[A-Za-z]:\\\\?");
    }

    /**
     * The path with links resolved as far as it exists (the rest appended as written): a cache
     * folder or mount point may not exist yet.
     */
    static Path resolved(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute; // unreadable on the way: compare what was written
        }
    }
}
