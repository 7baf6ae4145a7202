package io.cloudmount.fuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelReadAheadTest {
    @TempDir
    Path bdi;

    @Test
    void raisesTheDefaultToOneRequest() throws Exception {
        Path setting = setting("0:57", "128\n");
        KernelReadAhead.raiseDevice("0:57", bdi);
        assertThat(Files.readString(setting)).isEqualTo("1024");
    }

    @Test
    void keepsALargerValueSetByTheUser() throws Exception {
        Path setting = setting("0:57", "8192\n");
        KernelReadAhead.raiseDevice("0:57", bdi);
        assertThat(Files.readString(setting)).isEqualTo("8192\n");
    }

    @Test
    void aDeviceWithoutTheSettingIsLeftAlone() {
        assertThatCode(() -> KernelReadAhead.raiseDevice("0:58", bdi)).doesNotThrowAnyException();
    }

    private Path setting(String device, String value) throws Exception {
        Path file = Files.createDirectories(bdi.resolve(device)).resolve("read_ahead_kb");
        return Files.writeString(file, value);
    }
}
