package io.cloudmount.engine.names;

import static io.cloudmount.engine.names.WindowsNameCodec.decode;
import static io.cloudmount.engine.names.WindowsNameCodec.encode;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Properties of {@link WindowsNameCodec} over random strings that are dense in everything the
 * encoding cares about: the illegal characters, their look-alikes, the quote, dots and spaces,
 * device names and their fullwidth initials, and unpaired surrogates. Seeds are fixed so that a
 * failure is reproducible; the message shows the failing string escaped.
 */
class WindowsNameCodecPropertyTest {
    private static final int SAMPLES_PER_SEED = 100_000;

    /** Characters the encoding treats specially, drawn far more often than chance would. */
    private static final String INTERESTING = "\\:*?\"<>|. \u0001\u001F\t"
            + WindowsNameCodec.LOOK_ALIKES
            + "\u2400\u2401\u241F\u2420\u2421\uFF0E\u201B\u2018"
            + "\uFF23\uFF43\uFF30\uFF50\uFF21\uFF41\uFF2E\uFF4E\uFF2C\uFF4C\uFF2F"
            + "CcOoNnPpRrAaUuXxLlTtMm19\u00B9\u00B2\u00B30"
            + "\uD83D\uDE00\uD800\uDC00";
    private static final String[] DEVICES = {"CON", "prn", "Aux", "nUL", "COM1", "com9", "LPT\u00B2", "lpt5"};
    /** An independent statement of what Windows rejects as a whole name (ASCII case-insensitive). */
    private static final Pattern RESERVED = Pattern.compile(
            "(CON|PRN|AUX|NUL|COM[1-9\u00B9\u00B2\u00B3]|LPT[1-9\u00B9\u00B2\u00B3]) *(\\..*)?", Pattern.CASE_INSENSITIVE);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 20240917})
    void decodeInvertsEncodeAndEncodedNamesAreLegalOnWindows(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < SAMPLES_PER_SEED; i++) {
            String name = randomName(random);
            String shown = encode(name);

            assertThat(decode(shown)).as("decode(encode(%s)) via %s", escaped(name), escaped(shown)).isEqualTo(name);
            if (!name.isEmpty()) {
                assertLegalOnWindows(shown, name);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {4, 5})
    void anyDriveNameDecodesToAStoreNameWhoseEncodingIsLegal(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < SAMPLES_PER_SEED; i++) {
            String typed = randomName(random);
            String stored = decode(typed);
            String shown = encode(stored);

            assertThat(decode(shown)).as("round trip of decode(%s)", escaped(typed)).isEqualTo(stored);
            if (!stored.isEmpty()) {
                assertLegalOnWindows(shown, typed);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {6})
    void namesWindowsAcceptsWithoutLookAlikesAreShownUnchanged(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < SAMPLES_PER_SEED; i++) {
            String name = randomName(random);
            if (!name.isEmpty() && isLegalOnWindows(name) && !containsAnyOf(name, WindowsNameCodec.LOOK_ALIKES
                    + "\u201B\u2420\uFF0E\uFF23\uFF43\uFF30\uFF50\uFF21\uFF41\uFF2E\uFF4E\uFF2C\uFF4C")
                    && !containsControlPicture(name)) {
                assertThat(encode(name)).as(escaped(name)).isEqualTo(name);
            }
        }
    }

    private static String randomName(SplittableRandom random) {
        StringBuilder name = new StringBuilder();
        int shape = random.nextInt(10);
        if (shape == 0) {
            name.append(DEVICES[random.nextInt(DEVICES.length)]);
        } else if (shape == 1) {
            String device = DEVICES[random.nextInt(DEVICES.length)];
            name.append((char) (device.charAt(0) + 0xFEE0)).append(device, 1, device.length());
        }
        int length = random.nextInt(13);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                name.append(INTERESTING.charAt(random.nextInt(INTERESTING.length())));
            } else if (kind < 8) {
                name.append((char) ('a' + random.nextInt(26)));
            } else {
                name.append((char) random.nextInt(Character.MAX_VALUE + 1)); // any UTF-16 unit, surrogates included
            }
        }
        return name.toString();
    }

    private static void assertLegalOnWindows(String shown, String from) {
        assertThat(isLegalOnWindows(shown)).as("encoded %s as %s, which Windows refuses", escaped(from), escaped(shown)).isTrue();
    }

    private static boolean isLegalOnWindows(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 1 && c <= 31 || "\\:*?\"<>|".indexOf(c) >= 0) {
                return false;
            }
        }
        char last = name.charAt(name.length() - 1);
        return last != '.' && last != ' ' && !RESERVED.matcher(name).matches();
    }

    private static boolean containsAnyOf(String name, String chars) {
        return name.chars().anyMatch(c -> chars.indexOf(c) >= 0);
    }

    private static boolean containsControlPicture(String name) {
        return name.chars().anyMatch(c -> c > 0x2400 && c <= 0x241F);
    }

    private static String escaped(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04X", (int) c));
        }
        return out.append('"').toString();
    }
}
