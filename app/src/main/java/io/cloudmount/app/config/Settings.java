package io.cloudmount.app.config;

import io.cloudmount.app.drive.DriveConfig;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The app's settings and drives as observable values that save themselves: controllers bind to the
 * properties and never call "save". Every change hands a fresh {@link ConfigFile} snapshot to
 * {@code onChange} (the {@link DebouncedSaver}); the snapshot is taken on the changing thread (the FX
 * thread), so the saver never reads properties concurrently. A new setting touches this class and
 * {@link ConfigFile.SettingsJson} only.
 */
public final class Settings {
    private final StringProperty cacheDirectory = new SimpleStringProperty(this, "cacheDirectory");
    private final LongProperty cacheSizeBytes = new SimpleLongProperty(this, "cacheSizeBytes");
    private final BooleanProperty startAtLogin = new SimpleBooleanProperty(this, "startAtLogin");
    private final StringProperty logLevel = new SimpleStringProperty(this, "logLevel");
    private final BooleanProperty demoOffered = new SimpleBooleanProperty(this, "demoOffered");
    private final ObservableList<DriveConfig> drives = FXCollections.observableArrayList();

    public Settings(ConfigFile initial, Consumer<ConfigFile> onChange) {
        ConfigFile.SettingsJson s = initial.settings();
        cacheDirectory.set(s.cacheDirectory());
        cacheSizeBytes.set(s.cacheSizeBytes());
        startAtLogin.set(s.startAtLogin());
        logLevel.set(s.logLevel());
        demoOffered.set(s.demoOffered());
        drives.setAll(initial.drives());
        for (Observable o : List.<Observable>of(cacheDirectory, cacheSizeBytes, startAtLogin, logLevel, demoOffered, drives)) {
            o.addListener(changed -> onChange.accept(snapshot()));
        }
    }

    public ConfigFile snapshot() {
        return new ConfigFile(ConfigFile.CURRENT_VERSION, new ConfigFile.SettingsJson(cacheDirectory.get(),
                cacheSizeBytes.get(), startAtLogin.get(), logLevel.get(), demoOffered.get()), List.copyOf(drives));
    }

    public StringProperty cacheDirectory() {
        return cacheDirectory;
    }

    public LongProperty cacheSizeBytes() {
        return cacheSizeBytes;
    }

    public BooleanProperty startAtLogin() {
        return startAtLogin;
    }

    public StringProperty logLevel() {
        return logLevel;
    }

    public BooleanProperty demoOffered() {
        return demoOffered;
    }

    /** The configured drives in display order; replace an element to edit a drive. */
    public ObservableList<DriveConfig> drives() {
        return drives;
    }

    public Optional<DriveConfig> drive(String id) {
        return drives.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** Adds the drive, or replaces the one with the same id in place. */
    public void putDrive(DriveConfig drive) {
        for (int i = 0; i < drives.size(); i++) {
            if (drives.get(i).id().equals(drive.id())) {
                drives.set(i, drive);
                return;
            }
        }
        drives.add(drive);
    }
}
