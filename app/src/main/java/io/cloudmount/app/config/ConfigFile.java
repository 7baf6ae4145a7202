package io.cloudmount.app.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.cloudmount.app.drive.DriveConfig;
import java.util.List;

/**
 * The JSON document in {@code config.json}: plain data with defaults, no behaviour. {@code version}
 * lets a later release migrate older files; a file from a newer release is read as far as it is
 * understood and backed up before it is overwritten ({@link ConfigStore}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConfigFile(int version, SettingsJson settings, List<DriveConfig> drives) {
    public static final int CURRENT_VERSION = 1;

    public ConfigFile {
        settings = settings == null ? SettingsJson.DEFAULTS : settings;
        drives = drives == null ? List.of() : List.copyOf(drives);
    }

    public static ConfigFile empty() {
        return new ConfigFile(CURRENT_VERSION, SettingsJson.DEFAULTS, List.of());
    }

    /**
     * App-wide settings.
     *
     * @param cacheDirectory  where drives keep cached data; empty means the platform default
     * @param cacheSizeBytes  total disk cache limit across drives
     * @param startAtLogin    start the app (in the tray) when the user logs in
     * @param logLevel        level of CloudMount's own loggers: ERROR, WARN, INFO, DEBUG or TRACE
     * @param demoOffered     the first-start offer of a demo drive was answered
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SettingsJson(String cacheDirectory, long cacheSizeBytes, boolean startAtLogin, String logLevel,
                               boolean demoOffered) {
        public static final long DEFAULT_CACHE_BYTES = 10L << 30;
        public static final SettingsJson DEFAULTS = new SettingsJson("", DEFAULT_CACHE_BYTES, false, "INFO", false);

        public SettingsJson {
            cacheDirectory = cacheDirectory == null ? "" : cacheDirectory;
            cacheSizeBytes = cacheSizeBytes <= 0 ? DEFAULT_CACHE_BYTES : cacheSizeBytes;
            logLevel = logLevel == null || logLevel.isBlank() ? "INFO" : logLevel;
        }
    }
}
