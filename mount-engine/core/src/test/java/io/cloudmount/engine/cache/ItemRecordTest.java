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
                new Fingerprint("\"9a0\"%\r", 40, T), "0-10,20-42", 1234L, T.plusSeconds(7), "4-9,30-42");
        assertThat(ItemRecord.decode(record.encode())).isEqualTo(record);
    }

    @Test
    void locallyCreatedFileHasNoBase() {
        ItemRecord record = new ItemRecord("/new", 0, true, null, "", 1L, T, "");
        assertThat(ItemRecord.decode(record.encode())).isEqualTo(record);
    }

    @Test
    void baseWithoutEtagKeepsSizeAndTime() {
        ItemRecord record = new ItemRecord("/a", 3, false, new Fingerprint(null, 3, T), "0-3", 5L, T, "");
        assertThat(ItemRecord.decode(record.encode()).base()).isEqualTo(new Fingerprint(null, 3, T));
    }

    @Test
    void modificationTimeIsWrittenWithAllNineFractionDigitsAndReadBackExactly() {
        Instant whole = Instant.parse("2026-03-04T05:06:07Z");
        for (Instant time : new Instant[] {T, whole, whole.plusMillis(5), Instant.EPOCH.plusNanos(1)}) {
            ItemRecord record = new ItemRecord("/a", 0, false, null, "", 1L, time, "");
            assertThat(ItemRecord.decode(record.encode()).modified()).isEqualTo(time);
        }
        String text = new String(new ItemRecord("/a", 0, false, null, "", 1L, whole, "").encode(), StandardCharsets.UTF_8);
        assertThat(text).contains("\nmodified=2026-03-04T05:06:07.000000000Z\n");
        text = new String(new ItemRecord("/a", 0, false, null, "", 1L, T, "").encode(), StandardCharsets.UTF_8);
        assertThat(text).contains("\nmodified=2026-01-02T03:04:05.123456789Z\n");
    }

    @Test
    void aRecordOfTheOldFormatWithoutModifiedStillDecodes() {
        byte[] old = CacheTesting.seal(ItemRecord.HEADER + "\n"
                + "key=/docs/a.txt\n"
                + "size=12\n"
                + "dirty=true\n"
                + "base.etag=\"9a03\"\n"
                + "base.size=10\n"
                + "base.modified=2026-01-02T03:04:05Z\n"
                + "ranges=0-12\n"
                + "accessed=1767323045000\n");
        ItemRecord record = ItemRecord.decode(old);
        assertThat(record.modified()).as("unknown: the loader estimates it").isNull();
        assertThat(record.key()).isEqualTo("/docs/a.txt");
        assertThat(record.base()).isEqualTo(new Fingerprint("\"9a03\"", 10, Instant.parse("2026-01-02T03:04:05Z")));
        assertThat(record.ranges()).isEqualTo("0-12");
        assertThat(record.dirtyRanges()).as("unknown: the loader counts the whole file as changed").isNull();
        assertThat(ItemRecord.decode(record.encode())).as("written again without the lines").isEqualTo(record);
    }

    @Test
    void dirtyRangesAreALineOnlyWhenKnownAndEmptyIsNotUnknown() {
        ItemRecord known = new ItemRecord("/a", 10, true, null, "0-10", 5L, T, "2-4,7-9");
        ItemRecord none = new ItemRecord("/a", 10, false, null, "0-10", 5L, T, "");
        ItemRecord unknown = new ItemRecord("/a", 10, true, null, "0-10", 5L, T, null);

        assertThat(new String(known.encode(), StandardCharsets.UTF_8)).contains("\ndirty.ranges=2-4,7-9\n");
        assertThat(new String(none.encode(), StandardCharsets.UTF_8)).contains("\ndirty.ranges=\n");
        assertThat(new String(unknown.encode(), StandardCharsets.UTF_8)).doesNotContain("dirty.ranges");
        assertThat(ItemRecord.decode(known.encode())).isEqualTo(known);
        assertThat(ItemRecord.decode(none.encode()).dirtyRanges()).isEmpty();
        assertThat(ItemRecord.decode(unknown.encode()).dirtyRanges()).isNull();
    }

    @Test
    void malformedDirtyRangesRejectTheRecord() {
        byte[] bytes = CacheTesting.seal(ItemRecord.HEADER + "\nkey=/a\nsize=9\ndirty=true\nranges=\naccessed=1\n"
                + "dirty.ranges=5-2\n");
        assertThatThrownBy(() -> ItemRecord.decode(bytes)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownLinesOfANewerVersionAreIgnored() {
        ItemRecord record = new ItemRecord("/a", 3, true, null, "0-3", 5L, T, "1-2");
        String body = new String(record.encode(), StandardCharsets.UTF_8).replaceAll("crc32=.*\n$", "");
        assertThat(ItemRecord.decode(CacheTesting.seal(body + "future.field=x\n"))).isEqualTo(record);
    }

    @Test
    void aMalformedModificationTimeRejectsTheRecord() {
        byte[] bytes = CacheTesting.seal(ItemRecord.HEADER + "\nkey=/a\nsize=0\ndirty=false\nranges=\naccessed=1\n"
                + "modified=yesterday\n");
        assertThatThrownBy(() -> ItemRecord.decode(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void anyChangedByteIsDetected() {
        byte[] bytes = new ItemRecord("/a", 10, false, null, "0-10", 5L, T, "").encode();
        String text = new String(bytes, StandardCharsets.UTF_8);
        byte[] edited = text.replace("size=10", "size=90").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ItemRecord.decode(edited)).hasMessageContaining("checksum");
    }

    @Test
    void aTornRecordIsRejected() {
        byte[] bytes = new ItemRecord("/a", 10, true, null, "0-10", 5L, T, "").encode();
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
