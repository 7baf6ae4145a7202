package io.cloudmount.provider.s3.testing;

import java.util.concurrent.atomic.AtomicInteger;

/** A fault for the next {@code times} requests that match; returned by {@link FaultyS3Proxy#inject}. */
public final class FaultRule {
    private final RequestMatch match;
    private final Fault fault;
    private final AtomicInteger remaining;
    private final AtomicInteger applied = new AtomicInteger();

    FaultRule(RequestMatch match, int times, Fault fault) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
        this.match = match;
        this.fault = fault;
        this.remaining = new AtomicInteger(times);
    }

    public Fault fault() {
        return fault;
    }

    /** How many requests this rule has hit so far. */
    public int applied() {
        return applied.get();
    }

    /** How many more matching requests it will hit. */
    public int remaining() {
        return remaining.get();
    }

    /** Takes one use if {@code method target} matches and uses are left. */
    boolean take(String method, String target) {
        if (!match.matches(method, target)) {
            return false;
        }
        if (remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) == 0) {
            return false;
        }
        applied.incrementAndGet();
        return true;
    }

    @Override
    public String toString() {
        return "FaultRule[" + fault + " on " + match + ", applied " + applied + ", remaining " + remaining + "]";
    }
}
