package io.cloudmount.provider.s3;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MtimeMetadataTest {

    @Test
    void formatsSecondsWithNineFractionDigitsLikeRclone() {
        assertThat(MtimeMetadata.format(Instant.ofEpochSecond(1_700_000_000L, 123_456_789))).isEqualTo("1700000000.123456789");
        assertThat(MtimeMetadata.format(Instant.ofEpochSecond(1_700_000_000L))).isEqualTo("1700000000.000000000");
    }

    @Test
    void formatsTimesBeforeTheEpochAsNegativeDecimals() {
        Instant time = Instant.ofEpochSecond(-2, 750_000_000); // -1.25 s

        assertThat(MtimeMetadata.format(time)).isEqualTo("-1.250000000");
        assertThat(MtimeMetadata.parse(Map.of("mtime", "-1.250000000"))).isEqualTo(time);
    }

    @Test
    void parsesRcloneAndS3fsForms() {
        assertThat(MtimeMetadata.parse(Map.of("mtime", "1700000000.123456789"))).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 123_456_789));
        assertThat(MtimeMetadata.parse(Map.of("mtime", "1600000000"))).isEqualTo(Instant.ofEpochSecond(1_600_000_000L));
        assertThat(MtimeMetadata.parse(Map.of("mtime", "1600000000.5"))).isEqualTo(Instant.ofEpochSecond(1_600_000_000L, 500_000_000));
    }

    @Test
    void roundTripsEveryNanosecond() {
        Instant time = Instant.ofEpochSecond(1_234_567_890L, 1);

        assertThat(MtimeMetadata.parse(Map.of("mtime", MtimeMetadata.format(time)))).isEqualTo(time);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "yesterday", "1e999999999", "1e100000000", "1e-100000000", "0x10", "NaN",
            "99999999999999999999999999999999999999"})
    void ignoresValuesItCannotRead(String value) {
        // Another client of the bucket may write anything: a value must never take long to refuse.
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                () -> assertThat(MtimeMetadata.parse(Map.of("mtime", value))).isNull());
    }

    @Test
    void readsTheTimeWhateverTheCaseOfItsKey() {
        // MinIO (Go) sends X-Amz-Meta-Mtime; the SDK hands the key over as sent.
        assertThat(MtimeMetadata.parse(Map.of("Mtime", "1000000000"))).isEqualTo(Instant.ofEpochSecond(1_000_000_000L));
        assertThat(MtimeMetadata.parse(Map.of("MTIME", "1000000000.5"))).isEqualTo(Instant.ofEpochSecond(1_000_000_000L, 500_000_000));
    }

    @Test
    void replacingTheTimeLeavesOneKeyAndKeepsTheOtherMetadata() {
        Instant time = Instant.ofEpochSecond(1_700_000_000L);

        Map<String, String> replaced = MtimeMetadata.with(Map.of("Mtime", "1000000000", "Owner", "alice"), time);

        assertThat(replaced).containsOnlyKeys("mtime", "Owner").containsEntry("Owner", "alice");
        assertThat(MtimeMetadata.parse(replaced)).isEqualTo(time);
    }

    @Test
    void absentMetadataIsNoTime() {
        assertThat(MtimeMetadata.parse(Map.of())).isNull();
        assertThat(MtimeMetadata.parse(null)).isNull();
    }
}
