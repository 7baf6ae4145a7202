package io.cloudmount.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudmount.app.config.ConfigFile;
import io.cloudmount.app.config.ConfigStore;
import io.cloudmount.app.drive.DriveConfig;
import io.cloudmount.app.drive.StorageSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI sees the drives configured in the app: {@code cloudmount mount NAME} and {@code cloudmount list}. */
class ConfiguredDrivesCliTest {
    @TempDir
    Path dir;

    @BeforeEach
    void configure() throws Exception {
        System.setProperty("cloudmount.config.dir", dir.toString());
        new ConfigStore(dir.resolve("config.json")).save(new ConfigFile(1, null, List.of(
                new DriveConfig("1", "Scratch", new StorageSpec.Memory(1L << 20), "/mnt/scratch", false, false, 0, false),
                new DriveConfig("2", "Docs", new StorageSpec.Local("/srv/docs"), "/mnt/docs", false, false, 0, false))));
    }

    @AfterEach
    void restore() {
        System.clearProperty("cloudmount.config.dir");
    }

    @Test
    void aConfiguredNameIsASource() throws Exception {
        assertThat(Source.parse("scratch")).isEqualTo(new Source.Memory());
        assertThat(Source.parse("Docs")).isEqualTo(new Source.Local(Path.of("/srv/docs")));
        assertThatThrownBy(() -> Source.parse("nothing")).hasMessageContaining("the name of a drive configured in the app");
    }

    @Test
    void listShowsTheConfiguredDrives() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(CloudMountCommand.run("list")).isZero();
        } finally {
            System.setOut(original);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Configured drives (cloudmount mount NAME):")
                .contains("Scratch\tMemory 1 MB\t/mnt/scratch").contains("Docs\tLocal folder /srv/docs\t/mnt/docs");
    }
}
