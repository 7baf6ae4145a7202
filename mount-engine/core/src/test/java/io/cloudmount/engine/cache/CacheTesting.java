package io.cloudmount.engine.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

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
}
