package io.cloudmount.fuse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cloudmount.fuse.KernelCachePolicy;
import io.cloudmount.provider.StorageProvider;
import io.cloudmount.provider.local.LocalProvider;
import io.cloudmount.provider.memory.MemoryProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ordinary command-line tools through the mount: the results must equal those on a plain folder. */
class ToolsIT {
    @TempDir
    Path work;

    /** A tree with nested folders, an empty folder, binary data, odd names and a 5 MiB file. */
    private static final String MAKE_TREE = """
            mkdir -p src/a/b/c src/empty "src/with space" src/ünï
            for i in $(seq 1 40); do head -c $((i * 997)) /dev/urandom > src/a/file$i.bin; done
            echo hello > "src/with space/hello world.txt"
            echo data > src/ünï/日本.txt
            head -c 5242880 /dev/urandom > src/a/b/c/big.bin
            """;

    @ParameterizedTest
    @ValueSource(strings = {"memory", "local"})
    void cpTarRsyncFindMvRmBehaveAsOnADisk(String store) throws Exception {
        assumeTrue(Shell.available("rsync") && Shell.available("sha256sum"), "rsync and sha256sum are needed");
        Shell.ok(work, MAKE_TREE);
        try (MountedDrive drive = MountedDrive.mount(storeFor(store), work, cachePolicy(store))) {
            Path m = drive.root();
            String sums = "(cd src && find . -type f -print0 | sort -z | xargs -0 sha256sum)";
            String expected = Shell.ok(work, sums);

            Shell.ok(work, "cp -r src " + m + "/copied");
            assertThat(Shell.ok(work, "cd " + m + "/copied && find . -type f -print0 | sort -z | xargs -0 sha256sum"))
                    .isEqualTo(expected);
            assertThat(Shell.ok(work, "cd " + m + "/copied && find . | sort"))
                    .isEqualTo(Shell.ok(work, "cd src && find . | sort"));

            Shell.ok(work, "tar -C src -cf " + m + "/tree.tar . && mkdir " + m + "/untar && tar -C " + m + "/untar -xf " + m + "/tree.tar");
            assertThat(Shell.ok(work, "cd " + m + "/untar && find . -type f -print0 | sort -z | xargs -0 sha256sum"))
                    .isEqualTo(expected);

            Shell.ok(work, "rsync -a src/ " + m + "/synced/");
            assertThat(Shell.ok(work, "rsync -a --itemize-changes --dry-run src/ " + m + "/synced/")).isBlank();

            Shell.ok(work, "mv " + m + "/synced " + m + "/renamed && test ! -e " + m + "/synced");
            assertThat(Shell.ok(work, "cd " + m + "/renamed && find . -type f -print0 | sort -z | xargs -0 sha256sum"))
                    .isEqualTo(expected);

            Shell.ok(work, "echo keep > " + m + "/target && echo other > " + m + "/source && mv -n " + m + "/source " + m + "/target");
            assertThat(Files.readString(m.resolve("target"))).isEqualTo("keep\n");

            Shell.ok(work, "rm -r " + m + "/copied " + m + "/untar " + m + "/renamed");
            assertThat(Shell.ok(work, "ls -A " + m).lines()).containsExactlyInAnyOrder("source", "target", "tree.tar");
        }
    }

    private StorageProvider storeFor(String store) throws Exception {
        return store.equals("memory") ? MemoryProvider.withCapacity(256L << 20)
                : new LocalProvider(Files.createDirectories(work.resolve("backing")));
    }

    private static KernelCachePolicy cachePolicy(String store) {
        return store.equals("memory") ? KernelCachePolicy.exclusive() : KernelCachePolicy.shared();
    }
}
