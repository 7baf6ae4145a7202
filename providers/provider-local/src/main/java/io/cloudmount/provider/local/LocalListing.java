package io.cloudmount.provider.local;

import io.cloudmount.provider.ListPage;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.local.Confinement.Target;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists a directory in one page, with attributes. On Linux the directory stream is a
 * {@link SecureDirectoryStream}, so each entry costs one {@code fstatat} on the open directory rather
 * than a path walk from the root. Left out: links leading outside the root or dangling, FIFOs,
 * sockets and devices, {@link AtomicFileWriter}'s temporary files, entries deleted while we list,
 * and names that are not valid UTF-8 (see {@link #unrepresentable}).
 */
final class LocalListing {
    private static final Logger LOG = LoggerFactory.getLogger(LocalListing.class);

    private final Confinement confinement;
    private final LocalAttributes attributes;
    private final LocalFailures failures;
    /** Names already reported as unrepresentable, so that each relisting does not log them again. */
    private final Set<Path> reported = ConcurrentHashMap.newKeySet();

    LocalListing(Confinement confinement, LocalAttributes attributes, LocalFailures failures) {
        this.confinement = confinement;
        this.attributes = attributes;
        this.failures = failures;
    }

    ListPage list(String directory) throws ProviderException {
        Target target = confinement.locate(directory, true);
        if (!target.attributes().isDirectory()) {
            throw new ProviderException.NotADirectory(directory);
        }
        List<ObjectInfo> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(target.path())) {
            for (Path entry : stream) {
                ObjectInfo info = entry(stream, entry);
                if (info != null) {
                    entries.add(info);
                }
            }
        } catch (IOException e) {
            throw failures.map(e, directory, target.path());
        }
        return new ListPage(entries, null);
    }

    /**
     * Whether the file's name is bytes that are not UTF-8 (a Latin-1 name written by an old program):
     * Java shows them as replacement characters, a name under which the file cannot be opened, and
     * two such files would look alike. Hidden, with a warning naming the folder.
     */
    private boolean unrepresentable(Path entry, String name) {
        if (name.indexOf('\uFFFD') < 0 || Files.exists(entry.resolveSibling(name), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (reported.size() < 10_000 && reported.add(entry)) {
            LOG.warn("Not showing a file in {}: its name is not valid UTF-8 ({}); rename it to use it on the drive",
                    entry.getParent(), name);
        }
        return true;
    }

    /** The entry as listed, or {@code null} if it stays hidden. */
    private ObjectInfo entry(DirectoryStream<Path> stream, Path entry) throws IOException {
        String name = entry.getFileName().toString();
        if (name.startsWith(AtomicFileWriter.TEMP_PREFIX) || unrepresentable(entry, name)) {
            return null;
        }
        BasicFileAttributes found;
        try {
            found = stream instanceof SecureDirectoryStream<Path> secure
                    ? attributes.read(secure, entry.getFileName())
                    : attributes.read(entry, false);
            if (found.isSymbolicLink()) {
                Path inside = confinement.insideTargetOrNull(entry);
                if (inside == null) {
                    LOG.debug("hiding {}: link leads outside the drive folder or dangles", entry);
                    return null;
                }
                found = attributes.read(inside, false);
            }
        } catch (NoSuchFileException e) {
            return null;
        }
        return found.isOther() ? null : attributes.toInfo(name, found);
    }
}
