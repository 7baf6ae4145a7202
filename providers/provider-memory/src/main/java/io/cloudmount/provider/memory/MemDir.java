package io.cloudmount.provider.memory;

import io.cloudmount.provider.EntryType;
import io.cloudmount.provider.ObjectInfo;
import java.time.Instant;
import java.util.TreeMap;

/** A directory: its children by name, sorted so that list pages can resume after the last name. */
final class MemDir extends MemNode {
    static final int DEFAULT_MODE = 0755;

    /** Guarded by {@link MemTree}'s namespace lock. */
    final TreeMap<String, MemNode> children = new TreeMap<>();

    MemDir(Instant modified) {
        super(modified, DEFAULT_MODE);
    }

    @Override
    ObjectInfo info(String name) {
        return new ObjectInfo(name, EntryType.DIRECTORY, 0, modified(), null, mode());
    }
}
