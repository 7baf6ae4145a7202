package io.cloudmount.provider.s3.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The head of one HTTP/1.1 message (start line and header fields), kept as the exact bytes that
 * arrived so that a proxy forwards it unchanged (SigV4 signs the Host header and others), plus the
 * few parsed fields a proxy needs to find where the body ends.
 */
final class HttpHead {
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final byte[] raw;
    private final String startLine;
    private final List<String[]> fields;

    private HttpHead(byte[] raw, String startLine, List<String[]> fields) {
        this.raw = raw;
        this.startLine = startLine;
        this.fields = fields;
    }

    /** Reads up to and including the empty line; {@code null} if the peer closed before sending anything. */
    static HttpHead read(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        int last4 = 0;
        int b;
        while ((b = in.read()) >= 0) {
            bytes.write(b);
            last4 = last4 << 8 | b;
            if (last4 == 0x0D0A0D0A) {
                break;
            }
            if (bytes.size() > MAX_HEAD_BYTES) {
                throw new IOException("message head longer than " + MAX_HEAD_BYTES + " bytes");
            }
        }
        if (b < 0) {
            if (bytes.size() == 0) {
                return null;
            }
            throw new EOFException("connection closed inside a message head");
        }
        byte[] raw = bytes.toByteArray();
        String[] lines = new String(raw, StandardCharsets.ISO_8859_1).split("\r\n");
        List<String[]> fields = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                fields.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
            }
        }
        return new HttpHead(raw, lines[0], fields);
    }

    /**
     * This head with every header name in Go's canonical form: the first letter and each letter after a
     * hyphen upper case, the others lower case ({@code x-amz-meta-mtime} becomes {@code X-Amz-Meta-Mtime}).
     */
    HttpHead withGoCanonicalNames() {
        StringBuilder text = new StringBuilder(startLine).append("\r\n");
        List<String[]> renamed = new ArrayList<>();
        for (String[] field : fields) {
            String name = goCanonical(field[0]);
            renamed.add(new String[] {name, field[1]});
            text.append(name).append(": ").append(field[1]).append("\r\n");
        }
        text.append("\r\n");
        return new HttpHead(text.toString().getBytes(StandardCharsets.ISO_8859_1), startLine, renamed);
    }

    private static String goCanonical(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return out.toString();
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(raw);
    }

    String startLine() {
        return startLine;
    }

    /** Request method (of a request head). */
    String method() {
        return startLine.substring(0, startLine.indexOf(' '));
    }

    /** Request target as sent, path and query (of a request head). */
    String target() {
        int first = startLine.indexOf(' ');
        int second = startLine.indexOf(' ', first + 1);
        return second < 0 ? startLine.substring(first + 1) : startLine.substring(first + 1, second);
    }

    /** Status code (of a response head). */
    int status() {
        int first = startLine.indexOf(' ');
        return Integer.parseInt(startLine.substring(first + 1, first + 4));
    }

    String field(String name) {
        for (String[] field : fields) {
            if (field[0].equalsIgnoreCase(name)) {
                return field[1];
            }
        }
        return null;
    }

    /** True if a comma-separated field lists {@code token}, ignoring case. */
    boolean fieldHas(String name, String token) {
        String value = field(name);
        if (value == null) {
            return false;
        }
        for (String part : value.split(",")) {
            if (part.trim().toLowerCase(Locale.ROOT).equals(token)) {
                return true;
            }
        }
        return false;
    }

    /** Every header field by lower-case name; the first value of a field that repeats. */
    Map<String, String> fields() {
        Map<String, String> all = new HashMap<>();
        for (String[] field : fields) {
            all.putIfAbsent(field[0].toLowerCase(Locale.ROOT), field[1]);
        }
        return all;
    }

    long contentLength() {
        String value = field("Content-Length");
        return value == null ? -1 : Long.parseLong(value);
    }
}
