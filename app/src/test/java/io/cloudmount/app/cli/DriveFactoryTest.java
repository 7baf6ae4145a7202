package io.cloudmount.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.fuse.KernelCachePolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How much the kernel may cache, per source and naming. */
class DriveFactoryTest {
    private static final boolean ON_LINUX = false;
    private static final boolean ON_WINDOWS = true;

    @Test
    void aMemoryDriveIsCachedForLong() {
        assertThat(DriveFactory.cachePolicy(new Source.Memory(), false, ON_LINUX)).isEqualTo(KernelCachePolicy.exclusive());
    }

    @Test
    void aCaseInsensitiveMemoryDriveOnLinuxKeepsNoNegativeEntries() {
        // Linux caches each spelling of a name apart, so changes through one are made beside the others.
        assertThat(DriveFactory.cachePolicy(new Source.Memory(), true, ON_LINUX)).isEqualTo(KernelCachePolicy.shared());
    }

    @Test
    void aCaseInsensitiveMemoryDriveOnWindowsIsCachedForLong() {
        // WinFsp matches names without case itself when the drive does.
        assertThat(DriveFactory.cachePolicy(new Source.Memory(), true, ON_WINDOWS)).isEqualTo(KernelCachePolicy.exclusive());
    }

    @Test
    void anS3DriveNeverLetsTheKernelKeepListings() {
        // Its folders have no time that moves when other clients add objects (libfuse 3.16+ passes this on).
        KernelCachePolicy policy = DriveFactory.cachePolicy(new Source.S3("bucket", ""), false, ON_LINUX);

        assertThat(policy).isEqualTo(KernelCachePolicy.objectStore());
        assertThat(policy.cacheListings()).isFalse();
        assertThat(policy.attributeTimeout()).isEqualTo(KernelCachePolicy.shared().attributeTimeout());
    }

    @Test
    void aLocalFolderIsCachedBriefly() {
        assertThat(DriveFactory.cachePolicy(new Source.Local(Path.of("/srv")), false, ON_LINUX))
                .isEqualTo(KernelCachePolicy.shared());
    }
}
