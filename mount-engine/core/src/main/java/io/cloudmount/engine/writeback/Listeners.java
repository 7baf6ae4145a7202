package io.cloudmount.engine.writeback;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers queue events to listeners in the order the state changed, without holding the queue's
 * lock. The queue {@link #post posts} events while it holds its lock (so the order is the order of
 * the changes) and calls {@link #deliver} after releasing it. One thread at a time drains; a thread
 * that finds another draining leaves its events to it. So listeners are never called concurrently,
 * may call back into the queue, and a slow listener delays events but never blocks a state change.
 */
final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(WritebackQueue.class);

    private final List<WritebackQueue.Listener> listeners = new CopyOnWriteArrayList<>();
    private final Queue<Consumer<WritebackQueue.Listener>> events = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    void add(WritebackQueue.Listener listener) {
        listeners.add(listener);
    }

    void remove(WritebackQueue.Listener listener) {
        listeners.remove(listener);
    }

    /** False when nobody listens, so callers can skip building events. */
    boolean active() {
        return !listeners.isEmpty();
    }

    void post(Consumer<WritebackQueue.Listener> event) {
        if (active()) {
            events.add(event);
        }
    }

    void deliver() {
        while (!events.isEmpty() && draining.compareAndSet(false, true)) {
            try {
                Consumer<WritebackQueue.Listener> event;
                while ((event = events.poll()) != null) {
                    for (WritebackQueue.Listener listener : listeners) {
                        try {
                            event.accept(listener);
                        } catch (RuntimeException e) {
                            LOG.warn("Write-back listener {} failed", listener, e);
                        }
                    }
                }
            } finally {
                draining.set(false);
            }
        }
    }
}
