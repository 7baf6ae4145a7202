package io.cloudmount.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.app.drive.DriveConfig;
import io.cloudmount.app.drive.StorageSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    private final List<ConfigFile> saved = new ArrayList<>();
    private final Settings settings = new Settings(ConfigFile.empty(), saved::add);

    @Test
    void aChangedSettingSchedulesASaveOfTheNewValue() {
        settings.logLevel().set("DEBUG");

        assertThat(saved).hasSize(1);
        assertThat(saved.get(0).settings().logLevel()).isEqualTo("DEBUG");
    }

    @Test
    void addingAndEditingADriveSchedulesSaves() {
        DriveConfig drive = new DriveConfig("a", "A", new StorageSpec.Memory(1024), "/m/a", false, false, 0, false);

        settings.putDrive(drive);
        settings.putDrive(drive.withName("B"));

        assertThat(saved).hasSize(2);
        assertThat(saved.get(1).drives()).extracting(DriveConfig::name).containsExactly("B");
    }

    @Test
    void theSaverWritesOnlyTheLatestSnapshot(@TempDir Path dir) throws Exception {
        ConfigStore store = new ConfigStore(dir.resolve("config.json"));
        DebouncedSaver saver = new DebouncedSaver(store, Executors.newSingleThreadScheduledExecutor(), Duration.ofHours(1));
        Settings live = new Settings(ConfigFile.empty(), saver::schedule);

        live.cacheSizeBytes().set(1L << 30);
        live.cacheSizeBytes().set(2L << 30);
        assertThat(store.file()).doesNotExist(); // still waiting for the pause in changes
        saver.close();

        assertThat(store.load().settings().cacheSizeBytes()).isEqualTo(2L << 30);
    }
}
