package io.cloudmount.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DebouncedSaverTest {
    private static final ConfigFile OLDER = new ConfigFile(1, ConfigFile.SettingsJson.DEFAULTS, List.of());
    private static final ConfigFile NEWER = new ConfigFile(1,
            new ConfigFile.SettingsJson("/cache", 1L << 30, false, "DEBUG", true), List.of());

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<ConfigFile> written = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void aSlowWriteOfAnOlderSnapshotDoesNotLandAfterANewerOne() throws Exception {
        var firstWriteStarted = new CountDownLatch(1);
        var releaseFirstWrite = new CountDownLatch(1);
        var saver = new DebouncedSaver(snapshot -> {
            if (snapshot == OLDER) {
                firstWriteStarted.countDown();
                awaitLatch(releaseFirstWrite);
            }
            written.add(snapshot);
        }, Path.of("config.json"), scheduler, Duration.ofHours(1));

        saver.schedule(OLDER);
        Thread slow = new Thread(saver::flush, "slow-save");
        slow.start();
        awaitLatch(firstWriteStarted);
        saver.schedule(NEWER);
        Thread quit = new Thread(saver::flush, "quit-save");
        quit.start();
        // The quit's flush either waits for the slow write or has already written.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> quit.getState() == Thread.State.BLOCKED || !quit.isAlive());
        releaseFirstWrite.countDown();
        slow.join(10_000);
        quit.join(10_000);

        assertThat(written).last().isEqualTo(NEWER);
    }

    @Test
    void aSnapshotThatCouldNotBeWrittenIsWrittenAtTheNextFlush() {
        var failures = new int[] {1};
        var saver = new DebouncedSaver(snapshot -> {
            if (failures[0]-- > 0) {
                throw new IOException("No space left on device");
            }
            written.add(snapshot);
        }, Path.of("config.json"), scheduler, Duration.ofHours(1));

        saver.schedule(NEWER);
        saver.flush();
        assertThat(written).isEmpty();

        saver.flush();
        assertThat(written).containsExactly(NEWER);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
