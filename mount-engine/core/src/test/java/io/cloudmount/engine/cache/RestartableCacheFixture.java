package io.cloudmount.engine.cache;

import static io.cloudmount.engine.cache.CacheTesting.T0;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 MiB data cache in a temporary folder on a settable clock, that a test can restart cleanly or
 * as after a crash (reopened without closing), to check what an item record keeps.
 */
abstract class RestartableCacheFixture {
    static final long LIMIT = 1 << 20;

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(T0);
    DataCache cache;

    @BeforeEach
    void openCache() throws IOException {
        cache = DataCache.open(dir, LIMIT, 0, clock);
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    void restart() throws IOException {
        cache.close();
        crashAndRestart();
    }

    /** Opens the folder again without closing the cache first, as the next run after a kill -9 does. */
    void crashAndRestart() throws IOException {
        cache = DataCache.open(dir, LIMIT, 0, clock);
    }

    CacheItem reloaded(String key) {
        return cache.get(key).orElseThrow();
    }
}
