package io.cloudmount.provider.s3;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A stream over {@code length} bytes of a local file from {@code offset}, for one part of an upload.
 * Each part opens its own channel so parts read concurrently without sharing a position. Read
 * failures surface as {@link S3Errors.LocalReadFailure} so they are not mistaken for network errors.
 */
final class FileSlice extends InputStream {
    private final FileChannel channel;
    private final String name;
    private long position;
    private long remaining;

    private FileSlice(FileChannel channel, String name, long offset, long length) {
        this.channel = channel;
        this.name = name;
        this.position = offset;
        this.remaining = length;
    }

    static FileSlice open(Path file, long offset, long length) {
        try {
            return new FileSlice(FileChannel.open(file, StandardOpenOption.READ), file.toString(), offset, length);
        } catch (IOException e) {
            throw new S3Errors.LocalReadFailure(file.toString(), e);
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (remaining == 0) {
            return -1;
        }
        try {
            int n = channel.read(ByteBuffer.wrap(buffer, offset, (int) Math.min(length, remaining)), position);
            if (n < 0) {
                // The file shrank after the upload took its size: the object would be corrupt.
                throw new EOFException(remaining + " bytes missing at offset " + position);
            }
            position += n;
            remaining -= n;
            return n;
        } catch (IOException e) {
            throw new S3Errors.LocalReadFailure(name, e);
        }
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
