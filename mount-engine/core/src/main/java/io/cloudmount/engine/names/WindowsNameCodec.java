package io.cloudmount.engine.names;

import io.cloudmount.provider.ObjectPaths;

/**
 * The reversible encoding between store names and names Windows can show, in rclone's convention
 * (its {@code local} backend on Windows): each character Windows refuses becomes a Unicode
 * look-alike, and a look-alike that is already in a store name is quoted with {@link #QUOTE} so
 * that {@code decode(encode(x)).equals(x)} holds for every string {@code x}.
 *
 * <p>What is encoded, where (the table is also in the package documentation):
 * <ul>
 *   <li>anywhere: {@code \ : * ? " < >  |} become their fullwidth forms U+FF3C, U+FF1A, U+FF0A,
 *       U+FF1F, U+FF02, U+FF1C, U+FF1E, U+FF5C; control characters 1-31 become the
 *       "Control Pictures" U+2401-U+241F;</li>
 *   <li>last character: a space becomes U+2420 (SYMBOL FOR SPACE), a dot U+FF0E (FULLWIDTH FULL STOP);</li>
 *   <li>first character of a reserved device name ({@link #isReservedDeviceName}): the ASCII letter
 *       becomes its fullwidth form, so {@code CON.txt} shows as {@code ＣON.txt}. rclone has no rule
 *       for these; this one keeps the name readable and sorts next to the original.</li>
 * </ul>
 *
 * <p>Quoting: {@link #decode} turns a look-alike back only where {@link #encode} could have produced
 * it (fullwidth {@code ．} only at the end, a fullwidth initial only at the start of a reserved name).
 * A look-alike that the store name already holds at such a place is prefixed with {@link #QUOTE}
 * and kept. A {@link #QUOTE} of the store name is itself quoted only where it would otherwise be read
 * as a quote, that is, when the next encoded character is one that a quote can escape. So the usual
 * names, including ones with a lone {@code ‛}, look the same on the drive as in the store.
 *
 * <p>Names only: {@code /} and NUL cannot occur in a name ({@link ObjectPaths}) and are left alone.
 * Works on UTF-16 code units; every replacement is in the BMP, so unpaired surrogates pass through.
 */
public final class WindowsNameCodec {
    /** U+201B SINGLE HIGH-REVERSED-9 QUOTATION MARK, rclone's quote rune. */
    public static final char QUOTE = '\u201B';
    /** The characters Windows refuses anywhere in a name, besides control characters. */
    static final String ILLEGAL = "\\:*?\"<>|";
    /** Their fullwidth look-alikes, position by position. */
    static final String LOOK_ALIKES = "\uFF3C\uFF1A\uFF0A\uFF1F\uFF02\uFF1C\uFF1E\uFF5C";
    /** Control character {@code c} (1-31) becomes {@code CONTROL_PICTURES + c}. */
    static final char CONTROL_PICTURES = '\u2400';
    static final char TRAILING_SPACE = '\u2420';
    static final char TRAILING_DOT = '\uFF0E';
    /** ASCII {@code '!'..'~'} plus this is the fullwidth form. */
    private static final int FULLWIDTH_OFFSET = 0xFEE0;
    /** First letters of reserved device names, lower case. */
    private static final String RESERVED_INITIALS = "cpanl";

    private WindowsNameCodec() {
    }

    /** The name to show on the drive for a store name. */
    public static String encode(String name) {
        int n = name.length();
        StringBuilder out = null;
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            char replacement = replacement(name, i);
            boolean quoted = replacement == 0
                    && (isActiveLookAlike(name, i) || c == QUOTE && i + 1 < n && isQuotable(firstEncodedChar(name, i + 1)));
            if (out == null && (replacement != 0 || quoted)) {
                out = new StringBuilder(n + 4).append(name, 0, i);
            }
            if (out != null) {
                if (quoted) {
                    out.append(QUOTE);
                }
                out.append(replacement != 0 ? replacement : c);
            }
        }
        return out == null ? name : out.toString();
    }

    /**
     * The store name for a name on the drive; the inverse of {@link #encode}. A name that
     * {@code encode} cannot produce (one with a raw {@code ?}, only possible off Windows) is taken
     * leniently: what is not an encoding is kept as it is.
     */
    public static String decode(String name) {
        if (name.isEmpty() || !isReservedInitialLookAlike(name.charAt(0))) {
            return decodeFrom(name, 0, new StringBuilder(name.length())).toString();
        }
        String tail = decodeFrom(name, 1, new StringBuilder(name.length())).toString();
        char ascii = (char) (name.charAt(0) - FULLWIDTH_OFFSET);
        String withAscii = ascii + tail;
        return isReservedDeviceName(withAscii) ? withAscii : name.charAt(0) + tail;
    }

    /** {@link #encode} applied to each segment of a valid path. */
    public static String encodePath(String path) {
        return mapSegments(path, true);
    }

    /** {@link #decode} applied to each segment of a valid path. */
    public static String decodePath(String path) {
        return mapSegments(path, false);
    }

    /**
     * True for the DOS device names that Windows reserves in every directory: CON, PRN, AUX, NUL,
     * COM1-9, LPT1-9 and COM/LPT with a superscript 1-3, in any ASCII case, alone or followed by an
     * extension ({@code NUL.tar.gz}) or by spaces before it ({@code CON .txt}), as
     * <a href="https://learn.microsoft.com/windows/win32/fileio/naming-a-file">Naming Files</a> lists them.
     */
    public static boolean isReservedDeviceName(String name) {
        int end = name.indexOf('.');
        if (end < 0) {
            end = name.length();
        }
        while (end > 0 && name.charAt(end - 1) == ' ') {
            end--;
        }
        if (end == 3) {
            return startsWithAscii(name, "con") || startsWithAscii(name, "prn")
                    || startsWithAscii(name, "aux") || startsWithAscii(name, "nul");
        }
        if (end == 4 && (startsWithAscii(name, "com") || startsWithAscii(name, "lpt"))) {
            char digit = name.charAt(3);
            return digit >= '1' && digit <= '9' || digit == '\u00B9' || digit == '\u00B2' || digit == '\u00B3';
        }
        return false;
    }

    /** The look-alike that replaces {@code name[i]}, or 0 if that character is shown as it is. */
    private static char replacement(String name, int i) {
        char c = name.charAt(i);
        int illegal = ILLEGAL.indexOf(c);
        if (illegal >= 0) {
            return LOOK_ALIKES.charAt(illegal);
        }
        if (c >= 1 && c <= 31) {
            return (char) (CONTROL_PICTURES + c);
        }
        if (i == name.length() - 1 && (c == ' ' || c == '.')) {
            return c == ' ' ? TRAILING_SPACE : TRAILING_DOT;
        }
        if (i == 0 && isReservedDeviceName(name)) {
            return (char) (c + FULLWIDTH_OFFSET); // a reserved name starts with an ASCII letter
        }
        return 0;
    }

    /** True if {@code name[i]} is a look-alike that {@link #decode} would turn back at this place. */
    private static boolean isActiveLookAlike(String name, int i) {
        char c = name.charAt(i);
        if (LOOK_ALIKES.indexOf(c) >= 0 || isControlPicture(c)) {
            return true;
        }
        if (i == name.length() - 1 && (c == TRAILING_SPACE || c == TRAILING_DOT)) {
            return true;
        }
        return i == 0 && isReservedInitialLookAlike(c)
                && isReservedDeviceName((char) (c - FULLWIDTH_OFFSET) + name.substring(1));
    }

    /** The first character that {@link #encode} writes for {@code name[i]}. */
    private static char firstEncodedChar(String name, int i) {
        char replacement = replacement(name, i);
        if (replacement != 0) {
            return replacement;
        }
        char c = name.charAt(i);
        return c == QUOTE || isActiveLookAlike(name, i) ? QUOTE : c;
    }

    /** The characters that {@link #QUOTE} escapes: every look-alike we produce, and the quote itself. */
    private static boolean isQuotable(char c) {
        return c == QUOTE || LOOK_ALIKES.indexOf(c) >= 0 || isControlPicture(c)
                || c == TRAILING_SPACE || c == TRAILING_DOT || isReservedInitialLookAlike(c);
    }

    private static StringBuilder decodeFrom(String name, int from, StringBuilder out) {
        int n = name.length();
        int i = from;
        while (i < n) {
            char c = name.charAt(i);
            if (c == QUOTE && i + 1 < n && isQuotable(name.charAt(i + 1))) {
                out.append(name.charAt(i + 1));
                i += 2;
                continue;
            }
            int lookAlike = LOOK_ALIKES.indexOf(c);
            if (lookAlike >= 0) {
                out.append(ILLEGAL.charAt(lookAlike));
            } else if (isControlPicture(c)) {
                out.append((char) (c - CONTROL_PICTURES));
            } else if (i == n - 1 && c == TRAILING_SPACE) {
                out.append(' ');
            } else if (i == n - 1 && c == TRAILING_DOT) {
                out.append('.');
            } else {
                out.append(c);
            }
            i++;
        }
        return out;
    }

    private static boolean isControlPicture(char c) {
        return c > CONTROL_PICTURES && c <= CONTROL_PICTURES + 31;
    }

    private static boolean isReservedInitialLookAlike(char c) {
        char ascii = (char) (c - FULLWIDTH_OFFSET);
        return c > FULLWIDTH_OFFSET && RESERVED_INITIALS.indexOf(ascii | 0x20) >= 0 && Character.isLetter(ascii);
    }

    /** ASCII-only, case-insensitive: Windows matches device names on ASCII letters. */
    private static boolean startsWithAscii(String name, String lowerCasePrefix) {
        if (name.length() < lowerCasePrefix.length()) {
            return false;
        }
        for (int i = 0; i < lowerCasePrefix.length(); i++) {
            char c = name.charAt(i);
            char lower = lowerCasePrefix.charAt(i);
            if (c != lower && c != lower - ('a' - 'A')) {
                return false;
            }
        }
        return true;
    }

    private static String mapSegments(String path, boolean encode) {
        if (ObjectPaths.isRoot(path)) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length() + 8);
        int start = 1;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            String segment = path.substring(start, end);
            out.append('/').append(encode ? encode(segment) : decode(segment));
            start = end + 1;
        }
        return out.toString();
    }
}
