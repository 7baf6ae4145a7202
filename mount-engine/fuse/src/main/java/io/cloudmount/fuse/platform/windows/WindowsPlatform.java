package io.cloudmount.fuse.platform.windows;

import io.cloudmount.fuse.platform.NativePlatform;

/** Placeholder until the WinFsp tables land (issue: Windows on WinFsp). */
public final class WindowsPlatform {
    private WindowsPlatform() {
    }

    public static NativePlatform forArch(String arch) {
        throw new UnsupportedOperationException("WinFsp support is not built yet");
    }
}
