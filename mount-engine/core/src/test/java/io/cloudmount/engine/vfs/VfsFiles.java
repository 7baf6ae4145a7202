package io.cloudmount.engine.vfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Whole small files through a {@link Vfs}, as a program writes and reads them. */
final class VfsFiles {
    private VfsFiles() {
    }

    /** Creates (or truncates) {@code path} with {@code text} and closes it as close(2) does: flush, then release. */
    static void write(Vfs vfs, String path, String text) throws IOException {
        long fh = vfs.create(path, 0644, OpenFlags.READ_WRITE);
        vfs.write(fh, 0, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        vfs.flush(fh);
        vfs.release(fh);
    }

    /** The first 64 KiB of {@code path} as UTF-8. */
    static String read(Vfs vfs, String path) throws IOException {
        long fh = vfs.open(path, OpenFlags.READ_ONLY);
        try {
            ByteBuffer dst = ByteBuffer.allocate(1 << 16);
            int n = vfs.read(fh, 0, dst);
            return new String(dst.array(), 0, Math.max(n, 0), StandardCharsets.UTF_8);
        } finally {
            vfs.release(fh);
        }
    }
}
