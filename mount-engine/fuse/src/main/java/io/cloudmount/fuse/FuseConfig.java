package io.cloudmount.fuse;

import com.sun.jna.Pointer;

/**
 * {@code struct fuse_config} as handed to {@code init}. Only offsets 0-83 are the same in every
 * libfuse 3.x and WinFsp; later fields move between versions, so nothing past them is written.
 * Timeouts are passed as mount options instead; WinFsp ignores this struct altogether.
 */
final class FuseConfig {
    /** {@code hard_remove}: not a mount option in libfuse 3, only settable here. */
    static final int HARD_REMOVE = 60;
    /** End of the part whose layout is stable across versions. */
    static final int STABLE_END = 84;

    private FuseConfig() {
    }

    static void configure(Pointer config) {
        if (config == null) {
            return;
        }
        // Unlink really unlinks: our handles keep unlinked files readable, so libfuse need not hide
        // them as .fuse_hidden* files (which would show up in listings and block rmdir).
        config.setInt(HARD_REMOVE, 1);
    }
}
