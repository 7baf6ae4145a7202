package io.cloudmount.engine.vfs;

import java.time.Clock;
import java.util.Objects;

/**
 * How a drive is presented.
 *
 * @param readOnly   refuse every change with EROFS
 * @param uid        owner reported for every entry
 * @param gid        group reported for every entry
 * @param fileMode   permission bits of files whose store keeps none
 * @param dirMode    permission bits of directories whose store keeps none
 * @param clock      time source for new modification times (injected for tests)
 */
public record VfsOptions(boolean readOnly, int uid, int gid, int fileMode, int dirMode, Clock clock) {
    public VfsOptions {
        Objects.requireNonNull(clock, "clock");
    }

    public static VfsOptions defaults() {
        return new VfsOptions(false, 0, 0, 0644, 0755, Clock.systemUTC());
    }

    public VfsOptions withReadOnly(boolean value) {
        return new VfsOptions(value, uid, gid, fileMode, dirMode, clock);
    }

    public VfsOptions withOwner(int newUid, int newGid) {
        return new VfsOptions(readOnly, newUid, newGid, fileMode, dirMode, clock);
    }

    public VfsOptions withClock(Clock newClock) {
        return new VfsOptions(readOnly, uid, gid, fileMode, dirMode, newClock);
    }
}
