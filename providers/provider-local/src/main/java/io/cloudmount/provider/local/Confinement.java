package io.cloudmount.provider.local;

import io.cloudmount.provider.ObjectPaths;
import io.cloudmount.provider.ProviderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps SPI paths to host paths and keeps them inside the root folder.
 *
 * <p>Segments are validated by {@link ObjectPaths} (no {@code ..}), so only symbolic links can lead
 * out. Two checks close that door:
 * <ul>
 *   <li><b>Ancestors</b> ({@link #enter}): the parent directory's real path must lie inside the root.
 *       {@code toRealPath} costs one {@code readlink} per path component, too much for every
 *       {@code stat}, so a verified directory is trusted for {@link #TRUST_NANOS} as long as one
 *       {@code lstat} of its path still finds a directory with the same device and inode: another program
 *       replacing it, or an ancestor, by a link makes that path reach another directory, which is
 *       checked again. What remains is the moment between a check and the use of the path (no check
 *       written in Java is free of that race: NIO has no {@code openat2(RESOLVE_BENEATH)}).</li>
 *   <li><b>The last component</b> ({@link #locate}): read without following links; a link is followed
 *       only if its real target lies inside the root ({@link ProviderException.AccessDenied} otherwise,
 *       {@link ProviderException.NotFound} when it dangles).</li>
 * </ul>
 */
final class Confinement {
    private static final Logger LOG = LoggerFactory.getLogger(Confinement.class);
    static final long TRUST_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int MAX_TRUSTED = 10_000;

    /**
     * A verified directory: trusted until {@link #nanoTime} reaches {@code until}, while its path still leads
     * to the directory with {@code fileKey} (device and inode; {@code null} where the file system has none).
     */
    private record Trust(long until, Object fileKey) {
    }

    /** What a path names after following a final link that stays inside. */
    record Target(Path path, BasicFileAttributes attributes) {
    }

    private final Path root;
    private final boolean slashSeparated;
    private final LocalAttributes attributes;
    private final LocalFailures failures;
    private final LongSupplier nanoTime;
    /**
     * SPI directory path to when and as which directory it is trusted to resolve inside the root.
     * Sorted, so that a folder and everything below it are one range ({@link #forget}).
     */
    private final ConcurrentSkipListMap<String, Trust> trusted = new ConcurrentSkipListMap<>();
    private final AtomicInteger trustedCount = new AtomicInteger();

    Confinement(Path realRoot, LocalAttributes attributes, LocalFailures failures, LongSupplier nanoTime) {
        this.root = realRoot;
        this.slashSeparated = "/".equals(realRoot.getFileSystem().getSeparator());
        this.attributes = attributes;
        this.failures = failures;
        this.nanoTime = nanoTime;
    }

    Path root() {
        return root;
    }

    /** The host path of a valid SPI path, without any link checks. */
    Path hostPath(String path) throws ProviderException {
        ObjectPaths.requireValid(path);
        if (ObjectPaths.isRoot(path)) {
            return root;
        }
        Path host;
        try {
            host = root.resolve(path.substring(1));
        } catch (InvalidPathException e) {
            throw new ProviderException.InvalidName(path, e.getReason());
        }
        // Where '/' is not the only separator (Windows: '\', "C:"), a segment could still leave the root.
        if (!slashSeparated && (!host.startsWith(root) || host.getNameCount() != root.getNameCount() + countSlashes(path))) {
            throw new ProviderException.InvalidName(path, "segment is not a plain name on this file system");
        }
        return host;
    }

    /** The host path of {@code path} after checking that its ancestors resolve inside the root. */
    Path enter(String path) throws ProviderException {
        Path host = hostPath(path);
        if (path.lastIndexOf('/') > 0) {
            checkDirectory(ObjectPaths.parent(path), path);
        }
        return host;
    }

    /**
     * Like {@link #enter}, for removing the entry: refused if a linked folder is on the way. A link to
     * a folder inside the drive appears as a folder, so a recursive delete walks into it, and through
     * it would delete the files of the folder it names ({@code rm -rf} of a project holding a link to
     * a shared folder emptied the shared folder). The link itself may still be removed.
     */
    Path enterToRemove(String path) throws ProviderException {
        Path host = hostPath(path);
        if (path.lastIndexOf('/') > 0 && checkDirectory(ObjectPaths.parent(path), path)) {
            LOG.info("refused to delete {}: it is inside a linked folder", path);
            throw new ProviderException.AccessDenied(path,
                    "it is inside a linked folder; delete it in the folder the link leads to");
        }
        return host;
    }

    /**
     * The entry at {@code path}, with a final link followed if it stays inside the root.
     *
     * @return {@code null} if nothing is there and {@code mustExist} is false
     */
    Target locate(String path, boolean mustExist) throws ProviderException {
        Path host = enter(path);
        BasicFileAttributes found;
        try {
            found = attributes.read(host, false);
        } catch (NoSuchFileException e) {
            if (mustExist) {
                throw new ProviderException.NotFound(path);
            }
            return null;
        } catch (IOException e) {
            throw failures.map(e, path, host);
        }
        if (found.isSymbolicLink()) {
            host = followInside(path, host);
            try {
                found = attributes.read(host, false);
            } catch (IOException e) {
                throw failures.map(e, path, host);
            }
        }
        if (found.isOther()) {
            throw new ProviderException.AccessDenied(path, "neither a regular file nor a directory");
        }
        return new Target(host, found);
    }

    /** The real target of the link {@code host} if it lies inside the root, else {@code null}. */
    Path insideTargetOrNull(Path link) {
        try {
            Path real = link.toRealPath();
            return real.startsWith(root) ? real : null;
        } catch (IOException e) {
            return null;
        }
    }

    private Path followInside(String path, Path link) throws ProviderException {
        Path real;
        try {
            real = link.toRealPath();
        } catch (NoSuchFileException e) {
            throw new ProviderException.NotFound(path);
        } catch (IOException e) {
            throw failures.map(e, path, link);
        }
        if (!real.startsWith(root)) {
            LOG.debug("refused {}: link leads outside the drive folder", path);
            throw new ProviderException.AccessDenied(path, "symbolic link leads outside the drive folder");
        }
        return real;
    }

    /**
     * Records a directory this provider just created with {@code mkdir} below a verified parent: a
     * fresh directory is no link, so the {@code toRealPath} of its first child (one {@code readlink}
     * per path component) can be skipped. The usual trust window applies. Only below a trusted parent
     * (reached without links): below a linked folder the new directory is reached through the link,
     * which must be checked each time (it may be removed through, or re-pointed outside).
     */
    void trustCreatedDirectory(String directory) {
        long now = nanoTime.getAsLong();
        String parent = ObjectPaths.parent(directory);
        Trust parentTrust = trusted.get(parent);
        if (ObjectPaths.isRoot(parent) || parentTrust != null && parentTrust.until() - now > 0) {
            try {
                BasicFileAttributes created = attributes.read(hostPath(directory), false);
                if (created.isDirectory()) {
                    trust(directory, now, created.fileKey());
                }
            } catch (IOException e) {
                // not trusted: the first use checks it
            }
        }
    }

    /**
     * Checks that {@code directory} resolves inside the root.
     *
     * @return whether a link (leading inside) is on the way; such directories are not trusted, so
     *     only directories reached without links are
     */
    private boolean checkDirectory(String directory, String path) throws ProviderException {
        long now = nanoTime.getAsLong();
        Path host = hostPath(directory);
        Trust trust = trusted.get(directory);
        if (trust != null && trust.until() - now > 0 && stillLeadsTo(host, trust.fileKey())) {
            return false;
        }
        Object fileKey;
        Path real;
        try {
            // Read before resolving: if a link is swapped in afterwards, the path no longer leads to this key.
            BasicFileAttributes found = attributes.read(host, false);
            fileKey = found.isDirectory() ? found.fileKey() : null;
            real = host.toRealPath();
        } catch (NoSuchFileException e) {
            throw new ProviderException.NotFound(path);
        } catch (IOException e) {
            throw failures.map(e, path, hostPath(path));
        }
        if (!real.startsWith(root)) {
            LOG.debug("refused {}: {} leads outside the drive folder", path, directory);
            throw new ProviderException.AccessDenied(path, "a symbolic link on the way leads outside the drive folder");
        }
        if (!real.equals(host) && linkOnTheWay(directory)) {
            return true;
        }
        if (fileKey != null || !attributes.posix()) {
            trust(directory, now, fileKey);
        }
        return false;
    }

    /** Whether {@code host} still names the directory with {@code fileKey}, without following a final link. */
    private boolean stillLeadsTo(Path host, Object fileKey) {
        if (fileKey == null) {
            return true; // no identity to compare (Windows): trusted for the window alone
        }
        try {
            // A link made in the directory's place may get its freed inode number: only a directory matches.
            BasicFileAttributes found = attributes.read(host, false);
            return found.isDirectory() && fileKey.equals(found.fileKey());
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a component of {@code directory} is a link (the real path may also differ only in case). */
    private boolean linkOnTheWay(String directory) throws ProviderException {
        Path host = root;
        for (String name : directory.substring(1).split("/")) {
            host = host.resolve(name);
            if (Files.isSymbolicLink(host)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The drive removed or moved what was at {@code path}: whatever it moves there next (a link, by a
     * rename) is checked again, not trusted as the folder that was there.
     */
    void forget(String path) {
        if (trusted.remove(path) != null) {
            trustedCount.decrementAndGet();
        }
        var below = trusted.subMap(path + "/", path + "0"); // '0' follows '/': exactly the paths below it
        if (!below.isEmpty()) {
            trustedCount.addAndGet(-below.size());
            below.clear();
        }
    }

    private void trust(String directory, long now, Object fileKey) {
        // Counted here: the sorted map's size() walks it. Approximate under races, which only bounds memory.
        if (trusted.put(directory, new Trust(now + TRUST_NANOS, fileKey)) == null && trustedCount.incrementAndGet() > MAX_TRUSTED) {
            trusted.clear();
            trustedCount.set(0);
        }
    }

    private static int countSlashes(String path) {
        int count = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                count++;
            }
        }
        return count;
    }
}
