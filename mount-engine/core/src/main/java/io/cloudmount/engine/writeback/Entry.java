package io.cloudmount.engine.writeback;

import java.time.Instant;
import java.util.Comparator;

/**
 * The queue's record of one path that has content to upload. Every field except {@link #seq} is
 * guarded by the owning {@link WritebackQueue}'s lock.
 *
 * <p>Invariants: the entry is in the queue's start-time set exactly while its state is
 * {@code WAITING} or {@code RETRY_WAIT} (and then {@link #notBefore} is set and may only change by
 * leaving and re-entering the set); {@link #attempt} is set exactly while it is {@code UPLOADING}.
 */
final class Entry {
    /** Start order: earliest {@link #notBefore} first, then the older entry. Never uses the path. */
    static final Comparator<Entry> BY_START =
            Comparator.comparing((Entry entry) -> entry.notBefore).thenComparingLong(entry -> entry.seq);

    /** Creation order, the tie-breaker of {@link #BY_START}; read only. */
    final long seq;

    String path;
    UploadStatus.State state;
    Instant notBefore;
    long sizeHint;
    int attempts;
    String lastError;
    Attempt attempt;

    /** Enqueued (or renamed) while UPLOADING: upload again once the running attempt ends. */
    boolean again;
    Instant againNotBefore;
    long againSizeHint;

    Entry(long seq, String path, long sizeHint) {
        this.seq = seq;
        this.path = path;
        this.sizeHint = sizeHint;
    }

    boolean isScheduled() {
        return state == UploadStatus.State.WAITING || state == UploadStatus.State.RETRY_WAIT;
    }

    /** Remembers a newer enqueue that arrived while an attempt runs; keeps the latest. */
    void uploadAgain(Instant notBefore, long newSizeHint) {
        again = true;
        againNotBefore = notBefore;
        againSizeHint = newSizeHint;
    }

    UploadStatus status() {
        long sent = attempt == null ? 0 : attempt.bytesSent();
        return new UploadStatus(path, state, sent, sizeHint, attempts, lastError, notBefore);
    }
}
