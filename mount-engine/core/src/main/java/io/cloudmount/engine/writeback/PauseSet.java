package io.cloudmount.engine.writeback;

import io.cloudmount.provider.ObjectPaths;
import java.util.HashMap;
import java.util.Map;

/**
 * The paths and directories under which no upload may start. Pauses are counted, so two overlapping
 * renames each hold their own. Not thread-safe: guarded by the queue's lock.
 */
final class PauseSet {
    private final Map<String, Integer> counts = new HashMap<>();

    void add(String pathOrDirectory) {
        counts.merge(pathOrDirectory, 1, Integer::sum);
    }

    /** Releases one pause of exactly this path; false if there was none. */
    boolean remove(String pathOrDirectory) {
        Integer count = counts.get(pathOrDirectory);
        if (count == null) {
            return false;
        }
        if (count == 1) {
            counts.remove(pathOrDirectory);
        } else {
            counts.put(pathOrDirectory, count - 1);
        }
        return true;
    }

    /** True if a pause is held on {@code path} or on a directory above it. */
    boolean covers(String path) {
        for (String paused : counts.keySet()) {
            if (ObjectPaths.isSameOrBelow(path, paused)) {
                return true;
            }
        }
        return false;
    }
}
