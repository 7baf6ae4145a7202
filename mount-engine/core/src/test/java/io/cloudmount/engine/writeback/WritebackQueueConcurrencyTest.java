package io.cloudmount.engine.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real threads and time: many saves racing the uploads they trigger. Asserts invariants, not timings. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WritebackQueueConcurrencyTest {
    private static final int SAVERS = 4;
    private static final int SAVES_EACH = 400;
    private static final int PATHS = 8;

    private final ScheduledExecutorService scheduler = WritebackThreads.newScheduler();
    private final ExecutorService workers = WritebackThreads.newWorkers(4);
    private final ExecutorService savers = Executors.newFixedThreadPool(SAVERS);

    private final AtomicLong tick = new AtomicLong();
    private final Map<String, Long> lastSaved = new ConcurrentHashMap<>();
    private final Map<String, Long> lastStarted = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> runningByPath = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private final AtomicInteger samePathOverlaps = new AtomicInteger();

    @AfterEach
    void stop() {
        savers.shutdownNow();
        workers.shutdownNow();
        scheduler.shutdownNow();
    }

    private void upload(String path) {
        lastStarted.put(path, tick.incrementAndGet());
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        if (runningByPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet() > 1) {
            samePathOverlaps.incrementAndGet();
        }
        Thread.yield();
        runningByPath.get(path).decrementAndGet();
        running.decrementAndGet();
    }

    @Test
    void racingSavesNeverOverlapUploadsOfOnePathAndTheLastSaveIsUploaded() throws Exception {
        WritebackSettings settings = WritebackSettings.defaults().withDelay(Duration.ZERO).withMaxConcurrent(3);
        try (WritebackQueue queue = new WritebackQueue((path, progress) -> upload(path), settings,
                Clock.systemUTC(), scheduler, workers)) {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < SAVERS; s++) {
                int saver = s;
                done.add(savers.submit(() -> {
                    for (int i = 0; i < SAVES_EACH; i++) {
                        String path = "/f" + ((saver + i) % PATHS);
                        lastSaved.merge(path, tick.incrementAndGet(), Math::max);
                        queue.enqueue(path, i);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }

            assertThat(queue.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(queue.pending()).isEmpty();
        }
        assertThat(samePathOverlaps.get()).isZero();
        assertThat(maxRunning.get()).isLessThanOrEqualTo(3);
        assertThat(lastStarted).hasSize(PATHS);
        lastSaved.forEach((path, saved) -> assertThat(lastStarted.get(path)).as(path).isGreaterThan(saved));
    }
}
