package io.cloudmount.provider.s3.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Where an HTTP/1.1 body ends (RFC 9112 section 6), and a verbatim copy of it: chunked bodies are
 * copied with their chunk lines and trailers, so an {@code aws-chunked} upload or a chunked listing
 * reaches the other side byte for byte.
 */
record HttpBody(Kind kind, long length) {
    private static final int MAX_LINE_BYTES = 8 * 1024;

    enum Kind { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

    static final HttpBody NONE = new HttpBody(Kind.NONE, 0);

    static HttpBody ofRequest(HttpHead request) {
        if (request.fieldHas("Transfer-Encoding", "chunked")) {
            return new HttpBody(Kind.CHUNKED, -1);
        }
        long length = request.contentLength();
        return length > 0 ? new HttpBody(Kind.LENGTH, length) : NONE;
    }

    static HttpBody ofResponse(HttpHead response, String requestMethod) {
        int status = response.status();
        if ("HEAD".equals(requestMethod) || status < 200 || status == 204 || status == 304) {
            return NONE;
        }
        if (response.fieldHas("Transfer-Encoding", "chunked")) {
            return new HttpBody(Kind.CHUNKED, -1);
        }
        long length = response.contentLength();
        if (length >= 0) {
            return length == 0 ? NONE : new HttpBody(Kind.LENGTH, length);
        }
        return new HttpBody(Kind.UNTIL_CLOSE, -1);
    }

    /** Copies this body from {@code in} to {@code out} and flushes. */
    void copy(InputStream in, OutputStream out) throws IOException {
        switch (kind) {
            case NONE -> { }
            case LENGTH -> copyExactly(in, out, length);
            case CHUNKED -> copyChunked(in, out);
            case UNTIL_CLOSE -> in.transferTo(out);
        }
        out.flush();
    }

    /** Reads and drops this body. */
    void discard(InputStream in) throws IOException {
        copy(in, OutputStream.nullOutputStream());
    }

    private static void copyChunked(InputStream in, OutputStream out) throws IOException {
        while (true) {
            byte[] sizeLine = readLine(in);
            out.write(sizeLine);
            String size = new String(sizeLine, StandardCharsets.ISO_8859_1).trim();
            int extension = size.indexOf(';');
            long chunk = Long.parseLong(extension < 0 ? size : size.substring(0, extension).trim(), 16);
            if (chunk == 0) {
                byte[] trailer;
                do {
                    trailer = readLine(in);
                    out.write(trailer);
                } while (trailer.length > 2);
                return;
            }
            copyExactly(in, out, chunk + 2); // the data and its CRLF
        }
    }

    /** One line including its CRLF. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(32);
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
            if (line.size() > MAX_LINE_BYTES) {
                throw new IOException("chunk line longer than " + MAX_LINE_BYTES + " bytes");
            }
        }
        throw new EOFException("connection closed inside a chunked body");
    }

    private static void copyExactly(InputStream in, OutputStream out, long count) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("connection closed with " + left + " body bytes outstanding");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }
}
