package io.cloudmount.engine.cache;

import io.cloudmount.engine.FsErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache directory on disk: {@code data/<name>} holds a (sparse) copy of the file's bytes and
 * {@code meta/<name>.meta} its {@link ItemRecord}. A name is the SHA-256 (hex) of the key the item was
 * created under, with {@code -1}, {@code -2}… appended while that name is still taken; after a rename
 * it no longer matches the key, which is fine: the record's key is authoritative and the name is only
 * an identifier. Names are tracked in a concurrent set so that items can release theirs without the
 * {@link DataCache} lock.
 */
final class CacheFiles {
    private static final Logger LOG = LoggerFactory.getLogger(CacheFiles.class);
    static final String META_SUFFIX = ".meta";
    static final String TEMP_SUFFIX = ".tmp";

    private final Path root;
    private final Path data;
    private final Path meta;
    private final Set<String> names = ConcurrentHashMap.newKeySet();

    CacheFiles(Path root) throws IOException {
        this.root = root;
        this.data = root.resolve("data");
        this.meta = root.resolve("meta");
        Files.createDirectories(data);
        Files.createDirectories(meta);
    }

    Path root() {
        return root;
    }

    Path dataFile(String name) {
        return data.resolve(name);
    }

    Path metaFile(String name) {
        return meta.resolve(name + META_SUFFIX);
    }

    /** A new item's name and its data file, created empty and left open for the item's first I/O. */
    record Created(String name, FileChannel channel) {
    }

    /**
     * Claims a free name for a new item of {@code key} and creates its empty data file, open for
     * reading and writing: a new item is written at once (a created file), and handing the channel on
     * saves opening the file a second time.
     */
    Created create(String key) throws IOException {
        String hash = sha256(key);
        String name = hash;
        for (int n = 1; !names.add(name); n++) {
            name = hash + "-" + n;
        }
        try {
            // SPARSE: on NTFS unwritten ranges then take no space; elsewhere holes are the default.
            return new Created(name, FileChannel.open(dataFile(name), StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.SPARSE));
        } catch (IOException e) {
            names.remove(name);
            throw e;
        }
    }

    /** Deletes both files of an item and frees its name. */
    void delete(String name) throws IOException {
        try {
            Files.deleteIfExists(metaFile(name));
            Files.deleteIfExists(dataFile(name));
        } finally {
            names.remove(name);
        }
    }

    void deleteRecord(String name) throws IOException {
        Files.deleteIfExists(metaFile(name));
    }

    /**
     * Replaces the record atomically (temporary file + rename), so a reader after a crash sees the old
     * record or the new one, never a mix. {@code durable} also forces the bytes and the rename to disk.
     *
     * <p>{@code first}: the item has no record on disk yet (none was ever written under this name), so
     * there is nothing to keep intact and the record is written in place, saving the temporary file's
     * rename (one of the costs of every new file). A crash in the middle leaves a torn record, which the
     * next start discards with the data, like a crash just before it: the state this record was to
     * replace is "no record".
     */
    void writeRecord(String name, ItemRecord record, boolean durable, boolean first) throws IOException {
        Path target = metaFile(name);
        Path written = first ? target : meta.resolve(name + META_SUFFIX + TEMP_SUFFIX);
        byte[] encoded = record.encode();
        try (FileChannel out = FileChannel.open(written, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(encoded);
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            if (durable) {
                out.force(true);
            }
        } catch (IOException e) {
            if (first || !FsErrors.isNoSpace(e)) {
                throw e;
            }
            // The disk is full: no block for the temporary copy. Left as it is, the old record would later
            // be trusted (a file cut to an older size and uploaded so, or one uploaded already sent again
            // from its old state); rewriting it where it stands needs no new block.
            Files.deleteIfExists(written);
            overwrite(target, encoded, durable);
            return;
        }
        if (!first) {
            try {
                Files.move(written, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(written, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (durable) {
            forceDirectory(meta);
        }
    }

    /**
     * Writes {@code bytes} over the record {@code file} where it stands, then cuts what is left of the
     * old one: no new block is taken as long as the new record fits in the blocks the old one has (a
     * record is a few hundred bytes, one block). Not atomic: a crash in the middle leaves a torn record,
     * which the next start discards. Refused (ENOSPC, the old record left intact) where the new record
     * would need another block.
     */
    private static void overwrite(Path file, byte[] bytes, boolean durable) throws IOException {
        long block = Math.max(Files.getFileStore(file).getBlockSize(), 512);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long allocated = (out.size() + block - 1) / block * block;
            if (bytes.length > allocated) {
                throw new IOException("No space left on device to rewrite the cache record " + file);
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer, buffer.position());
            }
            out.truncate(bytes.length);
            if (durable) {
                out.force(true);
            }
        }
        LOG.debug("Rewrote the cache record {} in place: no room for a temporary copy", file);
    }

    /**
     * One item found on disk at start-up.
     *
     * @param recordTime when the record file was last written (its file system time), read only for a
     *                   record without a modification time (of an older version); else or if unknown
     *                   {@code null}
     */
    record Found(String name, ItemRecord record, long dataLength, Instant recordTime) {
    }

    /**
     * Reads every record, discarding (with a WARN) temporary files, unreadable or corrupt records and
     * records whose data file is gone, then deletes data files that no record claims. Claims the names
     * of what it returns.
     */
    List<Found> scan() throws IOException {
        List<Found> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(meta)) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                if (!fileName.endsWith(META_SUFFIX)) {
                    LOG.debug("Deleting stray cache file {}", file);
                    Files.deleteIfExists(file);
                    continue;
                }
                String name = fileName.substring(0, fileName.length() - META_SUFFIX.length());
                ItemRecord record;
                try {
                    record = ItemRecord.decode(Files.readAllBytes(file));
                } catch (IllegalArgumentException | IOException e) {
                    LOG.warn("Discarding unreadable cache record {}: {}", file, e.getMessage());
                    Files.deleteIfExists(file);
                    continue;
                }
                long length;
                try {
                    length = Files.size(dataFile(name));
                } catch (NoSuchFileException e) {
                    LOG.warn("Discarding cache record of {}: its data file is missing{}", record.key(),
                            record.dirty() ? " (its local changes are lost)" : "");
                    Files.deleteIfExists(file);
                    continue;
                }
                names.add(name);
                found.add(new Found(name, record, length, record.modified() == null ? fileTime(file) : null));
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(data)) {
            for (Path file : files) {
                if (!names.contains(file.getFileName().toString())) {
                    LOG.debug("Deleting cache data without a record: {}", file);
                    Files.deleteIfExists(file);
                }
            }
        }
        return found;
    }

    private static Instant fileTime(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            LOG.debug("Cannot read the time of {}: {}", file, e.toString());
            return null;
        }
    }

    /** Makes a rename inside {@code directory} durable; not possible (nor needed) on Windows. */
    private static void forceDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.trace("Cannot force directory {}: {}", directory, e.toString());
        }
    }

    static String sha256(String key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
