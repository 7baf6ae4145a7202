package io.cloudmount.fuse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.cloudmount.fuse.KernelCachePolicy;
import io.cloudmount.provider.memory.MemoryProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** renameat2(2) flags through the mount: NOREPLACE is honoured, EXCHANGE is refused with EINVAL. */
class RenameFlagsIT {
    private static final int AT_FDCWD = -100;
    private static final int RENAME_NOREPLACE = 1;
    private static final int RENAME_EXCHANGE = 2;
    private static final int EEXIST = 17;
    private static final int EINVAL = 22;

    interface LibC extends Library {
        int renameat2(int olddirfd, String oldpath, int newdirfd, String newpath, int flags);
    }

    private static final LibC LIBC = Native.load("c", LibC.class);

    @TempDir
    Path work;

    @Test
    void noReplaceKeepsTheTargetAndExchangeIsRefused() throws Exception {
        try (MountedDrive drive = MountedDrive.mount(MemoryProvider.withCapacity(16L << 20), work, KernelCachePolicy.exclusive())) {
            Path a = drive.root().resolve("a");
            Path b = drive.root().resolve("b");
            Files.writeString(a, "A");
            Files.writeString(b, "B");

            assertThat(LIBC.renameat2(AT_FDCWD, a.toString(), AT_FDCWD, b.toString(), RENAME_NOREPLACE)).isEqualTo(-1);
            assertThat(Native.getLastError()).isEqualTo(EEXIST);
            assertThat(Files.readString(b)).isEqualTo("B");

            assertThat(LIBC.renameat2(AT_FDCWD, a.toString(), AT_FDCWD, b.toString(), RENAME_EXCHANGE)).isEqualTo(-1);
            assertThat(Native.getLastError()).isEqualTo(EINVAL);
            assertThat(Files.readString(a)).isEqualTo("A");

            Path c = drive.root().resolve("c");
            assertThat(LIBC.renameat2(AT_FDCWD, a.toString(), AT_FDCWD, c.toString(), RENAME_NOREPLACE)).isZero();
            assertThat(Files.readString(c)).isEqualTo("A");
        }
    }
}
