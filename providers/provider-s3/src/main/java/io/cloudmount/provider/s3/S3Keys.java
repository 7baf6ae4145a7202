package io.cloudmount.provider.s3;

import io.cloudmount.provider.ObjectPaths;

/**
 * Maps SPI paths to S3 keys under the drive's prefix.
 *
 * <p>A file {@code /a/b} is the key {@code <prefix>/a/b}; a directory {@code /a} is every key that
 * starts with {@code <prefix>/a/}, and its (optional) marker object is exactly {@code <prefix>/a/}.
 */
final class S3Keys {
    /** Key prefix of the drive's root: {@code ""} or {@code "prefix/"}. */
    private final String root;

    S3Keys(String prefix) {
        this.root = prefix.isEmpty() ? "" : prefix + "/";
    }

    /** The key of the file at {@code path}. */
    String fileKey(String path) {
        if (ObjectPaths.isRoot(path)) {
            throw new IllegalArgumentException("the root is not a file");
        }
        return root + path.substring(1);
    }

    /** The key prefix of the directory at {@code path}, ending in {@code /} (or {@code ""} for a bucket root). */
    String dirPrefix(String path) {
        return ObjectPaths.isRoot(path) ? root : root + path.substring(1) + "/";
    }

    /** The key of the directory's marker object, or {@code null} for a drive at the bucket's root. */
    String markerKey(String path) {
        String prefix = dirPrefix(path);
        return prefix.isEmpty() ? null : prefix;
    }

    /** The path of {@code key}, which must lie below the root; a trailing {@code /} (a marker) is dropped. */
    String pathOf(String key) {
        if (!key.startsWith(root)) {
            throw new IllegalArgumentException("key outside the drive: " + key);
        }
        String rest = key.substring(root.length());
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        return "/" + rest;
    }
}
