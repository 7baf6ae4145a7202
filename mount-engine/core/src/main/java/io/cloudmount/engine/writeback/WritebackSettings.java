package io.cloudmount.engine.writeback;

import java.time.Duration;
import java.util.Objects;

/**
 * How the write-back queue schedules uploads.
 *
 * @param delay          how long after the last {@link WritebackQueue#enqueue enqueue} of a path its
 *                       upload starts; repeated saves within the delay coalesce into one upload
 * @param maxConcurrent  at most this many uploads run at once
 * @param maxAttempts    attempts before a retryable failure becomes final; 0 retries forever
 * @param initialBackoff wait after the first failed attempt; doubles per further failure
 * @param maxBackoff     cap of the backoff (before jitter)
 * @param drainTimeout   how long {@link WritebackQueue#cancel cancel} and
 *                       {@link WritebackQueue#pauseAndDrain pauseAndDrain} wait for a running upload
 */
public record WritebackSettings(Duration delay, int maxConcurrent, int maxAttempts, Duration initialBackoff,
                                Duration maxBackoff, Duration drainTimeout) {

    public WritebackSettings {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1: " + maxConcurrent);
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts must be 0 (forever) or positive: " + maxAttempts);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be positive: " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff (" + maxBackoff + ") must not be below initialBackoff (" + initialBackoff + ")");
        }
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drainTimeout must not be negative: " + drainTimeout);
        }
    }

    /** 5 s delay, 4 concurrent uploads, retry forever, backoff 1 s to 5 min, drain timeout 10 min. */
    public static WritebackSettings defaults() {
        return new WritebackSettings(Duration.ofSeconds(5), 4, 0, Duration.ofSeconds(1), Duration.ofMinutes(5),
                Duration.ofMinutes(10));
    }

    public WritebackSettings withDelay(Duration newDelay) {
        return new WritebackSettings(newDelay, maxConcurrent, maxAttempts, initialBackoff, maxBackoff, drainTimeout);
    }

    public WritebackSettings withMaxConcurrent(int newMaxConcurrent) {
        return new WritebackSettings(delay, newMaxConcurrent, maxAttempts, initialBackoff, maxBackoff, drainTimeout);
    }

    public WritebackSettings withMaxAttempts(int newMaxAttempts) {
        return new WritebackSettings(delay, maxConcurrent, newMaxAttempts, initialBackoff, maxBackoff, drainTimeout);
    }

    public WritebackSettings withBackoff(Duration newInitial, Duration newMax) {
        return new WritebackSettings(delay, maxConcurrent, maxAttempts, newInitial, newMax, drainTimeout);
    }

    public WritebackSettings withDrainTimeout(Duration newDrainTimeout) {
        return new WritebackSettings(delay, maxConcurrent, maxAttempts, initialBackoff, maxBackoff, newDrainTimeout);
    }
}
