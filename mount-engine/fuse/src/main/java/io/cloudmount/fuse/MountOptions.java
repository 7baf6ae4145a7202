package io.cloudmount.fuse;

import java.util.List;
import java.util.Objects;

/**
 * How to mount a drive.
 *
 * @param volumeName  shown by {@code df}/{@code mount} (fsname) and as the Windows volume label
 * @param readOnly    mount read-only (the kernel refuses writes before they reach us)
 * @param allowOther  let other users see the mount (needs {@code user_allow_other} in /etc/fuse.conf for non-root)
 * @param threads     maximum FUSE worker threads
 * @param debug       log every operation
 * @param cache       kernel caching
 * @param extraOptions further {@code -o} options passed verbatim
 */
public record MountOptions(String volumeName, boolean readOnly, boolean allowOther, int threads, boolean debug,
                           KernelCachePolicy cache, List<String> extraOptions) {
    public static final int DEFAULT_THREADS = 10;

    public MountOptions {
        Objects.requireNonNull(volumeName, "volumeName");
        Objects.requireNonNull(cache, "cache");
        extraOptions = List.copyOf(extraOptions);
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be between 1 and 256, not " + threads);
        }
        if (volumeName.isBlank() || volumeName.chars().anyMatch(c -> c == ',' || c == '\\' || c < 32)) {
            throw new IllegalArgumentException("volume name must be non-empty without commas, backslashes or control characters");
        }
    }

    public static MountOptions defaults(String volumeName, KernelCachePolicy cache) {
        return new MountOptions(volumeName, false, false, DEFAULT_THREADS, false, cache, List.of());
    }
}
