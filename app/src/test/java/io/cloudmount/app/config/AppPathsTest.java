package io.cloudmount.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppPathsTest {
    @Test
    void linuxUsesXdgFoldersWhenSet() {
        AppPaths paths = AppPaths.resolve(Map.of("XDG_CONFIG_HOME", "/x/config", "XDG_STATE_HOME", "/x/state",
                "XDG_CACHE_HOME", "/x/cache"), "/home/me", "Linux", null);

        assertThat(paths.configFile()).isEqualTo(Path.of("/x/config/cloudmount/config.json"));
        assertThat(paths.logDir()).isEqualTo(Path.of("/x/state/cloudmount/logs"));
        assertThat(paths.defaultCacheDir()).isEqualTo(Path.of("/x/cache/cloudmount"));
    }

    @Test
    void linuxFallsBackToHomeAndIgnoresRelativeXdgValues() {
        AppPaths paths = AppPaths.resolve(Map.of("XDG_CONFIG_HOME", "relative"), "/home/me", "Linux", null);

        assertThat(paths.configFile()).isEqualTo(Path.of("/home/me/.config/cloudmount/config.json"));
        assertThat(paths.logDir()).isEqualTo(Path.of("/home/me/.local/state/cloudmount/logs"));
    }

    @Test
    void windowsUsesAppData() {
        AppPaths paths = AppPaths.resolve(Map.of("APPDATA", "C:/Users/me/AppData/Roaming",
                "LOCALAPPDATA", "C:/Users/me/AppData/Local"), "C:/Users/me", "Windows 11", null);

        assertThat(paths.configDir()).isEqualTo(Path.of("C:/Users/me/AppData/Roaming/CloudMount"));
        assertThat(paths.logDir()).isEqualTo(Path.of("C:/Users/me/AppData/Local/CloudMount/logs"));
    }

    @Test
    void theOverrideMovesEverything() {
        AppPaths paths = AppPaths.resolve(Map.of("XDG_CONFIG_HOME", "/x"), "/home/me", "Linux", "/tmp/cm");

        assertThat(paths.configFile()).isEqualTo(Path.of("/tmp/cm/config.json"));
        assertThat(paths.logDir()).startsWithRaw(Path.of("/tmp/cm"));
    }
}
