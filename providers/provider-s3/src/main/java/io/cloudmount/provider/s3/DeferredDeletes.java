package io.cloudmount.provider.s3;

import io.cloudmount.provider.ProviderException;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p><b>A write to a key waiting here first deletes it</b> ({@link #settle}), so a late delete can never
 * remove what was written afterwards ({@code mv a b; mv b a}).
 *
 * <p><b>The keys are journaled</b> in the drive's cache folder ({@code + etag key} when deferred,
 * {@code - key} when deleted, under a header naming the store). After a kill, the next mount hides them
 * again and deletes each one whose ETag is still the one that was copied; a key another client has
 * rewritten since is left alone and shows again. Without a cache folder nothing is journaled: a kill
 * can then leave a renamed file under both names, never under neither.
 */
final class DeferredDeletes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeferredDeletes.class);
    private static final String FORMAT = "cloudmount-s3-deferred-deletes 1 ";
    /** DeleteObjects accepts at most this many keys. */
    private static final int BATCH = 1000;
    /** How long the first key of a batch waits for more: renames come in bursts ({@code mv *.txt}, a rename loop). */
    private static final Duration LINGER = Duration.ofMillis(50);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** How long closing the drive waits for the last batches before leaving them journaled. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(15);

    private final S3Bucket bucket;
    private final Path journal;
    private final String store;
    /** Tombstones are kept this long: longer than any LIST that could have started before their delete. */
    private static final Duration TOMBSTONE_LIFETIME = Duration.ofMinutes(10);

    /** Key to what is known of it; read without the lock on every lookup and listed key. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** Keys deleted lately, for listings that were sent before (see {@link #hides(String, long)}). */
    private final Map<String, Tombstone> recentlyDeleted = new ConcurrentHashMap<>();
    /** Counts defers and deletes: a listing notes it when sent, to know what happened while it was under way. */
    private final AtomicLong events = new AtomicLong();
    private Thread worker;
    private boolean closing;
    /** Closed: a worker still running (stuck in a request) must no longer touch the journal. */
    private boolean abandoned;
    private boolean singleDeletes;

    /**
     * @param journal where the keys are recorded; {@code null}: nowhere (no cache folder)
     * @param store   the store's description; a journal written for another store is ignored
     */
    DeferredDeletes(S3Bucket bucket, Path journal, String store) {
        this.bucket = bucket;
        this.journal = journal;
        this.store = store;
        loadLeftovers();
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
        append("+ " + encode(etag == null ? "-" : etag) + " " + encode(key));
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
        Pending entry;
        synchronized (this) {
            while ((entry = pending.get(key)) != null && entry.inFlight) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ProviderException.Io(path, "interrupted", e);
                }
            }
            if (entry == null) {
                return false;
            }
            pending.put(key, entry.sending());
        }
        try {
            if (entry.fromEarlierRun && !stillAsCopied(key, entry.etag)) {
                done(List.of(key)); // another client's object now: not ours to delete
                return false;
            }
            bucket.deleteNow(key, path);
        } catch (ProviderException | RuntimeException e) {
            synchronized (this) {
                pending.computeIfPresent(key, (k, p) -> p.returned());
                notifyAll();
            }
            throw e;
        }
        done(List.of(key));
        return true;
    }

    /**
     * {@link #settle}s every waiting key below {@code prefix}: before a directory is moved or copied there,
     * moved away, or removed (its emptiness and its listing in the parent must not count hidden keys).
     */
    void settleUnder(String prefix, String path) throws ProviderException {
        if (pending.isEmpty()) {
            return;
        }
        for (String key : List.copyOf(pending.keySet())) {
            if (key.startsWith(prefix)) {
                settle(key, path);
            }
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
            abandoned = true;
            if (!pending.isEmpty()) {
                LOG.warn("{} renamed file(s) still have their old name in the bucket as well; the next mount with"
                        + " this cache folder removes them{}", pending.size(), journal == null ? " (none: no cache folder)" : "");
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
            List<String> batch = nextBatch();
            if (batch == null) {
                return;
            }
            try {
                send(batch);
                backoff = Duration.ofMillis(500);
            } catch (ProviderException e) {
                synchronized (this) {
                    batch.forEach(key -> pending.computeIfPresent(key, (k, p) -> p.returned()));
                    notifyAll();
                    if (closing) {
                        return; // interrupted, or failing at unmount: they stay journaled for the next mount
                    }
                }
                if (!e.isRetryable()) {
                    LOG.warn("Cannot delete the old name of {} renamed file(s) ({}); they stay in the bucket under both"
                            + " names", batch.size(), e.getMessage());
                    forget(batch);
                    continue;
                }
                LOG.info("Deleting the old names of renamed files failed ({}); retrying in {} s", e.getMessage(),
                        backoff.toSeconds() == 0 ? "<1" : backoff.toSeconds());
                if (!pause(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } catch (RuntimeException e) {
                synchronized (this) {
                    if (closing) {
                        batch.forEach(key -> pending.computeIfPresent(key, (k, p) -> p.returned()));
                        notifyAll();
                        return;
                    }
                }
                LOG.error("Deleting the old names of renamed files failed; they stay in the bucket under both names", e);
                forget(batch);
            }
        }
    }

    /** Waits for keys (lingering for more), marks up to a batch of them as sent; {@code null} once closed and done. */
    private synchronized List<String> nextBatch() {
        long lingerUntil = 0;
        while (true) {
            List<String> ready = new ArrayList<>();
            for (Map.Entry<String, Pending> entry : pending.entrySet()) {
                if (!entry.getValue().inFlight && ready.size() < BATCH) {
                    ready.add(entry.getKey());
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
                    ready.forEach(key -> pending.computeIfPresent(key, (k, p) -> p.sending()));
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

    private void send(List<String> batch) throws ProviderException {
        List<String> deletable = new ArrayList<>();
        List<String> leftAlone = new ArrayList<>();
        for (String key : batch) {
            Pending entry = pending.get(key);
            if (entry != null && entry.fromEarlierRun && !stillAsCopied(key, entry.etag)) {
                leftAlone.add(key);
            } else {
                deletable.add(key);
            }
        }
        if (!leftAlone.isEmpty()) {
            LOG.info("Kept {} old name(s) of files renamed before the last mount ended: another client has written"
                    + " them since", leftAlone.size());
            forget(leftAlone);
        }
        if (deletable.size() == 1 || singleDeletes) {
            for (String key : deletable) {
                bucket.deleteNow(key, bucket.pathOf(key));
                done(List.of(key));
            }
            return;
        }
        if (deletable.isEmpty()) {
            return;
        }
        List<S3Error> errors;
        try {
            errors = bucket.deleteBatch(deletable, bucket.pathOf(deletable.get(0)));
        } catch (ProviderException.Unsupported e) {
            LOG.info("{}; deleting one key per request from now on", e.getMessage());
            singleDeletes = true;
            send(deletable);
            return;
        }
        List<String> finished = new ArrayList<>(deletable);
        List<S3Error> refused = new ArrayList<>();
        ProviderException retry = null;
        for (S3Error error : errors) {
            ProviderException failure = bucket.errors().translateDeleteError(error, bucket.pathOf(error.key()));
            if (failure.isRetryable()) {
                finished.remove(error.key()); // stays waiting
                retry = retry == null ? failure : retry;
            } else {
                refused.add(error);
            }
        }
        if (!refused.isEmpty()) {
            LOG.warn("Cannot delete the old name of {} renamed file(s), e.g. {}: S3 error {}; they stay in the bucket"
                    + " under both names", refused.size(), refused.get(0).key(), refused.get(0).code());
        }
        done(finished); // the refused ones too: they are shown again, as they are
        if (retry != null) {
            throw retry;
        }
    }

    /** For keys journaled by an earlier run: is the object still the version that was copied away? */
    private boolean stillAsCopied(String key, String etag) throws ProviderException {
        return bucket.headNow(key, bucket.pathOf(key)).map(head -> etag != null && etag.equals(head.eTag()))
                .orElse(false);
    }

    private synchronized void done(List<String> keys) {
        long deletedAt = events.incrementAndGet();
        long expired = System.nanoTime() - TOMBSTONE_LIFETIME.toNanos();
        if (recentlyDeleted.size() > 1000) {
            recentlyDeleted.values().removeIf(t -> t.nanoTime - expired < 0);
        }
        for (String key : keys) {
            Pending entry = pending.remove(key);
            if (entry != null) {
                recentlyDeleted.put(key, new Tombstone(entry.deferredAt, deletedAt, System.nanoTime()));
            }
        }
        if (pending.isEmpty()) {
            deleteJournal();
        } else {
            keys.forEach(key -> append("- " + encode(key)));
        }
        notifyAll();
    }

    private synchronized void forget(List<String> keys) {
        done(keys);
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

    private void loadLeftovers() {
        if (journal == null) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            LOG.warn("Cannot read {} ({}); files renamed before the last mount ended may show under their old name"
                    + " too", journal, e.toString());
            return;
        }
        if (lines.isEmpty() || !lines.get(0).equals(FORMAT + encode(store))) {
            LOG.info("Ignoring {}: written for another store", journal);
            deleteJournal();
            return;
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(" ");
            try {
                if (f.length == 3 && f[0].equals("+")) {
                    String etag = decode(f[1]);
                    pending.put(decode(f[2]), new Pending(etag.equals("-") ? null : etag, false, true, 0));
                } else if (f.length == 2 && f[0].equals("-")) {
                    pending.remove(decode(f[1]));
                } // else: a line torn by a kill; at worst one old name stays in the bucket
            } catch (IllegalArgumentException torn) {
                // cut inside a %XX escape: the same
            }
        }
        if (pending.isEmpty()) {
            deleteJournal();
        } else {
            rewriteJournal();
        }
    }

    /** Starts deleting what an earlier run journaled and did not finish (hidden since construction). */
    synchronized void resumeLeftovers() {
        if (!pending.isEmpty() && worker == null) {
            LOG.info("Deleting the old names of {} file(s) renamed before the last mount ended", pending.size());
            worker = startWorker();
        }
    }

    private void append(String line) {
        if (journal == null || abandoned) {
            return;
        }
        try {
            if (!Files.exists(journal)) {
                Files.writeString(journal, FORMAT + encode(store) + "\n", StandardCharsets.UTF_8);
            }
            Files.writeString(journal, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("Cannot record a rename in {} ({}); if this process is killed now, the file may show under its"
                    + " old name too", journal, e.toString());
        }
    }

    private void rewriteJournal() {
        StringBuilder text = new StringBuilder(FORMAT + encode(store) + "\n");
        pending.forEach((key, p) -> text.append("+ ").append(encode(p.etag == null ? "-" : p.etag)).append(' ')
                .append(encode(key)).append('\n'));
        try {
            Files.writeString(journal, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("Cannot rewrite {}: {}", journal, e.toString());
        }
    }

    private void deleteJournal() {
        if (journal == null || abandoned) {
            return;
        }
        try {
            Files.deleteIfExists(journal);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", journal, e.toString());
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /**
     * @param etag           the version that was copied away
     * @param inFlight       a request deleting it is under way
     * @param fromEarlierRun journaled by a process that ended before deleting it: checked before deleting
     * @param deferredAt     the {@link #events} count when it was deferred (0: before this run)
     */
    private record Pending(String etag, boolean inFlight, boolean fromEarlierRun, long deferredAt) {
        Pending sending() {
            return new Pending(etag, true, fromEarlierRun, deferredAt);
        }

        Pending returned() {
            return new Pending(etag, false, fromEarlierRun, deferredAt);
        }
    }

    /** A key deleted at {@code deletedAt} (an {@link #events} count), {@code nanoTime} for expiry. */
    private record Tombstone(long deferredAt, long deletedAt, long nanoTime) {
    }
}
