package io.cloudmount.app.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or plain seconds. */
final class DurationConverter implements ITypeConverter<Duration> {
    /** A year: longer than any delay or interval means, short enough for any time arithmetic. */
    static final Duration LONGEST = Duration.ofDays(365);

    @Override
    public Duration convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (text.endsWith("ms")) {
                return check(Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2))), value);
            }
            char unit = text.charAt(text.length() - 1);
            String number = Character.isDigit(unit) ? text : text.substring(0, text.length() - 1);
            double amount = Double.parseDouble(number);
            double millis = amount * switch (Character.isDigit(unit) ? 's' : unit) {
                case 's' -> 1000;
                case 'm' -> 60_000;
                case 'h' -> 3_600_000;
                default -> throw new NumberFormatException();
            };
            // "1e400s" is infinite, and (long) made it Long.MAX_VALUE ms: accepted, and then every close of a
            // file failed in the upload queue's time arithmetic (long overflow).
            if (!(millis <= LONGEST.toMillis())) { // NaN included
                throw tooLong(value);
            }
            return check(Duration.ofMillis((long) millis), value);
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new TypeConversionException("'" + value + "' is not a duration (examples: 500ms, 5s, 2m)");
        }
    }

    private static Duration check(Duration d, String value) {
        if (d.isNegative()) {
            throw new TypeConversionException("'" + value + "' is negative");
        }
        if (d.compareTo(LONGEST) > 0) {
            throw tooLong(value);
        }
        return d;
    }

    private static TypeConversionException tooLong(String value) {
        return new TypeConversionException("'" + value + "' is too long (at most " + LONGEST.toHours() + "h)");
    }
}
