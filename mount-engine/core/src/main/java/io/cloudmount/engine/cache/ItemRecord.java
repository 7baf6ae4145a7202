package io.cloudmount.engine.cache;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * What a {@code .meta} file says about one cached file. The format is a few {@code name=value} lines
 * in UTF-8 under a version header, sealed by a CRC-32 of everything above it, so a torn or edited
 * file is recognised and discarded instead of half-trusted:
 *
 * <pre>
 * cloudmount-cache-item 1
 * key=/docs/a.txt
 * size=12
 * dirty=true
 * base.etag="9a0364b9e99bb480dd25e1f0284c8555"
 * base.size=10
 * base.modified=2026-01-02T03:04:05Z
 * ranges=0-12
 * accessed=1767323045000
 * modified=2026-01-02T04:05:06.123456789Z
 * dirty.ranges=4-12
 * crc32=5f3c2a1b
 * </pre>
 *
 * Values escape {@code %} and control characters as {@code %XX}, so keys and ETags with newlines
 * survive. Unknown names are ignored (a newer version may add some); the {@code base.*} lines are
 * absent for a file created locally.
 *
 * <p>{@code modified} (the local modification time, ISO-8601 with all nine fraction digits) was added
 * later without changing the header: older records lack it and decode with {@code modified == null},
 * which the loader replaces by an estimate ({@link DataCache}); older readers ignore the line.
 *
 * <p>{@code dirty.ranges} (the ranges changed since the item was last clean, {@link RangeSet#encode()
 * encoded}) was added the same way. It is absent, and decodes as {@code null} ("unknown"), in records
 * of older versions and in the records a change writes <em>before</em> its bytes land (more bytes may
 * follow that such a record could not list); the loader then treats the whole file as changed
 * ({@link DataCache}). An empty value means "known: nothing changed".
 *
 * @param key      the drive path the item belongs to
 * @param size     logical file size
 * @param dirty    whether the item has changes not yet uploaded
 * @param base     remote version the data came from, {@code null} for a new local file
 * @param ranges   the present byte ranges, {@link RangeSet#encode() encoded}
 * @param accessed last access, epoch milliseconds
 * @param modified local modification time; {@code null} only in a record written before the field
 *                 existed
 * @param dirtyRanges the changed ranges, {@link RangeSet#encode() encoded}; {@code null} when unknown
 */
record ItemRecord(String key, long size, boolean dirty, Fingerprint base, String ranges, long accessed,
        Instant modified, String dirtyRanges) {
    static final String HEADER = "cloudmount-cache-item 1";
    private static final String CRC = "crc32=";
    /** ISO-8601 in UTC with always nine fraction digits; {@link Instant#parse} reads it back. */
    private static final DateTimeFormatter NANOS = new DateTimeFormatterBuilder().appendInstant(9).toFormatter();

    ItemRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ranges, "ranges");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
    }

    byte[] encode() {
        StringBuilder text = new StringBuilder(256).append(HEADER).append('\n');
        line(text, "key", escape(key));
        line(text, "size", Long.toString(size));
        line(text, "dirty", Boolean.toString(dirty));
        if (base != null) {
            if (base.etag() != null) {
                line(text, "base.etag", escape(base.etag()));
            }
            line(text, "base.size", Long.toString(base.size()));
            line(text, "base.modified", base.modified().toString());
        }
        line(text, "ranges", ranges);
        line(text, "accessed", Long.toString(accessed));
        if (modified != null) {
            line(text, "modified", NANOS.format(modified));
        }
        if (dirtyRanges != null) {
            line(text, "dirty.ranges", dirtyRanges);
        }
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] seal = (CRC + crcHex(body, body.length) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[body.length + seal.length];
        System.arraycopy(body, 0, all, 0, body.length);
        System.arraycopy(seal, 0, all, body.length, seal.length);
        return all;
    }

    /**
     * @throws IllegalArgumentException if the bytes are not a complete, intact record of this version
     */
    static ItemRecord decode(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.startsWith(HEADER + "\n")) {
            throw new IllegalArgumentException("not a cache record of this version");
        }
        int seal = text.lastIndexOf("\n" + CRC);
        if (seal < 0 || !text.endsWith("\n")) {
            throw new IllegalArgumentException("record is incomplete (no checksum)");
        }
        int bodyLength = text.substring(0, seal + 1).getBytes(StandardCharsets.UTF_8).length;
        String stored = text.substring(seal + 1 + CRC.length(), text.length() - 1);
        if (!stored.equals(crcHex(bytes, bodyLength))) {
            throw new IllegalArgumentException("checksum mismatch");
        }
        Map<String, String> values = new HashMap<>();
        for (String line : text.substring(HEADER.length() + 1, seal).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        try {
            Fingerprint base = null;
            if (values.containsKey("base.size")) {
                String etag = values.containsKey("base.etag") ? unescape(values.get("base.etag")) : null;
                base = new Fingerprint(etag, Long.parseLong(values.get("base.size")),
                        Instant.parse(required(values, "base.modified")));
            }
            String ranges = required(values, "ranges");
            RangeSet.decode(ranges); // validate now, not when the item is used
            String modified = values.get("modified"); // absent in records of older versions
            String dirtyRanges = values.get("dirty.ranges"); // absent in older records and before a write
            if (dirtyRanges != null) {
                RangeSet.decode(dirtyRanges);
            }
            return new ItemRecord(unescape(required(values, "key")), Long.parseLong(required(values, "size")),
                    Boolean.parseBoolean(required(values, "dirty")), base, ranges,
                    Long.parseLong(required(values, "accessed")),
                    modified == null ? null : Instant.parse(modified), dirtyRanges);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("malformed value: " + e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing '" + name + "'");
        }
        return value;
    }

    private static void line(StringBuilder text, String name, String value) {
        text.append(name).append('=').append(value).append('\n');
    }

    private static String crcHex(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        // Not String.format: every record of every new file comes here, and a Formatter (parsing its
        // pattern each time) cost more than the rest of the encoding, most of all before the JIT warms up.
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    static String escape(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' || c < 0x20 || c == 0x7f) {
                if (out == null) {
                    out = new StringBuilder(value.length() + 8).append(value, 0, i);
                }
                out.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? value : out.toString();
    }

    static String unescape(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    throw new IllegalArgumentException("truncated escape in '" + value + "'");
                }
                out.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
