package io.cloudmount.engine.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.CRC32;

/** Small helpers shared by the cache tests. */
final class CacheTesting {
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    private CacheTesting() {
    }

    static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads {@code length} bytes (or up to the end of the file) through {@link CacheItem#read}. */
    static String text(CacheItem item, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            int n = item.read(position + buffer.position(), buffer);
            if (n == 0) {
                break;
            }
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    static String all(CacheItem item) throws IOException {
        return text(item, 0, (int) item.size());
    }

    static Fingerprint remote(String etag, long size) {
        return new Fingerprint(etag, size, T0);
    }

    /**
     * A record file as a version without some line would have written it: {@code record} without the
     * lines starting with {@code dropPrefix}, sealed again with a correct CRC.
     */
    static byte[] withoutLine(byte[] record, String dropPrefix) {
        String text = new String(record, StandardCharsets.UTF_8);
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.startsWith(dropPrefix) && !line.startsWith("crc32=")) {
                body.append(line).append('\n');
            }
        }
        return seal(body.toString());
    }

    /** {@code body} (header and lines, each ending in a newline) followed by its {@code crc32=} line. */
    static byte[] seal(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return (body + String.format("crc32=%08x\n", crc.getValue())).getBytes(StandardCharsets.UTF_8);
    }
}
