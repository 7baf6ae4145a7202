package io.cloudmount.app.ui;

import java.awt.SystemTray;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;

/**
 * Window tests need a display. {@code mvn verify} runs them in a JVM started by
 * {@code app/src/test/xvfb/bin/java}, which gives it a private Xvfb and a tray host; run elsewhere
 * (an IDE) they use the developer's DISPLAY. Without any display they skip, saying what to do.
 * Also starts the JavaFX toolkit (through TestFX) once per JVM.
 */
public final class XvfbDisplay implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) throws TimeoutException {
        String display = System.getenv("DISPLAY");
        Assumptions.assumeTrue(display != null && !display.isBlank(),
                "No display for the window tests: install Xvfb and trayer (apt-get install xvfb trayer) and run"
                        + " mvn verify, which starts them (see app/src/test/xvfb/bin/java), or set DISPLAY");
        FxToolkit.registerPrimaryStage();
    }

    /** Waits for the tray host (trayer starts beside the JVM and may still be claiming the tray). */
    public static boolean trayHostReady(Duration timeout) {
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(SystemTray::isSupported);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }
}
