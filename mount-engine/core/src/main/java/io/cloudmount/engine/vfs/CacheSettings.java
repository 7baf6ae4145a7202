package io.cloudmount.engine.vfs;

import io.cloudmount.engine.writeback.WritebackSettings;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The write-back cache of one drive.
 *
 * @param directory        where cached data and the upload journal live (one folder per drive)
 * @param maxBytes         size limit of cached data; clean data is evicted least recently used first
 * @param minFreeBytes     free space to leave on the disk holding the cache
 * @param metadataTtl      how long attributes and listings of the store are trusted
 * @param writeback        upload delay, concurrency and retries
 * @param downloadThreads  parallel ranged downloads
 * @param localOnly        file-name globs (case-insensitive) kept local and never uploaded
 * @param pollInterval     how often recently listed directories are listed again to notice changes
 *                         made by other clients; {@link Duration#ZERO} turns polling off
 */
public record CacheSettings(Path directory, long maxBytes, long minFreeBytes, Duration metadataTtl,
                            WritebackSettings writeback, int downloadThreads, List<String> localOnly,
                            Duration pollInterval) {

    /** Office lock files, temporary files and Explorer's per-folder files: never worth uploading. */
    public static final List<String> DEFAULT_LOCAL_ONLY = List.of("~$*", "*.tmp", "thumbs.db", "desktop.ini");

    public CacheSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(metadataTtl, "metadataTtl");
        Objects.requireNonNull(writeback, "writeback");
        Objects.requireNonNull(pollInterval, "pollInterval");
        localOnly = List.copyOf(localOnly);
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("cache size must be positive");
        }
        if (minFreeBytes < 0 || downloadThreads < 1) {
            throw new IllegalArgumentException("min free space must be >= 0 and download threads >= 1");
        }
    }

    public static CacheSettings defaults(Path directory) {
        return new CacheSettings(directory, 10L << 30, 1L << 30, Duration.ofMinutes(1), WritebackSettings.defaults(), 8,
                DEFAULT_LOCAL_ONLY, Duration.ZERO);
    }

    public CacheSettings withWriteback(WritebackSettings value) {
        return new CacheSettings(directory, maxBytes, minFreeBytes, metadataTtl, value, downloadThreads, localOnly, pollInterval);
    }

    public CacheSettings withLimits(long max, long minFree) {
        return new CacheSettings(directory, max, minFree, metadataTtl, writeback, downloadThreads, localOnly, pollInterval);
    }

    public CacheSettings withMetadataTtl(Duration ttl) {
        return new CacheSettings(directory, maxBytes, minFreeBytes, ttl, writeback, downloadThreads, localOnly, pollInterval);
    }

    public CacheSettings withPollInterval(Duration interval) {
        return new CacheSettings(directory, maxBytes, minFreeBytes, metadataTtl, writeback, downloadThreads, localOnly, interval);
    }

    /** A matcher of file names against the {@link #localOnly} globs (case-insensitive); compiles them, so keep it. */
    java.util.function.Predicate<String> localOnlyMatcher() {
        List<PathMatcher> matchers = localOnly.stream()
                .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob.toLowerCase(Locale.ROOT)))
                .toList();
        return name -> {
            Path lower = Path.of(name.toLowerCase(Locale.ROOT));
            return matchers.stream().anyMatch(m -> m.matches(lower));
        };
    }
}
