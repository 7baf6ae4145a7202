package io.cloudmount.engine.vfs;

import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ObjectPaths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store requests of {@link MetadataCache} in flight, per directory, and the local changes made
 * while they were: an answer sent before an upload (or delete, rename) finished must not be cached
 * after that change was applied, or the change would be undone for a whole TTL. A change is recorded
 * for every fetch of its directory; an invalidation marks them discarded (their answer is returned to
 * the caller but not cached).
 *
 * <p>Every method runs under this object's monitor, which {@link MetadataCache} also holds while it
 * applies a change or stores an answer, so both happen in one order.
 */
final class Fetches {
    private final Map<String, List<Fetch>> running = new HashMap<>();

    /** One request (a LIST of all pages, or a stat) for entries of {@code directory}. */
    static final class Fetch {
        private final String directory;
        private final Map<String, Optional<ObjectInfo>> changes = new HashMap<>();
        private boolean discarded;

        private Fetch(String directory) {
            this.directory = directory;
        }

        /** Entry name to its state after local changes made while the request was out. */
        Map<String, Optional<ObjectInfo>> changes() {
            return changes;
        }

        boolean discarded() {
            return discarded;
        }
    }

    synchronized Fetch start(String directory) {
        Fetch fetch = new Fetch(directory);
        running.computeIfAbsent(directory, d -> new ArrayList<>(1)).add(fetch);
        return fetch;
    }

    synchronized void finish(Fetch fetch) {
        List<Fetch> same = running.get(fetch.directory);
        if (same != null) {
            same.remove(fetch);
            if (same.isEmpty()) {
                running.remove(fetch.directory);
            }
        }
    }

    /** The request failed: nothing to cache. */
    synchronized void abandon(Fetch fetch) {
        finish(fetch);
    }

    synchronized void record(String directory, String name, Optional<ObjectInfo> now) {
        for (Fetch fetch : running.getOrDefault(directory, List.of())) {
            fetch.changes.put(name, now);
        }
    }

    synchronized void discardAt(String directory) {
        for (Fetch fetch : running.getOrDefault(directory, List.of())) {
            fetch.discarded = true;
        }
    }

    synchronized void discardBelow(String directory) {
        running.forEach((dir, list) -> {
            if (ObjectPaths.isSameOrBelow(dir, directory)) {
                list.forEach(f -> f.discarded = true);
            }
        });
    }
}
