package io.cloudmount.engine.writeback;

import java.time.Duration;

/**
 * Exponential backoff with "equal jitter": after {@code n} consecutive failures the cap is
 * {@code initial * 2^(n-1)}, at most {@code max}, and the wait is uniformly random in
 * {@code [cap/2, cap)}. Half the cap keeps retries from hammering a store that is down; the random
 * half keeps many files that failed together from retrying in lockstep.
 */
record Backoff(Duration initial, Duration max) {

    /**
     * @param failures consecutive failed attempts, at least 1
     * @param random   a number in {@code [0, 1)}
     */
    Duration delay(int failures, double random) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1: " + failures);
        }
        long initialNanos = initial.toNanos();
        long maxNanos = max.toNanos();
        int shift = Math.min(failures - 1, 62);
        long cap = initialNanos > (maxNanos >> shift) ? maxNanos : Math.min(maxNanos, initialNanos << shift);
        long half = cap / 2;
        return Duration.ofNanos(cap - half + (long) (random * half));
    }
}
