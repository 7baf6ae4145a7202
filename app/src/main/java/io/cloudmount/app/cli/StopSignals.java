package io.cloudmount.app.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM as a counter, so that the first one means "unmount when the uploads are done"
 * and a second one means "unmount now, leave the uploads for the next mount". The JVM's default
 * handlers would exit with 130/143; we want exit 0 after a clean unmount.
 */
final class StopSignals {
    private final AtomicInteger count = new AtomicInteger();
    private final CountDownLatch first = new CountDownLatch(1);
    private volatile Runnable onSecond = () -> { };

    StopSignals install() {
        Signal.handle(new Signal("INT"), s -> signalled());
        Signal.handle(new Signal("TERM"), s -> signalled());
        return this;
    }

    /** Also counts as a stop request (the mount disappeared, e.g. fusermount3 -u). */
    void signalled() {
        if (count.incrementAndGet() >= 2) {
            onSecond.run();
        }
        first.countDown();
    }

    void awaitFirst() throws InterruptedException {
        first.await();
    }

    boolean repeated() {
        return count.get() >= 2;
    }

    void onSecond(Runnable action) {
        onSecond = action;
        if (repeated()) {
            action.run();
        }
    }
}
