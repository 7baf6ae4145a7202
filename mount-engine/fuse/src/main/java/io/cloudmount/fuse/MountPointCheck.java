package io.cloudmount.fuse;

import io.cloudmount.fuse.MountException.Reason;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks a Linux mount point before mounting, clearing a stale mount a killed process left. */
final class MountPointCheck {
    private static final Logger LOG = LoggerFactory.getLogger(MountPointCheck.class);

    private MountPointCheck() {
    }

    static void prepare(Path mountPoint) throws MountException {
        // The property exists for tests that need a machine without FUSE.
        Path device = Path.of(System.getProperty("cloudmount.fuse.device", "/dev/fuse"));
        if (!Files.exists(device)) {
            throw new MountException(Reason.FUSE_DEVICE_UNAVAILABLE,
                    device + " does not exist: load the fuse kernel module (sudo modprobe fuse) or, in a container, pass --device /dev/fuse");
        }
        if (!Files.isReadable(device) || !Files.isWritable(device)) {
            throw new MountException(Reason.FUSE_DEVICE_UNAVAILABLE,
                    device + " is not accessible to this user: check its permissions (crw-rw-rw-) or run as a user allowed to use FUSE");
        }
        Optional<MountTable.Entry> existing = MountTable.find(mountPoint);
        if (existing.isPresent()) {
            if (existing.get().isFuse() && MountTable.isStale(mountPoint)) {
                LOG.warn("Clearing a stale mount at {} left by a process that ended without unmounting", mountPoint);
                if (!MountTable.lazyUnmount(mountPoint)) {
                    throw new MountException(Reason.ALREADY_MOUNTED, "A dead mount is stuck at " + mountPoint
                            + " and could not be cleared: run fusermount3 -u -z " + mountPoint);
                }
            } else {
                throw new MountException(Reason.ALREADY_MOUNTED, mountPoint + " is already mounted ("
                        + existing.get().source() + ", " + existing.get().type() + ")");
            }
        }
        if (!Files.exists(mountPoint)) {
            throw new MountException(Reason.MOUNT_POINT_MISSING, "Mount point " + mountPoint
                    + " does not exist: create it with mkdir -p " + mountPoint);
        }
        if (!Files.isDirectory(mountPoint)) {
            throw new MountException(Reason.MOUNT_POINT_NOT_DIRECTORY, "Mount point " + mountPoint + " is not a directory");
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(mountPoint)) {
            if (children.iterator().hasNext()) {
                throw new MountException(Reason.MOUNT_POINT_NOT_EMPTY, "Mount point " + mountPoint
                        + " is not empty: its files would be hidden while mounted; use an empty folder");
            }
        } catch (IOException e) {
            throw new MountException(Reason.MOUNT_POINT_MISSING, "Cannot read mount point " + mountPoint + ": " + e.getMessage(), e);
        }
    }
}
