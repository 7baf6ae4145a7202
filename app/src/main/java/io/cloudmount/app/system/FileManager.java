package io.cloudmount.app.system;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a folder or a link in the user's file manager or browser. Runs {@code xdg-open} (Linux) or
 * {@code explorer}/{@code rundll32} (Windows) rather than AWT's Desktop, which on Linux needs GNOME
 * libraries that many desktops lack and blocks the calling thread.
 */
public final class FileManager {
    private static final Logger LOG = LoggerFactory.getLogger(FileManager.class);
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private FileManager() {
    }

    /** False when no file manager could be started (the caller tells the user where the folder is). */
    public static boolean open(Path folder) {
        return launch(WINDOWS ? List.of("explorer.exe", folder.toString()) : List.of("xdg-open", folder.toString()));
    }

    public static void browse(String url) {
        launch(WINDOWS ? List.of("rundll32", "url.dll,FileProtocolHandler", url) : List.of("xdg-open", url));
    }

    private static boolean launch(List<String> command) {
        try {
            new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return true;
        } catch (IOException e) {
            LOG.warn("Could not run {}: {}. Open {} yourself.", command.get(0), e.getMessage(), command.get(command.size() - 1));
            return false;
        }
    }
}
