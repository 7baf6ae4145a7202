package io.cloudmount.fuse.it;

import io.cloudmount.fuse.KernelCachePolicy;
import io.cloudmount.provider.StorageProvider;
import io.cloudmount.provider.local.LocalProvider;
import io.cloudmount.provider.memory.MemoryProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random operations on a mount compared with a plain folder. CI runs a fixed seed and a bounded
 * count; for long runs: {@code -Dcloudmount.random.steps=100000 -Dcloudmount.random.seed=<n>}.
 */
class RandomOperationsIT {
    private static final long SEED = Long.getLong("cloudmount.random.seed", 20261121L);
    private static final int STEPS = Integer.getInteger("cloudmount.random.steps", 600);

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"memory", "local"})
    void mountBehavesLikeAPlainFolder(String store) throws Exception {
        Path model = Files.createDirectories(work.resolve("model"));
        StorageProvider provider = store.equals("memory") ? MemoryProvider.withCapacity(1L << 30)
                : new LocalProvider(Files.createDirectories(work.resolve("backing")));
        KernelCachePolicy cache = store.equals("memory") ? KernelCachePolicy.exclusive() : KernelCachePolicy.shared();
        try (MountedDrive drive = MountedDrive.mount(provider, work, cache)) {
            new RandomOperations(drive.root(), model, SEED).run(STEPS);
        }
    }
}
