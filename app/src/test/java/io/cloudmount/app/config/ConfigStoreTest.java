package io.cloudmount.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.app.drive.DriveConfig;
import io.cloudmount.app.drive.StorageSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStoreTest {
    @TempDir
    Path dir;

    static DriveConfig s3Drive() {
        return new DriveConfig("id-1", "Photos", new StorageSpec.S3("http://127.0.0.1:9000", "eu-west-1", "photos",
                "2024", StorageSpec.S3Auth.KEYS, "AKIAEXAMPLE", "", true), "/home/me/CloudMount/Photos", false, true,
                1L << 30, true);
    }

    @Test
    void aSavedConfigurationReadsBackEqual() throws Exception {
        ConfigStore store = new ConfigStore(dir.resolve("config.json"));
        ConfigFile config = new ConfigFile(ConfigFile.CURRENT_VERSION,
                new ConfigFile.SettingsJson("/var/cache/cm", 5L << 30, true, "DEBUG", true),
                List.of(s3Drive(), new DriveConfig("id-2", "Scratch", new StorageSpec.Memory(64L << 20), "/mnt/s",
                        false, false, 0, false), new DriveConfig("id-3", "Docs", new StorageSpec.Local("/srv/docs"),
                        "/mnt/d", false, false, 0, false)));

        store.save(config);

        assertThat(store.load()).isEqualTo(config);
        assertThat(Files.readString(store.file())).contains("\"version\" : 1").contains("\"type\" : \"s3\"");
    }

    @Test
    void theS3TimeSourceIsSavedAndOlderFilesWithoutItShowStoredTimes() throws Exception {
        ConfigStore store = new ConfigStore(dir.resolve("config.json"));
        DriveConfig serverTimes = new DriveConfig("id-9", "Archive", new StorageSpec.S3("", "us-east-1", "archive", "",
                StorageSpec.S3Auth.DEFAULT_CHAIN, "", "", false, true), "/mnt/a", false, false, 0, false);
        store.save(new ConfigFile(ConfigFile.CURRENT_VERSION, null, List.of(serverTimes)));
        assertThat(((StorageSpec.S3) store.load().drives().get(0).storage()).serverModTimes()).isTrue();

        // A file written before the setting existed has no such field.
        String older = Files.readString(store.file()).replaceAll(",\\s*\"serverModTimes\"\\s*:\\s*true", "");
        assertThat(older).doesNotContain("serverModTimes");
        Files.writeString(store.file(), older);

        assertThat(((StorageSpec.S3) store.load().drives().get(0).storage()).serverModTimes()).isFalse();
    }

    @Test
    void noFileMeansNoDrivesAndDefaultSettings() throws Exception {
        ConfigFile config = new ConfigStore(dir.resolve("config.json")).load();

        assertThat(config.drives()).isEmpty();
        assertThat(config.settings()).isEqualTo(ConfigFile.SettingsJson.DEFAULTS);
    }

    @Test
    void savingLeavesNoTemporaryFileBehind() throws Exception {
        ConfigStore store = new ConfigStore(dir.resolve("config.json"));

        store.save(ConfigFile.empty());
        store.save(ConfigFile.empty());

        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("config.json");
        }
    }

    /** Dotfile managers (GNU Stow, home-manager, a dotfiles repository) link config.json to a file elsewhere. */
    @Test
    void savingThroughASymbolicLinkWritesTheLinkedFileAndKeepsTheLink() throws Exception {
        Path dotfiles = Files.createDirectories(dir.resolve("dotfiles"));
        Path linked = dotfiles.resolve("cloudmount.json");
        Files.writeString(linked, "{\"version\": 1, \"drives\": []}");
        Path file = Files.createSymbolicLink(dir.resolve("config.json"), linked);
        ConfigStore store = new ConfigStore(file);
        ConfigFile config = new ConfigFile(ConfigFile.CURRENT_VERSION, null, List.of(s3Drive()));

        store.save(config);

        assertThat(file).isSymbolicLink();
        assertThat(new ConfigStore(linked).load()).isEqualTo(config);
        try (var files = Files.list(dotfiles)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("cloudmount.json");
        }
    }

    @Test
    void anUnreadableFileIsMovedAsideNotLost() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{ not json");

        ConfigFile config = new ConfigStore(file).load();

        assertThat(config.drives()).isEmpty();
        Path aside = copiesBeside("config.json.broken-").get(0);
        assertThat(Files.readString(aside)).isEqualTo("{ not json");
    }

    @Test
    void oneDriveThatCannotBeReadLeavesTheOthersLoadedAndTheFileCopiedAside() throws Exception {
        ConfigStore store = new ConfigStore(dir.resolve("config.json"));
        DriveConfig scratch = new DriveConfig("id-2", "Scratch", new StorageSpec.Memory(64L << 20), "/mnt/s",
                false, false, 0, false);
        store.save(new ConfigFile(ConfigFile.CURRENT_VERSION,
                new ConfigFile.SettingsJson("/var/cache/cm", 5L << 30, true, "DEBUG", true), List.of(s3Drive(), scratch)));
        // Edited by hand: the S3 drive's cache size made negative, a drive added without its storage.
        String edited = Files.readString(store.file()).replace("\"cacheBytes\" : 1073741824", "\"cacheBytes\" : -1")
                .replace("\"drives\" : [", "\"drives\" : [ { \"id\" : \"id-9\", \"name\" : \"Half\" },");
        assertThat(edited).contains("-1").contains("Half");
        Files.writeString(store.file(), edited);

        ConfigFile config = store.load();

        assertThat(config.drives()).containsExactly(scratch);
        assertThat(config.settings().cacheDirectory()).isEqualTo("/var/cache/cm");
        assertThat(copiesBeside("config.json.broken-")).singleElement().satisfies(aside ->
                assertThat(Files.readString(aside)).isEqualTo(edited));
    }

    @Test
    void readingTheSameFileAgainMakesNoSecondCopy() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"version\": 7, \"drives\": [{\"name\": \"Future\", \"storage\": {\"type\": \"webdav\"}}]}");
        var store = new ConfigStore(file);
        store.load();
        // A later second gives a later copy's name; the copy is found by its bytes, not its name.
        Path first = copiesBeside("config.json.newer-v7-").get(0);
        Files.move(first, first.resolveSibling("config.json.newer-v7-20200101-000000"));

        store.load();
        assertThat(copiesBeside("config.json.newer-v7-")).hasSize(1);

        Files.writeString(file, "{\"version\": 7, \"drives\": [{\"name\": \"Other\", \"storage\": {\"type\": \"webdav\"}}]}");
        store.load();
        assertThat(copiesBeside("config.json.newer-v7-")).hasSize(2);
    }

    @Test
    void aFileHoldingJustNullIsMovedAsideToo() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "null");

        ConfigFile config = new ConfigStore(file).load();

        assertThat(config.drives()).isEmpty();
        assertThat(copiesBeside("config.json.broken-")).isNotEmpty();
    }

    @Test
    void aFileFromANewerVersionIsReadAndBackedUp() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"version\": 7, \"futureSetting\": 1, \"drives\": []}");

        ConfigFile config = new ConfigStore(file).load();

        assertThat(config.version()).isEqualTo(7);
        assertThat(copiesBeside("config.json.newer-v7-")).isNotEmpty();
    }

    @Test
    void aNewerFileThisVersionCannotReadStaysWhereItIsWithACopyBeside() throws Exception {
        Path file = dir.resolve("config.json");
        String newer = "{\"version\": 9, \"drives\": [{\"id\": \"d1\", \"name\": \"Files\","
                + " \"storage\": {\"type\": \"webdav\", \"url\": \"https://example.org\"}}]}";
        Files.writeString(file, newer);

        ConfigFile config = new ConfigStore(file).load();

        assertThat(config.drives()).isEmpty();
        assertThat(file).as("the newer version still finds its drives").hasContent(newer);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("config.json.newer-v9-"))
                    .noneMatch(n -> n.contains("broken"));
        }
    }

    @Test
    void drivesAreFoundByNameIgnoringCase() throws Exception {
        ConfigStore store = new ConfigStore(dir.resolve("config.json"));
        store.save(new ConfigFile(1, null, List.of(s3Drive())));

        assertThat(store.findDrive("photos")).contains(s3Drive());
        assertThat(store.findDrive("videos")).isEmpty();
    }

    private List<Path> copiesBeside(String prefix) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
    }
}
