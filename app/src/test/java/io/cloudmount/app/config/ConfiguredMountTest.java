package io.cloudmount.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.app.drive.DriveConfig;
import io.cloudmount.app.drive.StorageSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguredMountTest {
    @TempDir
    Path dir;

    private AppPaths paths() {
        return new AppPaths(dir, dir.resolve("logs"), dir.resolve("cache"));
    }

    @Test
    void mountNameAddsTheConfiguredMountPointAndOptions() throws Exception {
        ConfigStore store = new ConfigStore(dir.resolve("config.json"));
        Path mountPoint = dir.resolve("mnt/scratch");
        store.save(new ConfigFile(1, null, List.of(new DriveConfig("1", "Scratch", new StorageSpec.Memory(1L << 20),
                mountPoint.toString(), false, true, 0, false))));

        String[] args = ConfiguredMount.expand(new String[] {"mount", "scratch"}, paths());

        assertThat(args).containsExactly("mount", "scratch", mountPoint.toString(), "--volume-name", "Scratch",
                "--read-only", "--capacity", Long.toString(1L << 20));
        assertThat(mountPoint).isDirectory();
    }

    @Test
    void s3DrivesBringTheirEndpointAndRegion() throws Exception {
        ConfigStore store = new ConfigStore(dir.resolve("config.json"));
        store.save(new ConfigFile(1, null, List.of(new DriveConfig("1", "Photos", new StorageSpec.S3("http://h:9000",
                "eu-west-1", "photos", "", StorageSpec.S3Auth.PROFILE, "", "work", true), "/m/p", false, false, 0, false))));

        String[] args = ConfiguredMount.expand(new String[] {"mount", "Photos"}, paths());

        assertThat(args).containsSubsequence("--endpoint", "http://h:9000").containsSubsequence("--region", "eu-west-1")
                .contains("--path-style").containsSubsequence("--profile", "work")
                .containsSubsequence("--cache-dir", dir.resolve("cache/1").toString())
                .containsSubsequence("--cache-size", Long.toString(ConfigFile.SettingsJson.DEFAULT_CACHE_BYTES))
                .doesNotContain("--use-server-modtime");
    }

    @Test
    void anS3DriveShowingUploadTimesMountsWithServerTimes() throws Exception {
        ConfigStore store = new ConfigStore(dir.resolve("config.json"));
        store.save(new ConfigFile(1, null, List.of(new DriveConfig("1", "Archive", new StorageSpec.S3("", "us-east-1",
                "archive", "", StorageSpec.S3Auth.DEFAULT_CHAIN, "", "", false, true), "/m/a", false, false, 0, false))));

        String[] args = ConfiguredMount.expand(new String[] {"mount", "Archive"}, paths());

        assertThat(args).contains("--use-server-modtime");
    }

    @Test
    void aDriveMountedElsewhereOrWithMoreOptionsKeepsItsSettings() throws Exception {
        ConfigStore store = new ConfigStore(dir.resolve("config.json"));
        store.save(new ConfigFile(1, null, List.of(new DriveConfig("1", "Photos", new StorageSpec.S3("http://h:9000",
                "eu-west-1", "photos", "", StorageSpec.S3Auth.PROFILE, "", "work", true), "/m/p", false, false, 0, false))));

        String[] elsewhere = ConfiguredMount.expand(new String[] {"mount", "Photos", "/mnt/other"}, paths());
        String[] withDelay = ConfiguredMount.expand(new String[] {"mount", "Photos", "--write-back", "10s"}, paths());

        assertThat(elsewhere).containsSubsequence("mount", "Photos", "/mnt/other")
                .containsSubsequence("--endpoint", "http://h:9000").doesNotContain("/m/p");
        assertThat(withDelay).containsSubsequence("--write-back", "10s", "/m/p")
                .containsSubsequence("--endpoint", "http://h:9000");
    }

    @Test
    void otherCommandLinesAreLeftAlone() throws Exception {
        String[][] untouched = {{"mount", "memory:", "/mnt/x"}, {"list"}, {"mount", "unknown-name"}};

        for (String[] args : untouched) {
            assertThat(ConfiguredMount.expand(args, paths())).containsExactly(args);
        }
    }
}
