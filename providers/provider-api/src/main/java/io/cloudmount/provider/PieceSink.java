package io.cloudmount.provider;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Receives the bytes of {@link ObjectHandle#stream} in order, one piece at a time. The piece is only
 * valid during the call: the buffer is refilled with the next piece afterwards.
 */
@FunctionalInterface
public interface PieceSink {

    /**
     * Takes the bytes of {@code [position, position + piece.remaining())}.
     *
     * @throws IOException to stop the stream; {@link ObjectHandle#stream} rethrows it unchanged
     */
    void accept(long position, ByteBuffer piece) throws IOException;
}
