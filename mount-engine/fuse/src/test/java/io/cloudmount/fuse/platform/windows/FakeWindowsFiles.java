package io.cloudmount.fuse.platform.windows;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** A Windows file tree for tests: paths compare case-insensitively, as on NTFS. */
final class FakeWindowsFiles implements WindowsFiles {
    private final Set<String> directories = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final Set<String> files = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, FileVersion> versions = new HashMap<>();

    FakeWindowsFiles directory(String path) {
        directories.add(path);
        return this;
    }

    FakeWindowsFiles file(String path) {
        files.add(path);
        return this;
    }

    FakeWindowsFiles dll(String path, FileVersion version) {
        files.add(path);
        versions.put(path.toLowerCase(Locale.ROOT), version);
        return this;
    }

    @Override
    public boolean exists(String path) {
        return isDirectory(path) || files.contains(path);
    }

    @Override
    public boolean isDirectory(String path) {
        return directories.contains(path) || (path.length() == 3 && path.endsWith(":\\"));
    }

    @Override
    public Optional<FileVersion> fileVersion(String path) {
        return Optional.ofNullable(versions.get(path.toLowerCase(Locale.ROOT)));
    }
}
