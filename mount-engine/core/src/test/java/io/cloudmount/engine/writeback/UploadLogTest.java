package io.cloudmount.engine.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.provider.ProviderException;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UploadLogTest {

    @Test
    void sizesUseBinaryUnitsWithOneDecimal() {
        assertThat(UploadLog.bytes(512)).isEqualTo("512 B");
        assertThat(UploadLog.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(UploadLog.bytes(12_897_485)).isEqualTo("12.3 MiB");
        assertThat(UploadLog.bytes(-1)).isEqualTo("0 B");
    }

    @Test
    void durationsAreSecondsWithOneDecimal() {
        assertThat(UploadLog.seconds(Duration.ofMillis(2_140))).isEqualTo("2.1 s");
    }

    @Test
    void reasonsKeepProviderMessagesAndNameOtherErrors() {
        assertThat(UploadLog.describe(new ProviderException.NotFound("/a"))).isEqualTo("no such file or directory: /a");
        assertThat(UploadLog.describe(new IOException())).isEqualTo("IOException");
    }
}
