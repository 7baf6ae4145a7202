package io.cloudmount.app.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cloudmount.app.drive.DriveConfig;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@code config.json}, shared by the app and the CLI. Writes are atomic (a temp file
 * in the same folder, then a rename), so a crash or a full disk leaves the old file, never half a
 * new one. Secrets are never part of it ({@link io.cloudmount.app.secrets.SecretStore}).
 */
public final class ConfigStore {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigStore.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;

    public ConfigStore(Path file) {
        this.file = file;
    }

    public static ConfigStore forCurrentUser() {
        return new ConfigStore(AppPaths.forCurrentUser().configFile());
    }

    public Path file() {
        return file;
    }

    /**
     * The configuration; an empty one if there is no file yet. A file that cannot be parsed is moved
     * aside ({@code config.json.broken-<time>}) so that saving does not destroy what the user may
     * want to repair, and an empty configuration is returned.
     */
    public ConfigFile load() throws IOException {
        if (!Files.exists(file)) {
            return ConfigFile.empty();
        }
        try {
            ConfigFile config = JSON.readValue(file.toFile(), ConfigFile.class);
            if (config == null) { // the file says just "null"
                return setAsideBroken("it holds no settings");
            }
            if (config.version() > ConfigFile.CURRENT_VERSION) {
                Path backup = keepCopy("newer-v" + config.version());
                LOG.warn("{} was written by a newer CloudMount (format {}); settings this version does not know"
                        + " will be dropped on save; a copy is in {}", file, config.version(), backup);
            }
            return config;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            JsonNode root = treeOrNull();
            int version = root == null ? 0 : root.path("version").asInt(0);
            if (version > ConfigFile.CURRENT_VERSION) {
                // A newer CloudMount's file (a storage kind this version does not know): not broken. It stays
                // where that version looks for it; this one starts without drives.
                Path backup = keepCopy("newer-v" + version);
                LOG.warn("{} was written by a newer CloudMount (format {}) and this version cannot read it ({});"
                        + " CloudMount starts with no drives; a copy is in {}", file, version, e.getOriginalMessage(),
                        backup);
                return ConfigFile.empty();
            }
            Optional<ConfigFile> salvaged = salvage(root, e.getOriginalMessage());
            return salvaged.isPresent() ? salvaged.get() : setAsideBroken(e.getOriginalMessage());
        }
    }

    /**
     * A file whose JSON is sound but some part of it is not (one drive edited by hand with a wrong field):
     * the drives that read well load, the others are named in the log, and the file is copied aside with
     * them, so one bad entry does not take every drive away. Empty if there is nothing to salvage.
     */
    private Optional<ConfigFile> salvage(JsonNode root, String why) throws IOException {
        if (root == null || !root.isObject() || !(root.path("drives").isArray() || root.path("drives").isMissingNode())) {
            return Optional.empty();
        }
        List<String> lost = new ArrayList<>();
        ConfigFile.SettingsJson settings = ConfigFile.SettingsJson.DEFAULTS;
        if (root.hasNonNull("settings")) {
            try {
                settings = JSON.treeToValue(root.get("settings"), ConfigFile.SettingsJson.class);
            } catch (IOException | IllegalArgumentException e) {
                lost.add("the app settings (back to their defaults)");
            }
        }
        List<DriveConfig> drives = new ArrayList<>();
        for (JsonNode drive : root.path("drives")) {
            try {
                drives.add(Objects.requireNonNull(JSON.treeToValue(drive, DriveConfig.class)));
            } catch (IOException | IllegalArgumentException | NullPointerException e) {
                String name = drive.path("name").asText("");
                lost.add(name.isBlank() ? "a drive without a name" : "the drive '" + name + "'");
            }
        }
        Path copy = keepCopy("broken");
        LOG.error("{} could not be read in full ({}): {} left out; {} drive(s) load; the whole file is kept as {}",
                file, why, String.join(", ", lost), drives.size(), copy);
        return Optional.of(new ConfigFile(root.path("version").asInt(ConfigFile.CURRENT_VERSION), settings, drives));
    }

    private ConfigFile setAsideBroken(String why) throws IOException {
        Path broken = aside("broken");
        Files.move(file, broken, StandardCopyOption.REPLACE_EXISTING);
        LOG.error("{} could not be read ({}); it was moved to {} and CloudMount starts with no drives", file, why, broken);
        return ConfigFile.empty();
    }

    /** The file's JSON tree, or {@code null} if it is not JSON at all. */
    private JsonNode treeOrNull() {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException notJson) {
            return null;
        }
    }

    /** A configured drive by name, ignoring case (what {@code cloudmount mount NAME} looks up). */
    public Optional<DriveConfig> findDrive(String name) throws IOException {
        return load().drives().stream().filter(d -> d.name().equalsIgnoreCase(name.strip())).findFirst();
    }

    public void save(ConfigFile config) throws IOException {
        // A config.json that links elsewhere (a dotfiles repository) is written where it points: the rename
        // would otherwise replace the link with a file of its own.
        Path target = Files.isSymbolicLink(file) ? file.toRealPath() : file;
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        ConfigFile current = new ConfigFile(ConfigFile.CURRENT_VERSION, config.settings(), config.drives());
        Path temp = Files.createTempFile(dir, "config", ".tmp");
        try {
            JSON.writeValue(temp.toFile(), current);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A copy of the file beside it, named for {@code why}: an earlier copy with the same bytes if there is
     * one, since the file is read at every start and by every CLI command until the next save.
     */
    private Path keepCopy(String why) throws IOException {
        String prefix = file.getFileName() + "." + why + "-";
        byte[] bytes = Files.readAllBytes(file);
        try (var siblings = Files.list(file.toAbsolutePath().getParent())) {
            for (Path sibling : (Iterable<Path>) siblings::iterator) {
                if (sibling.getFileName().toString().startsWith(prefix) && Files.isRegularFile(sibling)
                        && Arrays.equals(Files.readAllBytes(sibling), bytes)) {
                    return sibling;
                }
            }
        }
        Path copy = aside(why);
        Files.write(copy, bytes);
        return copy;
    }

    private Path aside(String why) {
        String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        return file.resolveSibling(file.getFileName() + "." + why + "-" + time);
    }
}
