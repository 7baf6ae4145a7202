/**
 * The write-back upload queue: closing a written file returns at once, and the upload runs later,
 * bounded, retried and observable. Modelled on rclone's {@code vfscache/writeback}; like it, this
 * package depends only on what it defines ({@link io.cloudmount.engine.writeback.UploadAction}, the
 * injected clock and executors) plus the provider SPI's path rules and error kinds, so it is tested
 * alone. The cache owns the journal and the local files; the queue owns timing.
 *
 * <h2>States of a path</h2>
 * <ul>
 *   <li>{@code enqueue} creates {@code WAITING}, due {@code delay} from now; another {@code enqueue}
 *       pushes it back, so a burst of saves is one upload.</li>
 *   <li>{@code WAITING} or {@code RETRY_WAIT}, once due, not paused and with a slot free, becomes
 *       {@code UPLOADING}.</li>
 *   <li>{@code UPLOADING} that succeeds leaves the queue ({@code finished}); a retryable failure goes
 *       to {@code RETRY_WAIT}; a non-retryable one, or the last of {@code maxAttempts}, to
 *       {@code FAILED} ({@code failed}).</li>
 *   <li>{@code enqueue} during {@code UPLOADING} marks the path to run again after the attempt, which
 *       then goes back to {@code WAITING}; a final failure of the old content is superseded by it.</li>
 *   <li>{@code FAILED} stays listed until enqueued again (starting over) or cancelled.</li>
 * </ul>
 * Retryable means {@link io.cloudmount.provider.ProviderException#isRetryable()}, or any other
 * {@link java.io.IOException}. A retry waits {@code initialBackoff * 2^(n-1)} capped at
 * {@code maxBackoff}, randomly shortened by up to half ({@code Backoff}).
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>At most {@code maxConcurrent} attempts run, counting attempts that were cancelled or renamed
 *       away but have not returned yet (they still occupy a worker and the network).</li>
 *   <li>No two attempts for the same path name run at once: an entry whose name is still in use by a
 *       running (possibly detached) attempt does not start. So a file re-created after a timed-out
 *       cancel cannot race the old upload.</li>
 *   <li>Nothing queued at or below a paused path starts. {@code pauseAndDrain} then waits for the
 *       attempts already running there. The caller's protocol for a rename is
 *       {@code pauseAndDrain(from)}, rename remotely, {@code renamed(from, to)}, {@code resume(from)};
 *       for a delete it is {@code cancel(path)}, then delete remotely.</li>
 *   <li>Time comes only from the injected {@link java.time.Clock} (start times, backoff, durations)
 *       and the injected {@link java.util.concurrent.ScheduledExecutorService} (the one start timer
 *       and the timeouts of blocking calls), so tests advance a fake clock instead of sleeping.</li>
 * </ul>
 *
 * <h2>Locking</h2>
 * One {@link java.util.concurrent.locks.ReentrantLock} per queue guards all mutable state. The
 * bookkeeping lives in {@code QueueState} (entries by path, the waiting entries ordered by start time,
 * the running attempts, the pauses), which has no threads and never blocks: every one of its methods
 * runs with the lock held. {@code StartTimer} (the single start timer) is guarded by the same lock.
 * {@code WritebackQueue} takes the lock only for bookkeeping, never while calling the upload action, a
 * listener, or {@code workers.execute}; its methods named {@code ...Locked} expect it held. Blocking
 * calls ({@code cancel}, {@code pauseAndDrain}, {@code awaitIdle}) wait on the lock's one condition,
 * which every change signals. There is no second lock, so there is no lock order to keep.
 * <ul>
 *   <li>Every change follows one pattern: lock, mutate, start what became due (choosing attempts and
 *       re-arming the timer), unlock, then hand the started attempts to the workers and deliver events.</li>
 *   <li>Workers run the action unlocked; they take the lock just before it (so that cancel can reach
 *       them) and once after it, to record the outcome.</li>
 *   <li>Progress writes a volatile counter without locking; listener events for it are throttled.</li>
 *   <li>Listener events are queued while the lock is held, so their order is the order of the changes,
 *       and delivered after it is released by one thread at a time ({@code Listeners}). Listeners may
 *       call the queue.</li>
 *   <li>Cancel interrupts the attempt's worker under the lock, and only while that worker is inside the
 *       action; the worker clears that interrupt under the lock before it takes another task.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Executors are injected; {@link io.cloudmount.engine.writeback.WritebackThreads} makes daemon ones
 * named {@code writeback-<n>}. The queue copies the MDC of the thread that created it (the drive id)
 * onto its tasks.
 */
package io.cloudmount.engine.writeback;
