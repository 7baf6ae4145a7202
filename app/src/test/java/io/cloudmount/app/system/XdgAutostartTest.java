package io.cloudmount.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XdgAutostartTest {
    @Test
    void enablingWritesADesktopEntryAndDisablingRemovesIt(@TempDir Path dir) throws Exception {
        Path entry = dir.resolve("autostart/cloudmount.desktop");
        XdgAutostart autostart = new XdgAutostart(entry, "/opt/cloudmount/bin/cloudmount");

        autostart.enable();
        String text = Files.readString(entry);
        autostart.disable();

        assertThat(text).startsWith("[Desktop Entry]\n").contains("Type=Application\n")
                .contains("Exec=/opt/cloudmount/bin/cloudmount\n").contains("Name=CloudMount\n");
        assertThat(autostart.isEnabled()).isFalse();
    }
}
