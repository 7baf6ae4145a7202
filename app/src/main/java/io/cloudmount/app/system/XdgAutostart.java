package io.cloudmount.app.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ~/.config/autostart/cloudmount.desktop} (the freedesktop.org Desktop Application Autostart
 * Specification): desktops start every entry there at login.
 */
public final class XdgAutostart implements Autostart {
    private final Path entry;
    private final String command;

    public XdgAutostart(Path entry, String command) {
        this.entry = entry;
        this.command = command;
    }

    @Override
    public boolean isEnabled() {
        return Files.isRegularFile(entry);
    }

    @Override
    public void enable() throws IOException {
        Files.createDirectories(entry.getParent());
        String text = """
                [Desktop Entry]
                Type=Application
                Name=CloudMount
                Comment=Mounts cloud and local storage as drives
                Exec=%s
                Icon=cloudmount
                Terminal=false
                X-GNOME-Autostart-enabled=true
                """.formatted(command);
        Path temp = Files.createTempFile(entry.getParent(), "cloudmount", ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, entry, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void disable() throws IOException {
        Files.deleteIfExists(entry);
    }

    @Override
    public String describe() {
        return entry.toString();
    }
}
