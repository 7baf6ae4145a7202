package io.cloudmount.app.drive;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls each mounted drive's {@link DriveActivity} on its own thread and hands changed snapshots to
 * the UI through {@code notify}: the engine may count bytes thousands of times a second, the FX
 * thread hears about it at most a few times a second.
 */
public final class ActivitySampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActivitySampler.class);

    private final DriveService drives;
    private final Executor notify;
    private final BiConsumer<String, ActivitySnapshot> sink;
    /** Only touched by the sampling thread. */
    private final Map<String, ActivitySnapshot> last = new HashMap<>();
    private final ScheduledExecutorService scheduler;

    public ActivitySampler(DriveService drives, ScheduledExecutorService scheduler, Executor notify,
                           BiConsumer<String, ActivitySnapshot> sink) {
        this.drives = drives;
        this.scheduler = scheduler;
        this.notify = notify;
        this.sink = sink;
    }

    public void start(long periodMillis) {
        scheduler.scheduleWithFixedDelay(this::sampleOnce, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** One round: read every mounted drive, report what changed, reset drives that went away. */
    void sampleOnce() {
        try {
            Map<String, DriveActivity> activities = drives.activities();
            Map<String, ActivitySnapshot> now = new HashMap<>();
            activities.forEach((id, activity) -> now.put(id, ActivitySnapshot.of(activity)));
            last.keySet().stream().filter(id -> !now.containsKey(id)).toList()
                    .forEach(id -> now.put(id, ActivitySnapshot.IDLE));
            now.forEach((id, snapshot) -> {
                if (!snapshot.equals(last.get(id))) {
                    notify.execute(() -> sink.accept(id, snapshot));
                }
            });
            last.clear();
            now.forEach((id, snapshot) -> {
                if (activities.containsKey(id)) {
                    last.put(id, snapshot);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Reading drive activity failed; the drives list may show old numbers: {}", e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
