package io.cloudmount.fuse.it;

import io.cloudmount.fuse.KernelCachePolicy;
import io.cloudmount.provider.memory.MemoryProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The suite through a real mount of the memory store. */
class MemoryMountIT extends FileSystemSuite {
    @TempDir
    Path work;
    private MountedDrive drive;

    @BeforeEach
    void mount() throws Exception {
        drive = MountedDrive.mount(MemoryProvider.withCapacity(512L << 20), work, KernelCachePolicy.exclusive());
    }

    @AfterEach
    void unmount() {
        drive.close();
    }

    @Override
    protected Path root() {
        return drive.root();
    }
}
