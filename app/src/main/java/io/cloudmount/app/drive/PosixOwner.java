package io.cloudmount.app.drive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The uid/gid that files on a drive appear to belong to: the user running the app. */
public final class PosixOwner {
    private PosixOwner() {
    }

    public static int uid() {
        return attribute("unix:uid");
    }

    public static int gid() {
        return attribute("unix:gid");
    }

    /** /proc/self belongs to this process's effective uid and gid; elsewhere (Windows) 0 is ignored. */
    private static int attribute(String name) {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), name);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 0;
        }
    }
}
