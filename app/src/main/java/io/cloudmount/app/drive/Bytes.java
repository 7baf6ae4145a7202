package io.cloudmount.app.drive;

import java.util.Locale;

/** Sizes as people read them: {@code 512 MB}, {@code 1.5 GB} (binary units, as file managers show). */
public final class Bytes {
    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB", "PB"};

    private Bytes() {
    }

    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = value >= 100 || value == Math.rint(value)
                ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
        return number + " " + UNITS[unit];
    }

    /** Parses {@code 512M}, {@code 2 GB}, {@code 1.5G}, {@code 4096}; throws with a message a user can act on. */
    public static long parse(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT).replace(" ", "");
        t = t.endsWith("IB") ? t.substring(0, t.length() - 2) : t;
        t = t.endsWith("B") ? t.substring(0, t.length() - 1) : t;
        long multiplier = 1;
        if (!t.isEmpty()) {
            int power = "KMGTP".indexOf(t.charAt(t.length() - 1));
            if (power >= 0) {
                multiplier = 1L << (10 * (power + 1));
                t = t.substring(0, t.length() - 1);
            }
        }
        try {
            double number = Double.parseDouble(t);
            // Below one byte ("0.5" meant as 0.5 GB) is no size: taken as 0 it broke every mount and memory drive.
            if (!(number * multiplier >= 1) || number * multiplier >= Long.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return (long) (number * multiplier);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Enter a size such as 512 MB or 2 GB");
        }
    }
}
