package io.cloudmount.provider.s3;

import io.cloudmount.provider.ProviderException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.S3Error;

/**
 * The second half of renaming a file: deleting its old key, done after the rename has returned, in
 * batches ({@code DeleteObjects}). S3 has no rename; a move is a copy and a delete, so this halves
 * the wait of every {@code mv} and of an editor's safe save, and sends one request for many deletes.
 *
 * <p><b>Until its delete is done, an old key is hidden</b> from every lookup and listing of this drive
 * ({@link #hides}), so the drive shows the rename complete at once. Other clients can see both names
 * for those milliseconds, as they could between the two requests before.
 *
 * <p><b>A write to a key waiting here first deletes it</b> ({@link #settle}, called where every write
 * starts: {@code S3Bucket#putSmall}, {@link ObjectUploader}, {@link PartialUploader}, {@link ObjectCopier}),
 * so a late delete can never remove what was written afterwards ({@code mv a b; mv b a}); so does
 * moving or removing a folder that holds one ({@link #settleUnder}).
 *
 * <p><b>The keys are journaled</b> ({@link DeletesJournal}). After a kill, the next mount hides them
 * again and deletes each one whose ETag is still the one that was copied; a key another client has
 * rewritten since is left alone and shows again. Without a cache folder nothing is journaled: a kill
 * can then leave a renamed file under both names, never under neither.
 *
 * <p><b>A retry checks the version too.</b> A delete that failed is sent again with backoff, seconds
 * or minutes later, when another client may have written the key: it is deleted only if its ETag is
 * still the copied one. A first attempt, sent just after the copy, costs no such check.
 *
 * <p>Every entry carries the count of the {@link #events} at its defer, which tells the entries of two
 * renames of one name apart: whoever marked an entry in flight finishes or returns that entry only.
 */
final class DeferredDeletes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeferredDeletes.class);
    /** DeleteObjects accepts at most this many keys. */
    private static final int BATCH = 1000;
    /** How long the first key of a batch waits for more: renames come in bursts ({@code mv *.txt}, a rename loop). */
    private static final Duration LINGER = Duration.ofMillis(50);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** How long closing the drive waits for the last batches before leaving them journaled. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(15);

    private final S3Bucket bucket;
    private final DeletesJournal journal;
    /** Longer than any LIST sent before a delete can take: until then it may still show the deleted key. */
    private final Duration tombstoneLifetime;
    /** Key to what is known of it; read without the lock on every lookup and listed key. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** Keys deleted lately, for listings that were sent before (see {@link #hides(String, long)}). */
    private final Map<String, Tombstone> recentlyDeleted = new ConcurrentHashMap<>();
    /** {@link #recentlyDeleted} in the order they expire. */
    private final ArrayDeque<Map.Entry<String, Tombstone>> expiries = new ArrayDeque<>();
    /** Counts defers and deletes: a listing notes it when sent, to know what happened while it was under way. */
    private final AtomicLong events = new AtomicLong();
    private Thread worker;
    private boolean closing;

    /**
     * @param journal      where the keys are recorded; {@code null}: nowhere (no cache folder)
     * @param store        the store's name ({@link S3Settings#storeName}); a journal written for another store is ignored
     * @param longestList  the longest a LIST can take, retries included
     */
    DeferredDeletes(S3Bucket bucket, Path journal, String store, Duration longestList) {
        this.bucket = bucket;
        this.journal = new DeletesJournal(journal, store);
        Duration twice = longestList.multipliedBy(2);
        this.tombstoneLifetime = twice.compareTo(Duration.ofMinutes(2)) > 0 ? twice : Duration.ofMinutes(2);
        Map<String, String> left = this.journal.leftovers();
        if (left != null) { // null: unreadable, left as it is
            left.forEach((key, etag) -> pending.put(key, new Pending(etag, false, true, 0)));
            this.journal.rewrite(left);
        }
    }

    /** Starts deleting what an earlier run journaled and did not finish (hidden since construction). */
    synchronized void resumeLeftovers() {
        if (!pending.isEmpty() && worker == null) {
            LOG.info("Deleting the old names of {} file(s) renamed before the last mount ended", pending.size());
            worker = startWorker();
        }
    }

    /** Whether {@code key} is an old name whose delete is still to come: lookups treat it as gone. */
    boolean hides(String key) {
        return !pending.isEmpty() && pending.containsKey(key);
    }

    /** The point in this drive's history a request is sent at, for {@link #hides(String, long)}. */
    long now() {
        return events.get();
    }

    /**
     * Whether a listing sent at {@code sentAt} must leave {@code key} out: it was an old name by then, and
     * its delete had not been done before the listing was sent (so the answer may still show it). A key
     * deferred while the listing was under way is left in: the answer shows the drive as it was when sent,
     * and the engine applies the rename made meanwhile itself.
     */
    boolean hides(String key, long sentAt) {
        if (pending.isEmpty() && recentlyDeleted.isEmpty()) {
            return false;
        }
        Pending waiting = pending.get(key);
        if (waiting != null) {
            return waiting.deferredAt <= sentAt;
        }
        Tombstone deleted = recentlyDeleted.get(key);
        return deleted != null && deleted.deferredAt <= sentAt && deleted.deletedAt > sentAt;
    }

    /** How many hidden keys start with {@code prefix}: a listing that must return n keys asks for that many more. */
    int hiddenUnder(String prefix) {
        if (pending.isEmpty()) {
            return 0;
        }
        int count = 0;
        for (String key : pending.keySet()) {
            if (key.startsWith(prefix)) {
                count++;
            }
        }
        return count;
    }

    /** Deletes {@code key} (the source of a copy of the version {@code etag}) soon, in the background. */
    synchronized void defer(String key, String etag) {
        recentlyDeleted.remove(key);
        pending.put(key, new Pending(etag, false, false, events.incrementAndGet()));
        journal.deferred(key, etag);
        if (worker == null) {
            worker = startWorker();
        }
        notifyAll();
    }

    /**
     * Before anything is written at {@code key}: its delete, if one is waiting, is done now (or the one
     * in progress awaited). A failure to delete fails the write, which would otherwise be deleted later.
     *
     * @return whether this call deleted it
     */
    boolean settle(String key, String path) throws ProviderException {
        if (!hides(key)) {
            return false;
        }
        List<Sent> mine = claim(key::equals, path);
        if (mine.isEmpty()) {
            return false;
        }
        return sendClaimed(mine) == 1;
    }

    /**
     * {@link #settle}s every waiting key below {@code prefix}, in batches: before a directory is moved or
     * copied there, moved away, or removed (its emptiness and its listing in the parent must not count
     * hidden keys).
     */
    void settleUnder(String prefix, String path) throws ProviderException {
        if (pending.isEmpty()) {
            return;
        }
        List<Sent> mine = claim(key -> key.startsWith(prefix), path);
        if (!mine.isEmpty()) {
            sendClaimed(mine);
        }
    }

    /** Waits until no matching key is in flight, then marks the matching ones in flight for the caller. */
    private synchronized List<Sent> claim(Predicate<String> matches, String path)
            throws ProviderException {
        while (pending.entrySet().stream().anyMatch(e -> e.getValue().inFlight && matches.test(e.getKey()))) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException.Io(path, "interrupted", e);
            }
        }
        List<Sent> mine = new ArrayList<>();
        pending.forEach((key, entry) -> {
            if (matches.test(key)) {
                mine.add(new Sent(key, entry));
            }
        });
        mine.forEach(s -> pending.put(s.key, s.entry.sending()));
        return mine;
    }

    /** Deletes claimed keys for a caller, or returns them to waiting if that fails; how many it deleted. */
    private int sendClaimed(List<Sent> mine) throws ProviderException {
        try {
            return send(mine);
        } catch (ProviderException | RuntimeException | Error e) {
            restore(mine);
            throw e;
        }
    }

    /** Sends what is waiting, for at most {@link #CLOSE_WAIT}; what is left stays journaled for the next mount. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closing = true;
            notifyAll();
            running = worker;
        }
        if (running != null) {
            try {
                running.join(CLOSE_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            journal.freeze();
            if (!pending.isEmpty()) {
                LOG.warn("{} renamed file(s) still have their old name in the bucket as well; {}", pending.size(),
                        journal.exists() ? "the next mount with this cache folder removes them"
                                : "without a cache folder nothing records them, so they stay");
            }
        }
        if (running != null) {
            running.interrupt();
        }
    }

    private Thread startWorker() {
        Thread thread = new Thread(this::work, "s3-" + bucket.name() + "-deferred-deletes");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void work() {
        Duration backoff = Duration.ofMillis(500);
        while (true) {
            List<Sent> batch = nextBatch();
            if (batch == null) {
                return;
            }
            try {
                send(batch);
                backoff = Duration.ofMillis(500);
            } catch (ProviderException | RuntimeException e) {
                synchronized (this) {
                    if (closing) {
                        restore(batch); // interrupted, or failing at unmount: they stay journaled for the next mount
                        return;
                    }
                }
                if (!(e instanceof ProviderException failure) || !failure.isRetryable()) {
                    LOG.warn("Cannot delete the old name of {} renamed file(s) ({}); they stay in the bucket under both"
                            + " names", batch.size(), e.getMessage());
                    finish(batch);
                    continue;
                }
                restore(batch);
                LOG.info("Deleting the old names of renamed files failed ({}); retrying in {} s", e.getMessage(),
                        backoff.toSeconds() == 0 ? "<1" : backoff.toSeconds());
                if (!pause(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } catch (Error e) {
                synchronized (this) {
                    restore(batch);
                    worker = null; // the next defer starts another
                }
                throw e;
            }
        }
    }

    /** Waits for keys (lingering for more), marks up to a batch of them in flight; {@code null} once closed and done. */
    private synchronized List<Sent> nextBatch() {
        long lingerUntil = 0;
        while (true) {
            List<Sent> ready = new ArrayList<>();
            for (Map.Entry<String, Pending> entry : pending.entrySet()) {
                if (!entry.getValue().inFlight && ready.size() < BATCH) {
                    ready.add(new Sent(entry.getKey(), entry.getValue()));
                }
            }
            if (ready.isEmpty() && closing) {
                return null;
            }
            if (!ready.isEmpty()) {
                long now = System.nanoTime();
                if (lingerUntil == 0) {
                    lingerUntil = now + LINGER.toNanos();
                }
                if (closing || ready.size() == BATCH || now >= lingerUntil) {
                    ready.forEach(s -> pending.put(s.key, s.entry.sending()));
                    return ready;
                }
                waitNanos(lingerUntil - now);
            } else {
                awaitChange();
            }
            if (Thread.currentThread().isInterrupted()) {
                return null;
            }
        }
    }

    /**
     * Deletes keys marked in flight by the caller; finishes each one it deleted or gave up on. A failure
     * that may pass throws, leaving the rest in flight for the caller to {@link #restore}.
     */
    private int send(List<Sent> batch) throws ProviderException {
        List<Sent> deletable = new ArrayList<>();
        List<Sent> leftAlone = new ArrayList<>();
        for (Sent s : batch) {
            if (s.entry.checkVersionFirst && !stillAsCopied(s)) {
                leftAlone.add(s);
            } else {
                deletable.add(s);
            }
        }
        if (!leftAlone.isEmpty()) {
            LOG.info("Kept {} old name(s) of renamed files: another client has written them since", leftAlone.size());
            finish(leftAlone);
        }
        int deleted = 0;
        for (int from = 0; from < deletable.size(); from += BATCH) {
            deleted += sendBatch(deletable.subList(from, Math.min(deletable.size(), from + BATCH)));
        }
        return deleted;
    }

    private int sendBatch(List<Sent> batch) throws ProviderException {
        if (batch.size() == 1 || bucket.deletesOneKeyPerRequest()) {
            int deleted = 0;
            for (Sent s : batch) {
                try {
                    bucket.deleteNow(s.key, bucket.pathOf(s.key));
                    deleted++;
                } catch (ProviderException e) {
                    if (e.isRetryable() || batch.size() == 1) {
                        throw e;
                    }
                    LOG.warn("Cannot delete the old name {} of a renamed file ({}); it stays in the bucket under both"
                            + " names", s.key, e.getMessage());
                }
                finish(List.of(s));
            }
            return deleted;
        }
        List<S3Error> errors;
        try {
            errors = bucket.deleteBatch(batch.stream().map(Sent::key).toList(), bucket.pathOf(batch.get(0).key));
        } catch (ProviderException.Unsupported e) {
            return sendBatch(batch); // the bucket noted it: one key per request from now on
        }
        Map<String, Sent> finished = new LinkedHashMap<>();
        batch.forEach(s -> finished.put(s.key, s));
        List<S3Error> refused = new ArrayList<>();
        ProviderException retry = null;
        for (S3Error error : errors) {
            ProviderException failure = bucket.errors().translateDeleteError(error, bucket.pathOf(error.key()));
            if (failure.isRetryable()) {
                finished.remove(error.key()); // stays in flight; the caller returns it to waiting
                retry = retry == null ? failure : retry;
            } else {
                refused.add(error);
            }
        }
        if (!refused.isEmpty()) {
            LOG.warn("Cannot delete the old name of {} renamed file(s), e.g. {}: S3 error {}; they stay in the bucket"
                    + " under both names", refused.size(), refused.get(0).key(), refused.get(0).code());
        }
        finish(List.copyOf(finished.values())); // the refused ones too: they are shown again, as they are
        if (retry != null) {
            throw retry;
        }
        return finished.size() - refused.size();
    }

    /**
     * For keys another client may have written since the copy ({@link Pending#checkVersionFirst}): is the
     * object still the version that was copied away? A check the server refuses for good counts as "no"
     * (the key is then left alone).
     */
    private boolean stillAsCopied(Sent s) throws ProviderException {
        try {
            return bucket.headNow(s.key, bucket.pathOf(s.key))
                    .map(head -> s.entry.etag != null && s.entry.etag.equals(head.eTag())).orElse(false);
        } catch (ProviderException e) {
            if (e.isRetryable()) {
                throw e;
            }
            LOG.info("Cannot check {} ({}); leaving it as it is", s.key, e.getMessage());
            return false;
        }
    }

    /** Deleted, or given up: the entries themselves (not a later defer of the same key) leave. */
    private synchronized void finish(List<Sent> done) {
        long deletedAt = events.incrementAndGet();
        long now = System.nanoTime();
        for (Map.Entry<String, Tombstone> head; (head = expiries.peek()) != null
                && now - head.getValue().nanoTime > tombstoneLifetime.toNanos(); expiries.poll()) {
            recentlyDeleted.remove(head.getKey(), head.getValue());
        }
        for (Sent s : done) {
            Pending current = pending.get(s.key);
            if (current == null || current.deferredAt != s.entry.deferredAt) {
                continue;
            }
            Tombstone tombstone = new Tombstone(current.deferredAt, deletedAt, now);
            recentlyDeleted.put(s.key, tombstone); // first: a listing always finds one of the two
            expiries.add(Map.entry(s.key, tombstone));
            pending.remove(s.key, current);
            if (!pending.isEmpty()) {
                journal.deleted(s.key);
            }
        }
        if (pending.isEmpty()) {
            journal.delete();
        }
        notifyAll();
    }

    /** A failed attempt: the entries go back to waiting (unless finished or replaced meanwhile). */
    private synchronized void restore(List<Sent> sent) {
        for (Sent s : sent) {
            pending.computeIfPresent(s.key, (k, p) -> p.deferredAt == s.entry.deferredAt ? p.returned() : p);
        }
        notifyAll();
    }

    private boolean pause(Duration backoff) {
        synchronized (this) {
            long until = System.nanoTime() + backoff.toNanos();
            while (!closing && System.nanoTime() < until) {
                waitNanos(until - System.nanoTime());
                if (Thread.currentThread().isInterrupted()) {
                    return false;
                }
            }
            return !closing;
        }
    }

    private void awaitChange() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void waitNanos(long nanos) {
        try {
            wait(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param etag              the version that was copied away
     * @param inFlight          a request deleting it is under way
     * @param checkVersionFirst deleted only while it still holds that version ({@link #stillAsCopied}): it was
     *                          journaled by a process that ended before deleting it, or an attempt failed
     * @param deferredAt        the {@link #events} count when it was deferred (0: before this run)
     */
    private record Pending(String etag, boolean inFlight, boolean checkVersionFirst, long deferredAt) {
        Pending sending() {
            return new Pending(etag, true, checkVersionFirst, deferredAt);
        }

        /** Back to waiting after a failed attempt: the retry checks the version first. */
        Pending returned() {
            return new Pending(etag, false, true, deferredAt);
        }
    }

    /** An entry someone marked in flight, as it was just before (only its identity and ETag are read). */
    private record Sent(String key, Pending entry) {
    }

    /** A key deleted at {@code deletedAt} (an {@link #events} count); {@code nanoTime} for expiry. */
    private record Tombstone(long deferredAt, long deletedAt, long nanoTime) {
    }
}
