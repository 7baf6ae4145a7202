package io.cloudmount.provider.memory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Page memory in use against a fixed capacity, shared by every file of one provider. Lock-free: a
 * reservation either takes all the bytes it asks for or none, so a failed write changes nothing.
 */
final class SpaceAccount {
    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    SpaceAccount(long capacity) {
        this.capacity = capacity;
    }

    /** Takes {@code bytes} from the free space; false (and nothing taken) if they do not fit. */
    boolean tryReserve(long bytes) {
        if (bytes <= 0) {
            return true;
        }
        while (true) {
            long current = used.get();
            if (current + bytes > capacity || current + bytes < 0) {
                return false;
            }
            if (used.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        if (bytes > 0) {
            used.addAndGet(-bytes);
        }
    }

    long capacity() {
        return capacity;
    }

    long used() {
        return used.get();
    }

    long free() {
        return Math.max(0, capacity - used.get());
    }
}
