package io.cloudmount.app.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or plain seconds. */
final class DurationConverter implements ITypeConverter<Duration> {
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
            long millis = switch (Character.isDigit(unit) ? 's' : unit) {
                case 's' -> (long) (amount * 1000);
                case 'm' -> (long) (amount * 60_000);
                case 'h' -> (long) (amount * 3_600_000);
                default -> throw new NumberFormatException();
            };
            return check(Duration.ofMillis(millis), value);
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new TypeConversionException("'" + value + "' is not a duration (examples: 500ms, 5s, 2m)");
        }
    }

    private static Duration check(Duration d, String value) {
        if (d.isNegative()) {
            throw new TypeConversionException("'" + value + "' is negative");
        }
        return d;
    }
}
