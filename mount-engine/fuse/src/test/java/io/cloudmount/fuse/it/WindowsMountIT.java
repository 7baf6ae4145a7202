package io.cloudmount.fuse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudmount.engine.names.DriveNaming;
import io.cloudmount.engine.vfs.Vfs;
import io.cloudmount.engine.vfs.VfsOptions;
import io.cloudmount.fuse.FuseMount;
import io.cloudmount.fuse.KernelCachePolicy;
import io.cloudmount.fuse.MountOptions;
import io.cloudmount.provider.memory.MemoryProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A memory drive mounted through WinFsp, on a drive letter and as a network drive; Windows runners
 * only (.github/workflows/windows.yml). The letter comes from {@code -Dcloudmount.it.mountpoint}
 * ({@code X:}; {@code *} for the first free one when unset).
 */
@EnabledOnOs(OS.WINDOWS)
class WindowsMountIT {
    static final String MOUNT_POINT_PROPERTY = "cloudmount.it.mountpoint";
    private static final String SHARE = "\\\\cloudmount\\ci";

    @Test
    void aDriveLetterShowsTheFilesWrittenThroughIt() throws Exception {
        String letter = System.getProperty(MOUNT_POINT_PROPERTY, "*");
        Path root = writeReadAndUnmount(letter);

        if (!letter.equals("*")) {
            assertThat(root).isEqualTo(Path.of(letter.substring(0, 2) + "\\"));
        }
    }

    @Test
    void aNetworkDriveIsReachableByLetterAndByItsUncName() throws Exception {
        writeReadAndUnmount(SHARE);
    }

    /** Mounts at {@code mountPoint}, writes and reads a file through the drive, unmounts; returns the root used. */
    private static Path writeReadAndUnmount(String mountPoint) throws Exception {
        // As the CLI mounts on Windows: names Windows refuses are encoded, lookups ignore case.
        Vfs vfs = new Vfs(DriveNaming.WINDOWS.present(MemoryProvider.withCapacity(64L << 20)), VfsOptions.defaults());
        FuseMount mount = FuseMount.mount(vfs, mountPoint, MountOptions.defaults("CloudMount IT", KernelCachePolicy.exclusive()));
        Path root = mount.mountPoint();
        try {
            assertThat(root.toString()).matches("[D-Z]:\\\\");
            Path file = root.resolve("hello.txt");

            Files.writeString(file, "written through WinFsp");

            assertThat(Files.readString(file)).isEqualTo("written through WinFsp");
            assertThat(Files.readString(root.resolve("HELLO.TXT"))).as("case-insensitive lookup")
                    .isEqualTo("written through WinFsp");
            try (Stream<Path> listing = Files.list(root)) {
                assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("hello.txt");
            }
            if (mountPoint.startsWith("\\\\")) {
                assertThat(Files.readString(Path.of(SHARE, "hello.txt"))).as("by UNC name")
                        .isEqualTo("written through WinFsp");
            }
        } finally {
            mount.close();
        }
        assertThat(mount.isMounted()).isFalse();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Files.exists(root)).as("drive gone").isFalse());
        return root;
    }
}
