package io.cloudmount.provider.memory;

import io.cloudmount.provider.ListPage;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ObjectPaths;
import io.cloudmount.provider.ProviderException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The namespace: which node lives under which path. One read-write lock guards every directory's
 * children; lookups share it, structural changes take it exclusively. File content is never touched
 * under this lock except to read a size for {@link ObjectInfo} (lock order: namespace, then file).
 * Work that may wait on a file's lock (truncating, freeing) runs after the namespace lock is released.
 *
 * <p>Every entry is charged to the {@link SpaceAccount} ({@link #entryBytes}) when it is made and given
 * back when it is removed or replaced, so that empty files, folders and long names fill the drive too
 * instead of the heap.
 *
 * <p>Paths reaching this class are already validated with {@link ObjectPaths#requireValid}.
 * Methods named {@code ...Locked} expect the caller to hold the lock.
 */
final class MemTree {
    /** Heap an entry holds besides its content (node, locks, map entry); its name is charged on top. */
    static final int ENTRY_BYTES = 256;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final MemDir root;
    private final Clock clock;
    private final SpaceAccount space;

    MemTree(Clock clock, SpaceAccount space) {
        this.clock = clock;
        this.space = space;
        this.root = new MemDir(clock.instant());
    }

    ObjectInfo stat(String path) throws ProviderException {
        lock.readLock().lock();
        try {
            return lookupLocked(path).info(ObjectPaths.name(path));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Up to {@code pageSize} children after the name in {@code pageToken}; the token is the last name returned. */
    ListPage list(String path, String pageToken, int pageSize) throws ProviderException {
        lock.readLock().lock();
        try {
            if (!(lookupLocked(path) instanceof MemDir dir)) {
                throw new ProviderException.NotADirectory(path);
            }
            NavigableMap<String, MemNode> rest = pageToken == null ? dir.children : dir.children.tailMap(pageToken, false);
            List<ObjectInfo> entries = new ArrayList<>(Math.min(pageSize, dir.children.size())); // a tail view counts in O(n)
            for (var entry : rest.entrySet()) {
                if (entries.size() == pageSize) {
                    return new ListPage(entries, entries.get(pageSize - 1).name());
                }
                entries.add(entry.getValue().info(entry.getKey()));
            }
            return new ListPage(entries, null);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The file at {@code path} with one more reference; the caller must {@link MemFile#unreference()} it. */
    MemFile referenceFile(String path) throws ProviderException {
        lock.readLock().lock();
        try {
            if (!(lookupLocked(path) instanceof MemFile file)) {
                throw new ProviderException.IsADirectory(path);
            }
            file.reference();
            return file;
        } finally {
            lock.readLock().unlock();
        }
    }

    ObjectInfo createFile(String path, boolean exclusive) throws ProviderException {
        if (ObjectPaths.isRoot(path)) {
            throw exclusive ? new ProviderException.AlreadyExists(path) : new ProviderException.IsADirectory(path);
        }
        String name = ObjectPaths.name(path);
        MemFile existingFile;
        lock.writeLock().lock();
        try {
            MemDir parent = parentLocked(path);
            MemNode existing = parent.children.get(name);
            if (existing == null) {
                reserveEntry(name, path);
                MemFile fresh = new MemFile(clock, space);
                parent.children.put(name, fresh);
                parent.setModified(clock.instant());
                return fresh.info(name);
            }
            if (exclusive) {
                throw new ProviderException.AlreadyExists(path);
            }
            if (!(existing instanceof MemFile file)) {
                throw new ProviderException.IsADirectory(path);
            }
            existingFile = file;
        } finally {
            lock.writeLock().unlock();
        }
        existingFile.truncate(0, path);
        return existingFile.info(name);
    }

    void mkdir(String path) throws ProviderException {
        if (ObjectPaths.isRoot(path)) {
            throw new ProviderException.AlreadyExists(path);
        }
        lock.writeLock().lock();
        try {
            MemDir parent = parentLocked(path);
            String name = ObjectPaths.name(path);
            if (parent.children.containsKey(name)) {
                throw new ProviderException.AlreadyExists(path);
            }
            reserveEntry(name, path);
            parent.children.put(name, new MemDir(clock.instant()));
            parent.setModified(clock.instant());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Fails early, before an upload or copy does its work, if {@code path} cannot take a file. */
    void requireFileSlot(String path) throws ProviderException {
        if (ObjectPaths.isRoot(path)) {
            throw new ProviderException.IsADirectory(path);
        }
        lock.readLock().lock();
        try {
            if (parentLocked(path).children.get(ObjectPaths.name(path)) instanceof MemDir) {
                throw new ProviderException.IsADirectory(path);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Puts {@code file} at {@code path}, replacing an existing file (whose handles keep the old content). */
    void link(String path, MemFile file) throws ProviderException {
        MemNode replaced;
        lock.writeLock().lock();
        try {
            MemDir parent = parentLocked(path);
            String name = ObjectPaths.name(path);
            MemNode existing = parent.children.get(name);
            if (existing instanceof MemDir) {
                throw new ProviderException.IsADirectory(path);
            }
            if (existing == null) {
                reserveEntry(name, path);
            }
            replaced = parent.children.put(name, file);
            parent.setModified(clock.instant());
        } finally {
            lock.writeLock().unlock();
        }
        if (replaced instanceof MemFile old) {
            old.unlink();
        }
    }

    void deleteFile(String path) throws ProviderException {
        MemFile removed;
        lock.writeLock().lock();
        try {
            if (ObjectPaths.isRoot(path)) {
                throw new ProviderException.IsADirectory(path);
            }
            MemDir parent = parentLocked(path);
            MemNode node = childLocked(parent, path);
            if (!(node instanceof MemFile file)) {
                throw new ProviderException.IsADirectory(path);
            }
            parent.children.remove(ObjectPaths.name(path));
            space.release(entryBytes(ObjectPaths.name(path)));
            parent.setModified(clock.instant());
            removed = file;
        } finally {
            lock.writeLock().unlock();
        }
        removed.unlink();
    }

    void deleteDirectory(String path) throws ProviderException {
        if (ObjectPaths.isRoot(path)) {
            throw new ProviderException.InvalidName(path, "the root cannot be deleted");
        }
        lock.writeLock().lock();
        try {
            MemDir parent = parentLocked(path);
            MemNode node = childLocked(parent, path);
            if (!(node instanceof MemDir dir)) {
                throw new ProviderException.NotADirectory(path);
            }
            if (!dir.children.isEmpty()) {
                throw new ProviderException.NotEmpty(path);
            }
            parent.children.remove(ObjectPaths.name(path));
            space.release(entryBytes(ObjectPaths.name(path)));
            parent.setModified(clock.instant());
        } finally {
            lock.writeLock().unlock();
        }
    }

    void rename(String source, String target, boolean replace) throws ProviderException {
        if (ObjectPaths.isRoot(source) || ObjectPaths.isRoot(target)) {
            throw new ProviderException.InvalidName(ObjectPaths.isRoot(source) ? source : target, "the root cannot be renamed");
        }
        MemNode replaced;
        lock.writeLock().lock();
        try {
            MemDir sourceParent = parentLocked(source);
            MemNode node = childLocked(sourceParent, source);
            MemDir targetParent = parentLocked(target);
            if (source.equals(target)) {
                return;
            }
            if (node instanceof MemDir && ObjectPaths.isSameOrBelow(target, source)) {
                throw new ProviderException.InvalidName(target, "a directory cannot move into itself");
            }
            String targetName = ObjectPaths.name(target);
            replaced = targetParent.children.get(targetName);
            if (replaced != null) {
                checkReplaceable(node, replaced, target, replace);
            }
            // The moved entry now holds the target's name; a replaced entry gives its whole charge back.
            String sourceName = ObjectPaths.name(source);
            long growth = entryBytes(targetName) - entryBytes(sourceName) - (replaced == null ? 0 : entryBytes(targetName));
            if (growth > 0) {
                reserveBytes(growth, target);
            } else {
                space.release(-growth);
            }
            sourceParent.children.remove(sourceName);
            targetParent.children.put(targetName, node);
            sourceParent.setModified(clock.instant());
            targetParent.setModified(clock.instant());
        } finally {
            lock.writeLock().unlock();
        }
        if (replaced instanceof MemFile old) {
            old.unlink();
        }
    }

    /** Runs {@code change} on the node at {@code path} (metadata only: times, modes). */
    void update(String path, Consumer<MemNode> change) throws ProviderException {
        lock.readLock().lock();
        try {
            change.accept(lookupLocked(path));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** What an entry named {@code name} is charged: {@link #ENTRY_BYTES} and its name (UTF-16 at worst). */
    static long entryBytes(String name) {
        return ENTRY_BYTES + 2L * name.length();
    }

    private void reserveEntry(String name, String path) throws ProviderException.NoSpace {
        reserveBytes(entryBytes(name), path);
    }

    private void reserveBytes(long bytes, String path) throws ProviderException.NoSpace {
        if (!space.tryReserve(bytes)) {
            throw new ProviderException.NoSpace(path, "memory drive is full");
        }
    }

    // POSIX rename(2) rules: like replaces like, and a directory only replaces an empty one.
    private static void checkReplaceable(MemNode node, MemNode existing, String target, boolean replace)
            throws ProviderException {
        if (!replace) {
            throw new ProviderException.AlreadyExists(target);
        }
        if (node instanceof MemFile && existing instanceof MemDir) {
            throw new ProviderException.IsADirectory(target);
        }
        if (node instanceof MemDir && existing instanceof MemFile) {
            throw new ProviderException.NotADirectory(target);
        }
        if (existing instanceof MemDir dir && !dir.children.isEmpty()) {
            throw new ProviderException.NotEmpty(target);
        }
    }

    private MemNode lookupLocked(String path) throws ProviderException {
        MemNode node = root;
        int start = 1;
        while (start < path.length()) {
            if (!(node instanceof MemDir dir)) {
                throw new ProviderException.NotADirectory(path);
            }
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            node = dir.children.get(path.substring(start, end));
            if (node == null) {
                throw new ProviderException.NotFound(path);
            }
            start = end + 1;
        }
        return node;
    }

    /** The directory that holds (or would hold) {@code path}. */
    private MemDir parentLocked(String path) throws ProviderException {
        if (ObjectPaths.isRoot(path)) {
            throw new ProviderException.InvalidName(path, "the root has no parent");
        }
        String parentPath = ObjectPaths.parent(path);
        if (!(lookupLocked(parentPath) instanceof MemDir dir)) {
            throw new ProviderException.NotADirectory(parentPath);
        }
        return dir;
    }

    private static MemNode childLocked(MemDir parent, String path) throws ProviderException {
        MemNode node = parent.children.get(ObjectPaths.name(path));
        if (node == null) {
            throw new ProviderException.NotFound(path);
        }
        return node;
    }
}
