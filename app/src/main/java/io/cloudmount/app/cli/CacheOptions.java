package io.cloudmount.app.cli;

import io.cloudmount.engine.vfs.CacheSettings;
import io.cloudmount.engine.writeback.WritebackSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import picocli.CommandLine.Option;

/** Options of the write-back cache (used by drives whose store has no random write: S3). */
final class CacheOptions {
    static final long MIN_CACHE_SIZE = 1L << 20;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Where cached data and pending uploads live (default: ~/.cache/cloudmount/<drive>).")
    Path cacheDir;

    @Option(names = "--cache-size", paramLabel = "SIZE", converter = ByteSize.class, defaultValue = "10G",
            description = "Size limit of cached data (default ${DEFAULT-VALUE}).")
    long cacheSize;

    @Option(names = "--min-free-space", paramLabel = "SIZE", converter = ByteSize.class, defaultValue = "1G",
            description = "Free disk space the cache always leaves (default ${DEFAULT-VALUE}; never less than 4M, for its journal).")
    long minFreeSpace;

    @Option(names = "--write-back", paramLabel = "DELAY", converter = DurationConverter.class, defaultValue = "5s",
            description = "Delay between closing a file and its upload (default ${DEFAULT-VALUE}).")
    Duration writeBack;

    @Option(names = "--dir-cache-ttl", paramLabel = "T", converter = DurationConverter.class, defaultValue = "60s",
            description = "How long listings and attributes are trusted (default ${DEFAULT-VALUE}).")
    Duration dirCacheTtl;

    @Option(names = "--poll-interval", paramLabel = "T", converter = DurationConverter.class, defaultValue = "0s",
            description = "List recently viewed folders again this often to show changes made by other clients (0s = off, default).")
    Duration pollInterval;

    CacheSettings settings(String sourceId) throws CliFailure {
        // The cache holds data in chunks of 1 MiB (what a read fetches and keeps): below one chunk nothing
        // read can be kept, and every write past the limit fails with "No space left on device".
        if (cacheSize < MIN_CACHE_SIZE) {
            throw new CliFailure(ExitCode.USAGE, "--cache-size must be at least 1M (the cache keeps data in chunks of 1 MiB)");
        }
        Path dir = cacheDir != null ? cacheDir : defaultBase().resolve(driveFolder(sourceId));
        WritebackSettings defaults = WritebackSettings.defaults();
        WritebackSettings wb = new WritebackSettings(writeBack, defaults.maxConcurrent(), defaults.maxAttempts(),
                defaults.initialBackoff(), defaults.maxBackoff(), defaults.drainTimeout());
        return CacheSettings.defaults(dir.toAbsolutePath()).withLimits(cacheSize, minFreeSpace).withMetadataTtl(dirCacheTtl)
                .withWriteback(wb).withPollInterval(pollInterval);
    }

    /**
     * Creates the cache folder if needed and checks that the drive can write there, before the store is
     * opened: the S3 store keeps its journals in it too, and a folder that was a file or on a read-only
     * disk showed up as warnings from each of them, then "cannot prepare the drive: PATH".
     */
    static void prepareFolder(Path dir) throws CliFailure {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CliFailure(ExitCode.USAGE, "--cache-dir " + dir + " is a file, not a folder");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CliFailure(ExitCode.USAGE, "--cache-dir " + dir + " cannot be created: " + reason(e));
        }
        if (!Files.isWritable(dir)) {
            throw new CliFailure(ExitCode.USAGE, "--cache-dir " + dir + " is not writable (a read-only disk, or"
                    + " another user's folder); choose another cache folder");
        }
    }

    /** What went wrong, without repeating the path (the messages of NIO's exceptions are often just that). */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return (fs.getFile() != null && !fs.getFile().isEmpty() ? fs.getFile() + ": " : "") + fs.getReason();
        }
        if (e instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " is a file, not a folder";
        }
        return e.toString();
    }

    private static Path defaultBase() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "cloudmount")
                : Path.of(System.getProperty("user.home"), ".cache", "cloudmount");
    }

    /** One folder per source, stable across runs (pending uploads are found again), readable in a listing. */
    static String driveFolder(String sourceId) {
        String readable = sourceId.replaceAll("[^A-Za-z0-9._-]+", "_");
        if (readable.length() > 40) {
            readable = readable.substring(0, 40);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sourceId.getBytes(StandardCharsets.UTF_8));
            return readable + "-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
