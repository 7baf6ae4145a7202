package io.cloudmount.engine.vfs;

/**
 * Volume figures for statfs/{@code df}, in blocks of {@link #blockSize}.
 */
public record StatFs(long blockSize, long totalBlocks, long freeBlocks, long totalFiles, long freeFiles, int maxNameLength) {
}
