package io.cloudmount.provider.memory;

import io.cloudmount.provider.Capabilities;
import io.cloudmount.provider.Capability;
import io.cloudmount.provider.ListPage;
import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ObjectPaths;
import io.cloudmount.provider.OpenMode;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.SpaceInfo;
import io.cloudmount.provider.StorageProvider;
import io.cloudmount.provider.UploadOptions;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A RAM drive: the reference provider and the engine's fast test double (the role of WinFsp's MEMFS).
 *
 * <p>Everything lives on the Java heap, so the JVM's {@code -Xmx} must exceed the capacity.
 * Writes beyond the capacity fail with {@link ProviderException.NoSpace} and change nothing; space
 * returns when files are deleted or truncated (for an unlinked file: when its last handle closes).
 * Handles stay bound to their file, so an unlinked or replaced open file keeps its content.
 *
 * <pre>{@code
 * StorageProvider ram = MemoryProvider.withCapacity(512L << 20);
 * StorageProvider test = MemoryProvider.builder().capacity(1 << 20).clock(fakeClock).listPageSize(10).build();
 * }</pre>
 */
public final class MemoryProvider implements StorageProvider {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryProvider.class);
    private static final Capabilities CAPABILITIES = Capabilities.of(
            Capability.ATOMIC_RENAME, Capability.DIRECTORY_RENAME, Capability.SERVER_SIDE_COPY,
            Capability.EMPTY_DIRECTORIES, Capability.MODIFICATION_TIMES, Capability.ETAGS,
            Capability.RANDOM_WRITE, Capability.POSIX_MODE);

    private final SpaceAccount space;
    private final Clock clock;
    private final int listPageSize;
    private final MemTree tree;

    private MemoryProvider(Builder builder) {
        this.space = new SpaceAccount(builder.capacity);
        this.clock = builder.clock;
        this.listPageSize = builder.listPageSize;
        this.tree = new MemTree(clock, space);
        LOG.debug("memory provider created with capacity {} bytes", builder.capacity);
    }

    /** A memory drive holding at most {@code capacityBytes} bytes of file content. */
    public static MemoryProvider withCapacity(long capacityBytes) {
        return builder().capacity(capacityBytes).build();
    }

    /**
     * The largest capacity this JVM can hold: four fifths of its maximum heap, the rest left for the
     * engine and the allocation slack of file pages. A larger drive fails writes with ENOMEM well before
     * it is full while {@code df} shows room, so front ends refuse one.
     */
    public static long largestCapacity() {
        return Runtime.getRuntime().maxMemory() / 5 * 4;
    }

    /** {@code preferred}, or half of {@link #largestCapacity()} where that is less: a default with room beside it. */
    public static long capacityThatFits(long preferred) {
        return Math.min(preferred, largestCapacity() / 2);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String describe() {
        return "memory (capacity " + space.capacity() + " bytes)";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public ObjectInfo stat(String path) throws ProviderException {
        return tree.stat(ObjectPaths.requireValid(path));
    }

    @Override
    public ListPage list(String directory, String pageToken) throws ProviderException {
        return tree.list(ObjectPaths.requireValid(directory), pageToken, listPageSize);
    }

    @Override
    public ObjectHandle open(String path, OpenMode mode) throws ProviderException {
        MemFile file = tree.referenceFile(ObjectPaths.requireValid(path));
        return new MemHandle(file, mode == OpenMode.READ_WRITE, path);
    }

    @Override
    public ObjectInfo createFile(String path, boolean exclusive) throws ProviderException {
        return tree.createFile(ObjectPaths.requireValid(path), exclusive);
    }

    /** Loads the whole source into a new file first, then swaps it in: readers never see a partial upload. */
    @Override
    public ObjectInfo upload(String path, Path source, UploadOptions options) throws ProviderException {
        ObjectPaths.requireValid(path);
        tree.requireFileSlot(path);
        MemFile file = new MemFile(clock, space);
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            file.load(in, options.progress(), path);
        } catch (ProviderException e) {
            throw e;
        } catch (IOException e) {
            throw new ProviderException.Io(path, "cannot read upload source " + source, e);
        }
        file.setModified(options.modified());
        linkOrDiscard(path, file);
        return file.info(ObjectPaths.name(path));
    }

    @Override
    public void mkdir(String path) throws ProviderException {
        tree.mkdir(ObjectPaths.requireValid(path));
    }

    @Override
    public void deleteFile(String path) throws ProviderException {
        tree.deleteFile(ObjectPaths.requireValid(path));
    }

    @Override
    public void deleteDirectory(String path) throws ProviderException {
        tree.deleteDirectory(ObjectPaths.requireValid(path));
    }

    @Override
    public void rename(String source, String target, boolean replace) throws ProviderException {
        tree.rename(ObjectPaths.requireValid(source), ObjectPaths.requireValid(target), replace);
    }

    /** Copies the pages (no sharing), so later writes to either file leave the other alone. */
    @Override
    public void copy(String source, String target) throws ProviderException {
        ObjectPaths.requireValid(source);
        ObjectPaths.requireValid(target);
        MemFile original = tree.referenceFile(source);
        try {
            tree.requireFileSlot(target);
            MemFile copy = original.duplicate(target);
            copy.setModified(clock.instant());
            linkOrDiscard(target, copy);
        } finally {
            original.unreference();
        }
    }

    @Override
    public void setModifiedTime(String path, Instant modified) throws ProviderException {
        Objects.requireNonNull(modified, "modified");
        tree.update(ObjectPaths.requireValid(path), node -> node.setModified(modified));
    }

    @Override
    public void setMode(String path, int mode) throws ProviderException {
        tree.update(ObjectPaths.requireValid(path), node -> node.setMode(mode & 07777));
    }

    @Override
    public SpaceInfo space() {
        return new SpaceInfo(space.capacity(), space.free());
    }

    /** Nothing to release: the content goes with the last reference to this provider. */
    @Override
    public void close() {
        LOG.debug("memory provider closed with {} bytes in use", space.used());
    }

    private void linkOrDiscard(String path, MemFile file) throws ProviderException {
        try {
            tree.link(path, file);
        } catch (ProviderException | RuntimeException e) {
            file.discard();
            throw e;
        }
    }

    /** Options of a {@link MemoryProvider}; each setter validates at once. */
    public static final class Builder {
        private long capacity = SpaceInfo.UNLIMITED.totalBytes();
        private Clock clock = Clock.systemUTC();
        private int listPageSize = 1000;

        private Builder() {
        }

        /** Most bytes of file content the drive holds; defaults to {@link SpaceInfo#UNLIMITED}. */
        public Builder capacity(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("capacity must be positive, was " + bytes);
            }
            this.capacity = bytes;
            return this;
        }

        /** Source of modification times for writes and new entries. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Entries per {@link #list} page; small values let tests exercise the engine's paging. */
        public Builder listPageSize(int entries) {
            if (entries < 1) {
                throw new IllegalArgumentException("listPageSize must be at least 1, was " + entries);
            }
            this.listPageSize = entries;
            return this;
        }

        public MemoryProvider build() {
            return new MemoryProvider(this);
        }
    }
}
