package io.cloudmount.fuse;

import io.cloudmount.fuse.platform.windows.DriveLetters;
import io.cloudmount.fuse.platform.windows.WindowsFiles;
import io.cloudmount.fuse.platform.windows.WindowsMountLifecycle;
import io.cloudmount.fuse.platform.windows.WindowsPlatform;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;

/** Drive letters and files of a Windows machine for the lifecycle tests: C: is taken; roots appear when told. */
final class FakeWindows implements WindowsFiles {
    static final WindowsPlatform PLATFORM = WindowsPlatform.forArch("x86_64");

    private final Set<String> existing = new ConcurrentSkipListSet<>(String.CASE_INSENSITIVE_ORDER);
    private final DriveLetters letters = DriveLetters.of('C');
    private final AtomicInteger queries = new AtomicInteger();
    private volatile String late;
    private volatile int lateAfter;

    WindowsMountLifecycle lifecycle() {
        return new WindowsMountLifecycle(PLATFORM, letters, this);
    }

    /** Makes {@code path} exist, as WinFsp does with the drive's root once it created the volume. */
    void appear(String path) {
        existing.add(path);
    }

    /** {@code path} exists from the {@code polls}+1st question on: the volume takes a while after init. */
    void appearAfterPolls(String path, int polls) {
        late = path;
        lateAfter = polls;
    }

    /** How often anyone asked whether something exists. */
    int queries() {
        return queries.get();
    }

    @Override
    public boolean exists(String path) {
        if (queries.incrementAndGet() > lateAfter && path.equalsIgnoreCase(late)) {
            existing.add(path);
        }
        return existing.contains(path);
    }

    @Override
    public boolean isDirectory(String path) {
        return existing.contains(path);
    }

    @Override
    public Optional<FileVersion> fileVersion(String path) {
        return Optional.empty();
    }
}
