package io.cloudmount.fuse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises the Linux kernel's read-ahead for one FUSE mount to the size of a FUSE request.
 *
 * <p>The kernel offers FUSE its default read-ahead of 128 KiB at INIT and accepts only lower values in
 * the reply, so a sequential reader's page-cache misses reach us as 128 KiB reads although a request
 * may carry {@link ConnInfo#IO_SIZE}. Each read is a round trip through {@code /dev/fuse} and a JNA
 * callback; a cold read of a remote file spent a fifth more CPU in the daemon with 128 KiB reads than
 * with 1 MiB ones. The mount's read-ahead can be raised afterwards through its backing device's
 * {@code /sys/class/bdi/MAJOR:MINOR/read_ahead_kb}, which only root may write; for anybody else the
 * mount keeps the default (what a user could also set by hand).
 */
final class KernelReadAhead {
    private static final Logger LOG = LoggerFactory.getLogger(KernelReadAhead.class);
    static final int KIB = ConnInfo.IO_SIZE / 1024;

    private KernelReadAhead() {
    }

    /** Best effort: raises the read-ahead of the mount at {@code mountPoint} if it is lower and may be written. */
    static void raise(Path mountPoint, Path bdiRoot) {
        MountTable.find(mountPoint).filter(MountTable.Entry::isFuse)
                .ifPresent(entry -> raiseDevice(entry.device(), bdiRoot));
    }

    /** Raises {@code bdiRoot/DEVICE/read_ahead_kb} to {@link #KIB} if it is lower and may be written. */
    static void raiseDevice(String device, Path bdiRoot) {
        Path setting = bdiRoot.resolve(device).resolve("read_ahead_kb");
        try {
            int current = Integer.parseInt(Files.readString(setting, StandardCharsets.US_ASCII).trim());
            if (current < KIB && Files.isWritable(setting)) {
                Files.writeString(setting, Integer.toString(KIB), StandardCharsets.US_ASCII);
                LOG.debug("Kernel read-ahead of device {} raised from {} to {} KiB", device, current, KIB);
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debug("Kernel read-ahead of device {} left as it is: {}", device, e.toString());
        }
    }
}
