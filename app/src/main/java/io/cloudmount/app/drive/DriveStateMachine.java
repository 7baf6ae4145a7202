package io.cloudmount.app.drive;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One drive's state, changed only by compare-and-set: a mount starts only if the drive is still
 * unmounted when the click is handled, however many clicks (window, tray, CLI) race for it.
 * Every accepted change is handed to the listener, which the app runs on the FX thread.
 */
final class DriveStateMachine {
    private final AtomicReference<DriveStatus> current = new AtomicReference<>(DriveStatus.UNMOUNTED);
    private final Consumer<DriveStatus> listener;

    DriveStateMachine(Consumer<DriveStatus> listener) {
        this.listener = listener;
    }

    DriveStatus current() {
        return current.get();
    }

    /** Moves to {@code next} only if the state is {@code expected} now; says whether it did. */
    boolean transition(DriveState expected, DriveStatus next) {
        while (true) {
            DriveStatus now = current.get();
            if (now.state() != expected) {
                return false;
            }
            if (current.compareAndSet(now, next)) {
                listener.accept(next);
                return true;
            }
        }
    }

    /** Moves to {@code next} from whichever state allows a mount (unmounted or error). */
    boolean startMount(DriveStatus next) {
        return transition(DriveState.UNMOUNTED, next) || transition(DriveState.ERROR, next);
    }
}
