package io.cloudmount.app.drive;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.engine.names.DriveNaming;
import io.cloudmount.fuse.KernelCachePolicy;
import org.junit.jupiter.api.Test;

/** How much the kernel may cache, per kind of store and naming. */
class StoreKindTest {
    private static final boolean ON_LINUX = false;
    private static final boolean ON_WINDOWS = true;
    private static final DriveNaming CASE_INSENSITIVE = new DriveNaming(false, true);

    @Test
    void aMemoryDriveIsCachedForLong() {
        assertThat(StoreKind.MEMORY.kernelCachePolicy(DriveNaming.AS_STORED, ON_LINUX)).isEqualTo(KernelCachePolicy.exclusive());
    }

    @Test
    void aCaseInsensitiveMemoryDriveOnLinuxKeepsNoNegativeEntries() {
        // Linux caches each spelling of a name apart, so changes through one are made beside the others.
        assertThat(StoreKind.MEMORY.kernelCachePolicy(CASE_INSENSITIVE, ON_LINUX)).isEqualTo(KernelCachePolicy.shared());
    }

    @Test
    void aCaseInsensitiveMemoryDriveOnWindowsIsCachedForLong() {
        // WinFsp matches names without case itself when the drive does.
        assertThat(StoreKind.MEMORY.kernelCachePolicy(DriveNaming.WINDOWS, ON_WINDOWS)).isEqualTo(KernelCachePolicy.exclusive());
    }

    @Test
    void anObjectStoreNeverLetsTheKernelKeepListings() {
        // Its folders have no time that moves when other clients add objects (libfuse 3.16+ passes this on).
        KernelCachePolicy policy = StoreKind.OBJECT_STORE.kernelCachePolicy(DriveNaming.AS_STORED, ON_LINUX);

        assertThat(policy).isEqualTo(KernelCachePolicy.objectStore());
        assertThat(policy.cacheListings()).isFalse();
        assertThat(policy.attributeTimeout()).isEqualTo(KernelCachePolicy.shared().attributeTimeout());
    }

    @Test
    void aLocalFolderIsCachedBriefly() {
        assertThat(StoreKind.LOCAL_FOLDER.kernelCachePolicy(DriveNaming.AS_STORED, ON_LINUX))
                .isEqualTo(KernelCachePolicy.shared());
    }
}
