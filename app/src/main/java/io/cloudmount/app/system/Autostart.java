package io.cloudmount.app.system;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Starting the app when the user logs in: an XDG autostart entry on Linux, the Run key on Windows. */
public interface Autostart {

    boolean isEnabled() throws IOException;

    void enable() throws IOException;

    void disable() throws IOException;

    /** Where the entry lives, for the settings window. */
    String describe();

    default void set(boolean enabled) throws IOException {
        if (enabled) {
            enable();
        } else {
            disable();
        }
    }

    /** This platform's autostart for {@code launchCommand} (the app's launcher, as a shell command line). */
    static Autostart forCurrentUser(String launchCommand) {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return new WindowsRunKey(launchCommand);
        }
        Map<String, String> env = System.getenv();
        String configHome = env.get("XDG_CONFIG_HOME");
        Path base = configHome != null && Path.of(configHome).isAbsolute()
                ? Path.of(configHome) : Path.of(System.getProperty("user.home"), ".config");
        return new XdgAutostart(base.resolve("autostart").resolve("cloudmount.desktop"), launchCommand);
    }

    /**
     * The command that starts this app again: the installed launcher (jpackage sets
     * {@code jpackage.app-path}), or one named in {@code CLOUDMOUNT_LAUNCHER}, else this JVM with its
     * class path (a source checkout run through {@code ./cloudmount}).
     */
    static String currentLaunchCommand() {
        String installed = System.getProperty("jpackage.app-path");
        if (installed != null && !installed.isBlank()) {
            return quote(installed);
        }
        String launcher = System.getenv("CLOUDMOUNT_LAUNCHER");
        if (launcher != null && !launcher.isBlank()) {
            return quote(launcher);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return quote(java) + " --enable-native-access=ALL-UNNAMED -cp " + quote(System.getProperty("java.class.path"))
                + " io.cloudmount.app.Main";
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:=+-]+") ? s : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
