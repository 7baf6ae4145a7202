package io.cloudmount.engine.vfs;

import java.util.List;

/**
 * An open directory: a snapshot of its entries taken at opendir, so that readdir with offsets
 * (a large directory is read in several calls) sees one consistent list even while it changes.
 * Entry {@code i} has offset {@code i + 1}; offset 0 means "from the start".
 */
record DirHandle(String path, List<FileAttributes> entries) {
}
