package io.cloudmount.provider;

/**
 * Capacity of a store as shown by {@code df} and Explorer.
 * Stores without a real limit (S3) report {@link #UNLIMITED}.
 */
public record SpaceInfo(long totalBytes, long freeBytes) {
    /** 1 PiB: large enough that no tool refuses a copy, small enough for every 64-bit counter. */
    public static final SpaceInfo UNLIMITED = new SpaceInfo(1L << 50, 1L << 50);

    public SpaceInfo {
        if (totalBytes < 0 || freeBytes < 0) {
            throw new IllegalArgumentException("negative space: total=" + totalBytes + " free=" + freeBytes);
        }
    }
}
