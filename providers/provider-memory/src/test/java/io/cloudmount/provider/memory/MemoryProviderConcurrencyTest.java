package io.cloudmount.provider.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.OpenMode;
import io.cloudmount.provider.ProviderException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many threads race namespace changes against reads and writes on a handful of names. Individual
 * calls may fail with the kinds such races produce; what must hold is that nothing deadlocks, nothing
 * throws anything else, and every page is returned to the account once the tree is emptied.
 */
class MemoryProviderConcurrencyTest {
    private static final long CAPACITY = 64L << 20;
    private static final String[] NAMES = {"/a", "/b", "/d/c", "/d/e"};

    private final MemoryProvider provider = MemoryProvider.withCapacity(CAPACITY);

    @Test
    void racingOperationsNeitherDeadlockNorLeakSpace() throws Exception {
        provider.mkdir("/d");
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                SplittableRandom random = new SplittableRandom(t);
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 2_000; i++) {
                        step(random);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        emptyTree("/");
        assertThat(provider.space().freeBytes()).isEqualTo(CAPACITY);
    }

    private void step(SplittableRandom random) throws IOException {
        String name = NAMES[random.nextInt(NAMES.length)];
        String other = NAMES[random.nextInt(NAMES.length)];
        try {
            switch (random.nextInt(7)) {
                case 0 -> provider.createFile(name, random.nextBoolean());
                case 1 -> provider.deleteFile(name);
                case 2 -> provider.rename(name, other, random.nextBoolean());
                case 3 -> provider.copy(name, other);
                case 4 -> provider.list("/d", null);
                default -> readOrWrite(name, random);
            }
        } catch (ProviderException.NotFound | ProviderException.AlreadyExists | ProviderException.IsADirectory e) {
            // Expected outcomes of racing on the same names.
        }
    }

    private void readOrWrite(String path, SplittableRandom random) throws IOException {
        try (ObjectHandle handle = provider.open(path, OpenMode.READ_WRITE)) {
            long position = random.nextInt(300_000);
            if (random.nextBoolean()) {
                handle.write(position, ByteBuffer.allocate(random.nextInt(1, 100_000)));
            } else if (random.nextInt(4) == 0) {
                handle.truncate(position);
            } else {
                handle.read(position, ByteBuffer.allocateDirect(65_536));
            }
        }
    }

    private void emptyTree(String directory) throws IOException {
        for (ObjectInfo entry : provider.list(directory, null).entries()) {
            String path = directory.equals("/") ? "/" + entry.name() : directory + "/" + entry.name();
            if (entry.isDirectory()) {
                emptyTree(path);
                provider.deleteDirectory(path);
            } else {
                provider.deleteFile(path);
            }
        }
    }
}
