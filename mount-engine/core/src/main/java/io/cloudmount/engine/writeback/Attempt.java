package io.cloudmount.engine.writeback;

import java.time.Instant;

/**
 * One run of the upload action for one path. {@link #path} is the name the action was given; it does
 * not follow later renames of the entry. Fields other than the volatile ones are guarded by the
 * queue's lock.
 */
final class Attempt {
    final Entry entry;
    final String path;
    final Instant started;

    private volatile long bytesSent;
    /** Progress events to listeners are throttled; the next one may go out at this time. */
    volatile Instant nextProgressEvent;

    /** The worker thread while it is inside the action, else null; cancel interrupts it. */
    Thread thread;
    /** The entry was cancelled or replaced: the outcome of this attempt no longer matters. */
    boolean detached;
    /** Cancel interrupted {@link #thread}; the worker clears the flag it set once the action returns. */
    boolean interrupted;
    boolean done;

    Attempt(Entry entry, String path, Instant started) {
        this.entry = entry;
        this.path = path;
        this.started = started;
        this.nextProgressEvent = started;
    }

    long bytesSent() {
        return bytesSent;
    }

    void bytesSent(long sent) {
        bytesSent = sent;
    }
}
