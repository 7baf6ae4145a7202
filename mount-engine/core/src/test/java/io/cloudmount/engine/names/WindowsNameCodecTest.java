package io.cloudmount.engine.names;

import static io.cloudmount.engine.names.WindowsNameCodec.decode;
import static io.cloudmount.engine.names.WindowsNameCodec.decodePath;
import static io.cloudmount.engine.names.WindowsNameCodec.encode;
import static io.cloudmount.engine.names.WindowsNameCodec.encodePath;
import static io.cloudmount.engine.names.WindowsNameCodec.isReservedDeviceName;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The encoding table, one rule at a time; {@link WindowsNameCodecPropertyTest} covers all strings. */
class WindowsNameCodecTest {

    static Stream<Arguments> illegalCharacters() {
        return Stream.of(
                Arguments.of('\\', '\uFF3C'), Arguments.of(':', '\uFF1A'), Arguments.of('*', '\uFF0A'),
                Arguments.of('?', '\uFF1F'), Arguments.of('"', '\uFF02'), Arguments.of('<', '\uFF1C'),
                Arguments.of('>', '\uFF1E'), Arguments.of('|', '\uFF5C'));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("illegalCharacters")
    void eachIllegalCharacterBecomesItsFullwidthLookAlikeAnywhereInTheName(char illegal, char lookAlike) {
        String name = illegal + "a" + illegal + "b" + illegal;

        assertThat(encode(name)).isEqualTo(lookAlike + "a" + lookAlike + "b" + lookAlike);
        assertThat(decode(encode(name))).isEqualTo(name);
    }

    @ParameterizedTest(name = "already fullwidth {1}")
    @MethodSource("illegalCharacters")
    void aLookAlikeAlreadyInTheStoreNameIsQuoted(char illegal, char lookAlike) {
        String name = "x" + lookAlike;

        assertThat(encode(name)).isEqualTo("x\u201B" + lookAlike);
        assertThat(decode(encode(name))).isEqualTo(name);
    }

    static IntStream controlCharacters() {
        return IntStream.rangeClosed(1, 31);
    }

    @ParameterizedTest(name = "control {0}")
    @MethodSource("controlCharacters")
    void controlCharactersBecomeControlPictures(int control) {
        String name = "a" + (char) control + "b";

        assertThat(encode(name)).isEqualTo("a" + (char) (0x2400 + control) + "b");
        assertThat(decode(encode(name))).isEqualTo(name);
    }

    @Test
    void nulAndSlashAreNotPartOfNamesAndAreLeftAlone() {
        assertThat(encode("a\u0000b/c")).isEqualTo("a\u0000b/c");
        assertThat(decode("\u2400")).isEqualTo("\u2400");
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "'name.'       | 'name\uFF0E'",
            "'name '       | 'name\u2420'",
            "'.'           | '\uFF0E'",
            "'..'          | '.\uFF0E'",
            "'a. .'        | 'a. \uFF0E'",
            "'a . '        | 'a .\u2420'",
            "' lead'       | ' lead'",
            "'.hidden'     | '.hidden'",
            "'a.b'         | 'a.b'",
    })
    void onlyTheLastDotOrSpaceIsEncoded(String store, String drive) {
        assertThat(encode(store)).isEqualTo(drive);
        assertThat(decode(drive)).isEqualTo(store);
    }

    @Test
    void fullwidthDotsAndSpaceSymbolsInsideANameShowUnchanged() {
        assertThat(encode("\u6587\uFF0E\u2420x")).isEqualTo("\u6587\uFF0E\u2420x");
        assertThat(encode("end\uFF0E")).isEqualTo("end\u201B\uFF0E");
        assertThat(encode("end\u2420")).isEqualTo("end\u201B\u2420");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CON", "PRN", "AUX", "NUL", "con", "Nul", "aUx", "COM1", "com9", "LPT1", "lpt9",
            "COM\u00B9", "LPT\u00B3", "CON.txt", "nul.tar.gz", "Com1.log", "CON .txt", "AUX  ", "PRN."})
    void reservedDeviceNamesGetAFullwidthFirstLetter(String reserved) {
        assertThat(isReservedDeviceName(reserved)).isTrue();

        String shown = encode(reserved);

        assertThat(shown.charAt(0)).isEqualTo((char) (reserved.charAt(0) + 0xFEE0));
        assertThat(isReservedDeviceName(shown)).isFalse();
        assertThat(decode(shown)).isEqualTo(reserved);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CONSOLE", "CONx.txt", "xCON", "COM10", "COM0", "LPT", "COMA", "NU", "AUX_1", ".CON",
            "c\u00F6n", "\u0421ON"})
    void namesThatOnlyResembleDeviceNamesAreShownAsTheyAre(String name) {
        assertThat(isReservedDeviceName(name)).isFalse();
        assertThat(encode(name)).isEqualTo(name);
    }

    @Test
    void aFullwidthInitialIsQuotedOnlyWhereItWouldSpellADeviceName() {
        assertThat(encode("\uFF23ON.txt")).isEqualTo("\u201B\uFF23ON.txt");
        assertThat(encode("\uFF23ONSOLE")).isEqualTo("\uFF23ONSOLE");
        assertThat(encode("x\uFF23ON")).isEqualTo("x\uFF23ON");
        assertThat(decode("\uFF23ONSOLE")).isEqualTo("\uFF23ONSOLE");
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "'\u201Bplain'       | '\u201Bplain'",
            "'end\u201B'         | 'end\u201B'",
            "'\u201B:'           | '\u201B\u201B\uFF1A'",
            "'\u201B\uFF1A'      | '\u201B\u201B\u201B\uFF1A'",
            "'\u201B\u201B'      | '\u201B\u201B\u201B'",
            "'\u201B.'           | '\u201B\u201B\uFF0E'",
    })
    void theQuoteIsQuotedOnlyBeforeSomethingItCouldEscape(String store, String drive) {
        assertThat(encode(store)).isEqualTo(drive);
        assertThat(decode(drive)).isEqualTo(store);
    }

    @Test
    void encodingAndDecodingLeaveOrdinaryNamesAlone() {
        for (String name : new String[] {"report.pdf", "with space", "\u65E5\u672C\u8A9E", "emoji \uD83D\uDE00", "a&b"}) {
            assertThat(encode(name)).isSameAs(name);
            assertThat(decode(name)).isEqualTo(name);
        }
    }

    @Test
    void aRawIllegalCharacterTypedOnTheDriveReachesTheStoreUnchanged() {
        assertThat(decode("what?")).isEqualTo("what?");
        assertThat(decode("what\uFF1F")).isEqualTo("what?");
    }

    @Test
    void pathsAreEncodedSegmentBySegment() {
        assertThat(encodePath("/")).isEqualTo("/");
        assertThat(encodePath("/a:b/CON/x.")).isEqualTo("/a\uFF1Ab/\uFF23ON/x\uFF0E");
        assertThat(decodePath("/a\uFF1Ab/\uFF23ON/x\uFF0E")).isEqualTo("/a:b/CON/x.");
    }
}
