package io.cloudmount.app.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where CloudMount keeps things, per the platform's conventions:
 * <ul>
 * <li>configuration: {@code $XDG_CONFIG_HOME/cloudmount} (default {@code ~/.config/cloudmount});
 *     Windows {@code %APPDATA%\CloudMount};</li>
 * <li>logs: {@code $XDG_STATE_HOME/cloudmount/logs} (default {@code ~/.local/state});
 *     Windows {@code %LOCALAPPDATA%\CloudMount\logs};</li>
 * <li>default data cache: {@code $XDG_CACHE_HOME/cloudmount} (default {@code ~/.cache});
 *     Windows {@code %LOCALAPPDATA%\CloudMount\cache}.</li>
 * </ul>
 * The system property {@code cloudmount.config.dir} moves everything under one folder (tests, portable use).
 */
public record AppPaths(Path configDir, Path logDir, Path defaultCacheDir) {

    public static AppPaths forCurrentUser() {
        return resolve(System.getenv(), System.getProperty("user.home"), System.getProperty("os.name", ""),
                System.getProperty("cloudmount.config.dir"));
    }

    static AppPaths resolve(Map<String, String> env, String home, String osName, String override) {
        if (override != null && !override.isBlank()) {
            Path base = Path.of(override);
            return new AppPaths(base, base.resolve("logs"), base.resolve("cache"));
        }
        if (osName.toLowerCase(Locale.ROOT).startsWith("windows")) {
            Path roaming = Path.of(env.getOrDefault("APPDATA", home + "\\AppData\\Roaming"));
            Path local = Path.of(env.getOrDefault("LOCALAPPDATA", home + "\\AppData\\Local"));
            return new AppPaths(roaming.resolve("CloudMount"), local.resolve("CloudMount").resolve("logs"),
                    local.resolve("CloudMount").resolve("cache"));
        }
        return new AppPaths(xdg(env, "XDG_CONFIG_HOME", home, ".config").resolve("cloudmount"),
                xdg(env, "XDG_STATE_HOME", home, ".local/state").resolve("cloudmount").resolve("logs"),
                xdg(env, "XDG_CACHE_HOME", home, ".cache").resolve("cloudmount"));
    }

    public Path configFile() {
        return configDir.resolve("config.json");
    }

    /** XDG says: use the variable only if it is an absolute path. */
    private static Path xdg(Map<String, String> env, String variable, String home, String fallback) {
        String value = env.get(variable);
        if (value != null && !value.isBlank() && Path.of(value).isAbsolute()) {
            return Path.of(value);
        }
        return Path.of(home).resolve(fallback);
    }
}
