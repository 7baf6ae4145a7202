package io.cloudmount.app.ui.common;

import javafx.application.Platform;

/** Guards for code that must (or must never) run on the FX application thread. */
public final class FxThread {
    private FxThread() {
    }

    public static void assertFx() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("must run on the JavaFX application thread, not " + Thread.currentThread().getName());
        }
    }

    /** Runs now if on the FX thread, else queues it there. */
    public static void run(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }
}
