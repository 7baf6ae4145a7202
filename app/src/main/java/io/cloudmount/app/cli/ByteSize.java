package io.cloudmount.app.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses sizes such as {@code 512M}, {@code 2G}, {@code 1.5GiB}, {@code 4096} (binary units). */
final class ByteSize implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        return parse(value);
    }

    static long parse(String value) {
        String text = value.trim().toUpperCase(Locale.ROOT).replace("IB", "").replace("B", "");
        long multiplier = 1;
        if (!text.isEmpty()) {
            char unit = text.charAt(text.length() - 1);
            int power = "KMGTP".indexOf(unit);
            if (power >= 0) {
                multiplier = 1L << (10 * (power + 1));
                text = text.substring(0, text.length() - 1);
            }
        }
        try {
            double number = Double.parseDouble(text);
            if (number < 0 || Double.isNaN(number) || number * multiplier > Long.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return (long) (number * multiplier);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a size (examples: 512M, 2G, 1048576)");
        }
    }
}
