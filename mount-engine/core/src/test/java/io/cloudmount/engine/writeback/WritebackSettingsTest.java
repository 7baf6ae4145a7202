package io.cloudmount.engine.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WritebackSettingsTest {

    @Test
    void defaultsAreFiveSecondsFourUploadsRetryForever() {
        assertThat(WritebackSettings.defaults()).isEqualTo(new WritebackSettings(Duration.ofSeconds(5), 4, 0,
                Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(10)));
    }

    @Test
    void rejectsSettingsThatCannotWorkNamingTheSetting() {
        WritebackSettings base = WritebackSettings.defaults();
        assertThatThrownBy(() -> base.withMaxConcurrent(0)).hasMessageContaining("maxConcurrent");
        assertThatThrownBy(() -> base.withDelay(Duration.ofSeconds(-1))).hasMessageContaining("delay");
        assertThatThrownBy(() -> base.withMaxAttempts(-1)).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> base.withBackoff(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("initialBackoff");
        assertThatThrownBy(() -> base.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("maxBackoff");
    }
}
