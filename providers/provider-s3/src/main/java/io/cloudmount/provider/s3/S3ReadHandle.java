package io.cloudmount.provider.s3;

import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.PieceSink;
import io.cloudmount.provider.ProviderException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;

/**
 * A read-only handle: each {@link #read} is one ranged GET ({@code Range: bytes=a-b}) whose body is
 * copied straight into the caller's buffer, so reading the first KiB of a 10 GB object fetches a
 * KiB. Reads are independent requests and may run concurrently.
 *
 * <p>The handle stays bound to the version it opened: every GET carries {@code If-Match} with the
 * ETag seen at open, so if the object is replaced meanwhile the read fails with
 * {@link ProviderException.Conflict} instead of mixing bytes of two versions. (S3 cannot keep
 * serving a deleted object; such a read fails with {@link ProviderException.NotFound}.)
 *
 * <p>{@link #stream} is one ranged GET for the whole range, whose body is handed on piece by piece
 * as it arrives: a sequential download of many MiB costs one round trip, not one per piece.
 */
final class S3ReadHandle implements ObjectHandle {
    private final S3Bucket bucket;
    private final String key;
    private final String path;
    private final long size;
    private final String etag;

    S3ReadHandle(S3Bucket bucket, String key, String path, long size, String etag) {
        this.bucket = bucket;
        this.key = key;
        this.path = path;
        this.size = size;
        this.etag = etag;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(long position, ByteBuffer dst) throws ProviderException {
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        if (position >= size || !dst.hasRemaining()) {
            return 0;
        }
        long length = Math.min(dst.remaining(), size - position);
        int limit = dst.limit();
        dst.limit(dst.position() + (int) length);
        try (ResponseInputStream<GetObjectResponse> body = get(position, length)) {
            int total = fill(body, dst);
            if (total < length) {
                throw new ProviderException.Io(path, "short read: " + total + " of " + length + " bytes at " + position, null);
            }
            return total;
        } catch (SdkException | IOException | UncheckedIOException e) {
            throw bucket.errors().translate(e, path);
        } finally {
            dst.limit(limit);
        }
    }

    @Override
    public void stream(long position, long length, ByteBuffer buffer, PieceSink sink) throws ProviderException, IOException {
        if (position < 0 || length < 0) {
            throw new IllegalArgumentException("negative position " + position + " or length " + length);
        }
        if (position + length > size) {
            throw new ProviderException.Io(path, "cannot read " + length + " bytes at " + position + " of " + size, null);
        }
        if (length == 0) {
            return;
        }
        long at = position;
        long end = position + length;
        ResponseInputStream<GetObjectResponse> body = get(position, length);
        try {
            while (at < end) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), end - at));
                int n;
                try {
                    n = fill(body, buffer);
                } catch (SdkException | IOException | UncheckedIOException e) {
                    throw bucket.errors().translate(e, path);
                }
                if (n < buffer.limit()) {
                    // If-Match rules out a shorter version: the transfer was cut, and may work again.
                    throw new ProviderException.Unavailable(path, "short read: the body ended " + (end - at - n)
                            + " bytes early at " + (at + n), null);
                }
                buffer.flip();
                sink.accept(at, buffer); // its IOException is the caller's own, not a network failure
                at += n;
            }
        } finally {
            if (at < end) {
                // Closing would read the rest of the body to keep the connection; drop it instead.
                body.abort();
            }
            closeQuietly(body);
        }
    }

    /** A ranged GET of {@code [position, position + length)} of the version this handle is bound to. */
    private ResponseInputStream<GetObjectResponse> get(long position, long length) throws ProviderException {
        GetObjectRequest.Builder request = GetObjectRequest.builder()
                .bucket(bucket.name())
                .key(key)
                .range("bytes=" + position + "-" + (position + length - 1));
        if (etag != null) {
            request.ifMatch(etag);
        }
        ResponseInputStream<GetObjectResponse> body;
        try {
            body = bucket.client().getObject(request.build());
        } catch (SdkException | UncheckedIOException e) {
            throw bucket.errors().translate(e, path);
        }
        if (body.response().contentRange() == null && position > 0) {
            // A server that ignores Range sends the object from byte 0; those bytes belong elsewhere.
            body.abort();
            closeQuietly(body);
            throw new ProviderException.Io(path, "the server ignored the byte range of a read", null);
        }
        return body;
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException | UncheckedIOException e) {
            // The connection is discarded; nothing of the range depends on it.
        }
    }

    /** Copies the body into {@code dst} until it is full or the body ends. */
    private static int fill(InputStream body, ByteBuffer dst) throws IOException {
        int total = 0;
        if (dst.hasArray()) {
            // Heap buffer: read into its array directly, no intermediate copy.
            byte[] array = dst.array();
            while (dst.hasRemaining()) {
                int n = body.read(array, dst.arrayOffset() + dst.position(), dst.remaining());
                if (n < 0) {
                    break;
                }
                dst.position(dst.position() + n);
                total += n;
            }
            return total;
        }
        // Direct buffer (a FUSE buffer view): the channel adapter copies through a small chunk.
        ReadableByteChannel channel = Channels.newChannel(body);
        while (dst.hasRemaining()) {
            int n = channel.read(dst);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    @Override
    public void close() {
        // Nothing is held between reads: each GET's connection returns to the pool when its body is drained.
    }
}
