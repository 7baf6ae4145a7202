package io.cloudmount.engine.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    @Test
    void doublesPerFailureWithUpToHalfTakenOffAtRandom() {
        assertThat(backoff.delay(1, 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delay(1, 0.999)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
        assertThat(backoff.delay(2, 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(4, 0.0)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void isCappedAtTheMaximumEvenAfterVeryManyFailures() {
        assertThat(backoff.delay(10, 0.0)).isEqualTo(Duration.ofSeconds(150));
        assertThat(backoff.delay(64, 0.5)).isEqualTo(Duration.ofSeconds(225));
        assertThat(backoff.delay(Integer.MAX_VALUE, 0.999)).isLessThan(Duration.ofMinutes(5));
    }
}
