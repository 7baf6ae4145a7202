package io.cloudmount.provider.local;

import io.cloudmount.provider.ProviderException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a whole new file beside its target and renames it over the target in one step, so readers
 * see the old content or the new, never a partial file, and open handles keep the old content.
 * The rename replaces the target's name only: a link at the target is replaced, never written through.
 *
 * <p>Temporary files start with {@link #TEMP_PREFIX}; listings hide them.
 */
final class AtomicFileWriter {
    static final String TEMP_PREFIX = ".cloudmount-tmp-";
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFileWriter.class);

    /** Fills the temporary file. */
    @FunctionalInterface
    interface Content {
        void writeTo(FileChannel out) throws IOException;
    }

    /** Bytes per {@code transferTo} call: large enough for the kernel's copy path, small enough for steady progress. */
    private static final long TRANSFER_CHUNK = 8L << 20;

    private final LocalFailures failures;

    AtomicFileWriter(LocalFailures failures) {
        this.failures = failures;
    }

    /**
     * @param existing the target's attributes (not following links), or {@code null} if it does not exist;
     *                 a regular file's permissions carry over to the new file
     */
    void replace(String path, Path target, BasicFileAttributes existing, Instant modified, Content content)
            throws ProviderException {
        if (existing != null && existing.isDirectory()) {
            throw new ProviderException.IsADirectory(path);
        }
        Path temp = createTemp(path, target);
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                content.writeTo(out);
            }
            if (existing instanceof PosixFileAttributes posix && existing.isRegularFile()) {
                Files.setPosixFilePermissions(temp, posix.permissions());
            }
            if (modified != null) {
                Files.setLastModifiedTime(temp, LocalAttributes.settable(modified));
            }
            moveOver(temp, target);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw failures.map(e, path, target);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    /** Content that is everything in {@code in}, reporting the bytes copied so far to {@code progress}. */
    static Content copyOf(FileChannel in, LongConsumer progress) {
        return out -> {
            long size = in.size();
            long position = 0;
            while (position < size) {
                long n = in.transferTo(position, Math.min(TRANSFER_CHUNK, size - position), out);
                if (n <= 0) {
                    break; // the source shrank while we copied
                }
                position += n;
                progress.accept(position);
            }
            progress.accept(position);
        };
    }

    private Path createTemp(String path, Path target) throws ProviderException {
        Path directory = target.getParent();
        while (true) {
            // Files.createFile (not createTempFile) so that the new file gets the default, umask-based mode.
            Path temp = directory.resolve(TEMP_PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong()));
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                continue;
            } catch (IOException e) {
                throw failures.map(e, path, target);
            }
        }
    }

    private static void moveOver(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Cannot happen for a sibling on one file system; kept so that an exotic one still works.
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.warn("could not remove temporary file {}", temp, e);
        }
    }
}
