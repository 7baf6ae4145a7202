package io.cloudmount.provider.memory;

import io.cloudmount.provider.ObjectInfo;
import java.time.Instant;

/**
 * An entry of the in-memory tree. Nodes do not know their names: a name is the key under which the
 * parent holds the node, so renaming a directory moves one reference, never its subtree.
 */
abstract sealed class MemNode permits MemDir, MemFile {
    // Volatile rather than locked: each is one value, written whole, read by stat and list.
    private volatile Instant modified;
    private volatile int mode;

    MemNode(Instant modified, int mode) {
        this.modified = modified;
        this.mode = mode;
    }

    final Instant modified() {
        return modified;
    }

    final void setModified(Instant modified) {
        this.modified = modified;
    }

    final int mode() {
        return mode;
    }

    final void setMode(int mode) {
        this.mode = mode;
    }

    /** What {@code stat} and {@code list} report for this node under {@code name}. */
    abstract ObjectInfo info(String name);
}
