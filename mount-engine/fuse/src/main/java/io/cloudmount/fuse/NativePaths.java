package io.cloudmount.fuse;

import com.sun.jna.Pointer;
import io.cloudmount.engine.FsError;
import io.cloudmount.engine.FsException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Paths from the kernel, which are bytes, as Java strings. A path that is not valid UTF-8 is
 * refused ({@code EILSEQ}) instead of decoded with replacement characters: {@code r\xe9sum\xe9}
 * and {@code r\xe8sum\xe8} would both become {@code r\uFFFDsum\uFFFD}, so writing one would
 * replace the other.
 */
final class NativePaths {
    private NativePaths() {
    }

    static String decode(Pointer path) throws FsException {
        if (path == null) {
            return null;
        }
        byte[] bytes = path.getByteArray(0, (int) path.indexOf(0, (byte) 0));
        for (byte b : bytes) {
            if (b < 0) {
                return decodeStrictly(bytes);
            }
        }
        return new String(bytes, StandardCharsets.ISO_8859_1); // ASCII: the same characters, no decoder
    }

    /** For log lines: never fails, shows what it cannot decode as replacement characters. */
    static String describe(Pointer path) {
        return path == null ? null : path.getString(0, "UTF-8");
    }

    private static String decodeStrictly(byte[] bytes) throws FsException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new FsException(FsError.EILSEQ, "the name is not valid UTF-8: "
                    + new String(bytes, StandardCharsets.UTF_8) + " (CloudMount names are Unicode)");
        }
    }
}
