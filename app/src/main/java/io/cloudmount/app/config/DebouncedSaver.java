package io.cloudmount.app.config;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the latest configuration snapshot once changes pause for {@code delay}: dragging a slider
 * or typing a path writes the file once, not per keystroke. {@link #flush()} writes at once (quit).
 *
 * <p>Writes happen one at a time, each taking the latest snapshot when it starts, so a slow write of
 * an older snapshot (the scheduler's) never lands after a newer one (the quit's flush). A snapshot
 * that could not be written stays pending for the next flush unless a newer one replaced it.
 */
public final class DebouncedSaver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DebouncedSaver.class);

    /** Writes one snapshot: {@link ConfigStore#save}. */
    @FunctionalInterface
    interface Writer {
        void write(ConfigFile snapshot) throws IOException;
    }

    private final Writer writer;
    private final Path file;
    private final ScheduledExecutorService scheduler;
    private final Duration delay;
    private final Object writing = new Object();
    // guarded by this
    private ConfigFile latest;
    private ScheduledFuture<?> pending;

    public DebouncedSaver(ConfigStore store, ScheduledExecutorService scheduler, Duration delay) {
        this(store::save, store.file(), scheduler, delay);
    }

    DebouncedSaver(Writer writer, Path file, ScheduledExecutorService scheduler, Duration delay) {
        this.writer = writer;
        this.file = file;
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
        synchronized (writing) {
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
                writer.write(toWrite);
                LOG.debug("Saved {}", file);
            } catch (IOException e) {
                synchronized (this) {
                    if (latest == null) {
                        latest = toWrite; // written by the next change's save, or at quit
                    }
                }
                LOG.error("Could not save the settings to {}: {}. Changes are kept in memory and saved again at the"
                        + " next change or at quit; check the disk space and the folder's permissions.", file,
                        e.toString());
            }
        }
    }

    @Override
    public void close() {
        flush();
        scheduler.shutdown();
    }
}
