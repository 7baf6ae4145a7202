package io.cloudmount.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ItemRecordTest {
    private static final Instant T = Instant.parse("2026-01-02T03:04:05.123456789Z");

    @Test
    void recordRoundTripsKeysAndEtagsWithAwkwardCharacters() {
        ItemRecord record = new ItemRecord("/dir/100% new\nline=é\u0001.txt", 42, true,
                new Fingerprint("\"9a0\"%\r", 40, T), "0-10,20-42", 1234L);
        assertThat(ItemRecord.decode(record.encode())).isEqualTo(record);
    }

    @Test
    void locallyCreatedFileHasNoBase() {
        ItemRecord record = new ItemRecord("/new", 0, true, null, "", 1L);
        assertThat(ItemRecord.decode(record.encode())).isEqualTo(record);
    }

    @Test
    void baseWithoutEtagKeepsSizeAndTime() {
        ItemRecord record = new ItemRecord("/a", 3, false, new Fingerprint(null, 3, T), "0-3", 5L);
        assertThat(ItemRecord.decode(record.encode()).base()).isEqualTo(new Fingerprint(null, 3, T));
    }

    @Test
    void anyChangedByteIsDetected() {
        byte[] bytes = new ItemRecord("/a", 10, false, null, "0-10", 5L).encode();
        String text = new String(bytes, StandardCharsets.UTF_8);
        byte[] edited = text.replace("size=10", "size=90").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ItemRecord.decode(edited)).hasMessageContaining("checksum");
    }

    @Test
    void aTornRecordIsRejected() {
        byte[] bytes = new ItemRecord("/a", 10, true, null, "0-10", 5L).encode();
        for (int length = 0; length < bytes.length; length++) {
            byte[] torn = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> ItemRecord.decode(torn)).as("first %d bytes", length)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void fingerprintsWithEtagsCompareByEtag() {
        Fingerprint a = new Fingerprint("e1", 10, T);
        assertThat(a.sameVersion(new Fingerprint("e1", 10, T.plusSeconds(60)))).isTrue();
        assertThat(a.sameVersion(new Fingerprint("e2", 10, T))).isFalse();
        assertThat(a.sameVersion(null)).isFalse();
    }

    @Test
    void fingerprintsWithoutEtagsCompareBySizeAndTime() {
        Fingerprint a = new Fingerprint(null, 10, T);
        assertThat(a.sameVersion(new Fingerprint("e1", 10, T))).isTrue();
        assertThat(a.sameVersion(new Fingerprint(null, 10, T.plusNanos(1)))).isFalse();
        assertThat(a.sameVersion(new Fingerprint(null, 11, T))).isFalse();
    }
}
