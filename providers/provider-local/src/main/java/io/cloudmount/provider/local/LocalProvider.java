package io.cloudmount.provider.local;

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
import io.cloudmount.provider.local.Confinement.Target;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors a local folder 1:1 (the role of WinFsp's passthrough sample): each SPI path is the same
 * relative path below the root folder, and handles are {@link FileChannel}s on the real files.
 *
 * <h2>Symbolic links</h2>
 * The SPI has no links, and the drive must never expose anything outside its root folder:
 * <ul>
 *   <li>A link whose real target lies inside the root is followed: it appears as its target's type,
 *       size and times, under the link's own name.</li>
 *   <li>A link whose target lies outside the root, or that dangles, is <b>hidden from listings</b>;
 *       naming it directly fails with {@link ProviderException.AccessDenied} (outside) or
 *       {@link ProviderException.NotFound} (dangling). The same holds for a path that passes through a
 *       linked directory leading outside. FIFOs, sockets and devices are treated like escaping links.</li>
 *   <li>Operations on names ({@code deleteFile}, {@code rename}, and {@code upload}/{@code copy}, which
 *       replace the target name) act on a link itself, never on what it points to.
 *       {@code deleteDirectory} of a link to a folder removes the link (it is listed as a folder).</li>
 *   <li>Nothing is deleted <em>through</em> a linked folder ({@link ProviderException.AccessDenied}):
 *       a recursive delete that walks into it must not empty the folder the link names.</li>
 * </ul>
 * See {@link Confinement} for how this is checked cheaply and for its limits.
 *
 * <h2>Performance</h2>
 * {@code stat} is one {@code lstat} (a second only for links); listings come in one page with the
 * attributes read by {@code fstatat} on the open directory. Data moves between the caller's buffer and
 * the kernel without an extra copy.
 *
 * <p>No ETags: local files have no cheap content fingerprint.
 */
public final class LocalProvider implements StorageProvider {
    private static final Logger LOG = LoggerFactory.getLogger(LocalProvider.class);
    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    private static final Set<OpenOption> READ_WRITE =
            Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

    private final Path root;
    private final FileStore store;
    private final Capabilities capabilities;
    private final LocalAttributes attributes;
    private final LocalFailures failures;
    private final Confinement confinement;
    private final LocalListing listing;
    private final LocalRename renames;
    private final AtomicFileWriter writer;

    /**
     * @param folder an existing directory; a link to one is resolved once, here
     * @throws ProviderException.NotFound       if {@code folder} does not exist
     * @throws ProviderException.NotADirectory  if it is not a directory
     */
    public LocalProvider(Path folder) throws ProviderException {
        Objects.requireNonNull(folder, "folder");
        try {
            this.root = folder.toRealPath();
            if (!Files.isDirectory(root)) {
                throw new ProviderException.NotADirectory(folder.toString());
            }
            this.store = Files.getFileStore(root);
        } catch (NoSuchFileException e) {
            throw new ProviderException.NotFound(folder.toString());
        } catch (ProviderException e) {
            throw e;
        } catch (IOException e) {
            throw new ProviderException.Io(folder.toString(), "cannot open the drive folder", e);
        }
        boolean posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
        this.capabilities = posix
                ? Capabilities.of(Capability.ATOMIC_RENAME, Capability.DIRECTORY_RENAME, Capability.SERVER_SIDE_COPY,
                        Capability.EMPTY_DIRECTORIES, Capability.MODIFICATION_TIMES, Capability.RANDOM_WRITE,
                        Capability.POSIX_MODE)
                : Capabilities.of(Capability.ATOMIC_RENAME, Capability.DIRECTORY_RENAME, Capability.SERVER_SIDE_COPY,
                        Capability.EMPTY_DIRECTORIES, Capability.MODIFICATION_TIMES, Capability.RANDOM_WRITE);
        this.attributes = new LocalAttributes(posix);
        this.failures = new LocalFailures(root, store);
        this.confinement = new Confinement(root, attributes, failures, System::nanoTime);
        this.listing = new LocalListing(confinement, attributes, failures);
        this.renames = new LocalRename(confinement, attributes, failures);
        this.writer = new AtomicFileWriter(failures);
        warnIfNamesAreNotUtf8();
        LOG.debug("local provider over {}", root);
    }

    @Override
    public String describe() {
        return "local:" + root;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public ObjectInfo stat(String path) throws ProviderException {
        BasicFileAttributes found = confinement.locate(path, true).attributes();
        return attributes.toInfo(ObjectPaths.name(path), found);
    }

    /** All entries in one page; see {@link LocalListing} for what stays hidden. */
    @Override
    public ListPage list(String directory, String pageToken) throws ProviderException {
        return listing.list(directory);
    }

    @Override
    public ObjectHandle open(String path, OpenMode mode) throws ProviderException {
        Target target = confinement.locate(path, true);
        if (target.attributes().isDirectory()) {
            throw new ProviderException.IsADirectory(path);
        }
        boolean writable = mode == OpenMode.READ_WRITE;
        try {
            return new LocalHandle(FileChannel.open(target.path(), writable ? READ_WRITE : READ), writable, path, failures);
        } catch (IOException e) {
            throw failures.map(e, path, target.path());
        }
    }

    @Override
    public ObjectInfo createFile(String path, boolean exclusive) throws ProviderException {
        if (ObjectPaths.isRoot(path)) {
            throw exclusive ? new ProviderException.AlreadyExists(path) : new ProviderException.IsADirectory(path);
        }
        Path host = confinement.enter(path);
        try {
            try {
                // New names are the common case (the kernel looked the name up first): O_CREAT|O_EXCL
                // straight away, without an lstat that fails (and costs an exception) first.
                Files.createFile(host);
                return attributes.toInfo(ObjectPaths.name(path), attributes.read(host, false));
            } catch (FileAlreadyExistsException e) {
                if (exclusive) {
                    throw e;
                }
            }
            Target existing = confinement.locate(path, false);
            if (existing != null && existing.attributes().isDirectory()) {
                throw new ProviderException.IsADirectory(path);
            }
            Path file = existing == null ? host : existing.path();
            FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS).close();
            return attributes.toInfo(ObjectPaths.name(path), attributes.read(file, false));
        } catch (IOException e) {
            throw failures.map(e, path, host);
        }
    }

    @Override
    public ObjectInfo upload(String path, Path source, UploadOptions options) throws ProviderException {
        Path host = confinement.enter(path);
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            writer.replace(path, host, existingOrNull(path, host), options.modified(),
                    AtomicFileWriter.copyOf(in, options.progress()));
            return stat(path);
        } catch (ProviderException e) {
            throw e;
        } catch (IOException e) {
            throw new ProviderException.Io(path, "cannot read upload source " + source, e);
        }
    }

    @Override
    public void mkdir(String path) throws ProviderException {
        if (ObjectPaths.isRoot(path)) {
            throw new ProviderException.AlreadyExists(path);
        }
        Path host = confinement.enter(path);
        try {
            Files.createDirectory(host);
        } catch (IOException e) {
            throw failures.map(e, path, host);
        }
        confinement.trustCreatedDirectory(path);
    }

    @Override
    public void deleteFile(String path) throws ProviderException {
        if (ObjectPaths.isRoot(path)) {
            throw new ProviderException.IsADirectory(path);
        }
        Path host = confinement.enterToRemove(path);
        try {
            // Files.delete would also remove an empty directory; unlink semantics need this check.
            if (attributes.read(host, false).isDirectory()) {
                throw new ProviderException.IsADirectory(path);
            }
            Files.delete(host);
        } catch (IOException e) {
            throw failures.map(e, path, host);
        }
    }

    @Override
    public void deleteDirectory(String path) throws ProviderException {
        if (ObjectPaths.isRoot(path)) {
            throw new ProviderException.InvalidName(path, "the root cannot be deleted");
        }
        Path host = confinement.enterToRemove(path);
        try {
            BasicFileAttributes found = attributes.read(host, false);
            if (found.isSymbolicLink() && confinement.locate(path, true).attributes().isDirectory()) {
                Files.delete(host); // a linked folder, listed as a folder: removing it removes the link only
                return;
            }
            if (!found.isDirectory()) {
                throw new ProviderException.NotADirectory(path);
            }
            Files.delete(host);
        } catch (IOException e) {
            throw failures.map(e, path, host);
        } finally {
            confinement.forget(path); // a link moved here later must be checked, not trusted as this folder
        }
    }

    @Override
    public void rename(String source, String target, boolean replace) throws ProviderException {
        renames.rename(source, target, replace);
    }

    /** Copies through a temporary file beside the target, like {@link #upload}; the copy gets a fresh mtime. */
    @Override
    public void copy(String source, String target) throws ProviderException {
        Target from = confinement.locate(source, true);
        if (from.attributes().isDirectory()) {
            throw new ProviderException.IsADirectory(source);
        }
        Path to = confinement.enter(target);
        try (FileChannel in = FileChannel.open(from.path(), READ)) {
            writer.replace(target, to, existingOrNull(target, to), null, AtomicFileWriter.copyOf(in, bytes -> { }));
        } catch (IOException e) {
            throw failures.map(e, source, from.path());
        }
    }

    @Override
    public void setModifiedTime(String path, Instant modified) throws ProviderException {
        Objects.requireNonNull(modified, "modified");
        Target target = confinement.locate(path, true);
        try {
            Files.setLastModifiedTime(target.path(), LocalAttributes.settable(modified));
        } catch (IOException e) {
            throw failures.map(e, path, target.path());
        }
    }

    @Override
    public void setMode(String path, int mode) throws ProviderException {
        if (!attributes.posix()) {
            throw new ProviderException.Unsupported(path, "permission bits");
        }
        Target target = confinement.locate(path, true);
        try {
            Files.setPosixFilePermissions(target.path(), LocalAttributes.toPermissions(mode));
        } catch (IOException e) {
            throw failures.map(e, path, target.path());
        }
    }

    @Override
    public SpaceInfo space() throws ProviderException {
        try {
            long total = store.getTotalSpace();
            return new SpaceInfo(total, Math.min(total, store.getUsableSpace()));
        } catch (IOException e) {
            throw failures.map(e, ObjectPaths.ROOT, root);
        }
    }

    /** Nothing to release: every handle owns its channel. */
    @Override
    public void close() {
        LOG.debug("local provider over {} closed", root);
    }

    private BasicFileAttributes existingOrNull(String path, Path host) throws ProviderException {
        try {
            return attributes.read(host, false);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw failures.map(e, path, host);
        }
    }

    private static void warnIfNamesAreNotUtf8() {
        String encoding = System.getProperty("sun.jnu.encoding");
        if (encoding != null && !StandardCharsets.UTF_8.name().equalsIgnoreCase(encoding) && !"UTF8".equalsIgnoreCase(encoding)) {
            LOG.warn("file names are encoded as {}, not UTF-8: names with other characters cannot be stored; "
                    + "start the JVM under a UTF-8 locale (e.g. LANG=C.UTF-8)", encoding);
        }
    }
}
