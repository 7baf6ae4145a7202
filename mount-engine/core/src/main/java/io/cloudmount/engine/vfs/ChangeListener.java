package io.cloudmount.engine.vfs;

/**
 * Told when the engine learns that a path changed beside the mount (a new remote version found on
 * open, a conflict copy written), so the frontend can drop the kernel's cached pages and names
 * ({@code fuse_invalidate_path} on Linux, a change notification for Explorer on Windows).
 */
@FunctionalInterface
public interface ChangeListener {
    void changed(String path);

    ChangeListener NONE = path -> { };
}
