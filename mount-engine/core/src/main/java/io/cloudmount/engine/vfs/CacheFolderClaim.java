package io.cloudmount.engine.vfs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A cache folder belongs to one store and serves one mount at a time.
 *
 * <p><b>One mount:</b> a lock on {@code lock} in the folder, held while mounted and released by the
 * operating system when the process ends, however it ends. Two mounts sharing a folder overwrote each
 * other's cache files: one read the other's bytes, and its upload then failed forever.
 *
 * <p><b>One store:</b> {@code store} in the folder names the store it caches
 * ({@link io.cloudmount.provider.StorageProvider#describe}). Files waiting for their upload are changes
 * to <em>that</em> store: mounted with another bucket, the folder would have sent them there. Where the
 * description differs only after {@code " at "} (the same bucket reached at another endpoint, say
 * http instead of https), it is the same store.
 */
final class CacheFolderClaim implements Closeable {
    static final String LOCK_FILE = "lock";
    static final String STORE_FILE = "store";
    private static final String AT = " at ";

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private CacheFolderClaim(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks the folder for this process, or says which process has it. */
    static CacheFolderClaim lock(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(LOCK_FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this JVM holds it already: another drive of this app
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            String holder;
            try {
                holder = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                holder = ""; // Windows: the holder's lock keeps others from reading the file
            }
            throw new IOException("the cache folder " + directory + " is in use by another mount"
                    + (holder.isEmpty() ? "" : " (process " + holder + ")")
                    + "; every drive needs a cache folder of its own");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
        return new CacheFolderClaim(directory, channel, lock);
    }

    /** The store the folder was last used for, if recorded. */
    Optional<String> recordedStore() throws IOException {
        try {
            return Optional.of(Files.readString(directory.resolve(STORE_FILE), StandardCharsets.UTF_8).strip())
                    .filter(s -> !s.isEmpty());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    void recordStore(String store) throws IOException {
        Files.writeString(directory.resolve(STORE_FILE), store + "\n", StandardCharsets.UTF_8);
    }

    static boolean sameStore(String recorded, String store) {
        return storePart(recorded).equals(storePart(store));
    }

    private static String storePart(String description) {
        int at = description.indexOf(AT);
        return at < 0 ? description : description.substring(0, at);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
