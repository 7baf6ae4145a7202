package io.cloudmount.app.config;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the latest configuration snapshot once changes pause for {@code delay}: dragging a slider
 * or typing a path writes the file once, not per keystroke. {@link #flush()} writes at once (quit).
 */
public final class DebouncedSaver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DebouncedSaver.class);

    private final ConfigStore store;
    private final ScheduledExecutorService scheduler;
    private final Duration delay;
    // guarded by this
    private ConfigFile latest;
    private ScheduledFuture<?> pending;

    public DebouncedSaver(ConfigStore store, ScheduledExecutorService scheduler, Duration delay) {
        this.store = store;
        this.scheduler = scheduler;
        this.delay = delay;
    }

    public synchronized void schedule(ConfigFile snapshot) {
        latest = snapshot;
        if (pending != null) {
            pending.cancel(false);
        }
        pending = scheduler.schedule(this::flush, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Writes the pending snapshot now, if there is one. */
    public void flush() {
        ConfigFile toWrite;
        synchronized (this) {
            toWrite = latest;
            latest = null;
            if (pending != null) {
                pending.cancel(false);
                pending = null;
            }
        }
        if (toWrite == null) {
            return;
        }
        try {
            store.save(toWrite);
            LOG.debug("Saved {}", store.file());
        } catch (IOException e) {
            LOG.error("Could not save the settings to {}: {}. Changes are kept in memory; check the disk"
                    + " space and the folder's permissions.", store.file(), e.toString());
        }
    }

    @Override
    public void close() {
        flush();
        scheduler.shutdown();
    }
}
