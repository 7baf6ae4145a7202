package io.cloudmount.provider.local;

import io.cloudmount.provider.ProviderException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * The one place where {@code java.nio} exceptions become {@link ProviderException} kinds.
 *
 * <p>NIO has typed exceptions for only some errno values; the rest (ENOTDIR, EISDIR, ENOTEMPTY from
 * {@code rename}, ENOSPC) arrive as a plain {@link FileSystemException} or {@link IOException} whose
 * reason is the C library's {@code strerror} text. That text is localized when the JVM runs under a
 * non-English locale, so the English match is backed by probes of the file system state, which run
 * only on the failure path.
 */
final class LocalFailures {
    private final Path root;
    private final FileStore store;

    LocalFailures(Path root, FileStore store) {
        this.root = root;
        this.store = store;
    }

    /**
     * @param path the SPI path the call was about
     * @param host its host path, for probes; may be {@code null}
     */
    ProviderException map(IOException e, String path, Path host) {
        if (e instanceof ProviderException known) {
            return known;
        }
        if (e instanceof NoSuchFileException) {
            return new ProviderException.NotFound(path);
        }
        if (e instanceof FileAlreadyExistsException) {
            return new ProviderException.AlreadyExists(path);
        }
        if (e instanceof DirectoryNotEmptyException) {
            return new ProviderException.NotEmpty(path);
        }
        if (e instanceof AccessDeniedException) {
            return new ProviderException.AccessDenied(path, null, e);
        }
        if (e instanceof NotDirectoryException) {
            return new ProviderException.NotADirectory(path);
        }
        String reason = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        ProviderException byReason = byReason(reason == null ? "" : reason, path, e);
        if (byReason != null) {
            return byReason;
        }
        if (host != null && hasFileAncestor(host)) {
            return new ProviderException.NotADirectory(path);
        }
        if (storeIsFull()) {
            return new ProviderException.NoSpace(path, reason);
        }
        return new ProviderException.Io(path, String.valueOf(reason), e);
    }

    private static ProviderException byReason(String reason, String path, IOException e) {
        if (reason.contains("No space left on device") || reason.contains("Disk quota exceeded")
                || reason.contains("File too large")) {
            return new ProviderException.NoSpace(path, reason);
        }
        if (reason.contains("Not a directory")) {
            return new ProviderException.NotADirectory(path);
        }
        if (reason.contains("Is a directory")) {
            return new ProviderException.IsADirectory(path);
        }
        if (reason.contains("Directory not empty")) {
            return new ProviderException.NotEmpty(path);
        }
        if (reason.contains("File name too long")) {
            return new ProviderException.InvalidName(path, reason);
        }
        if (reason.contains("Read-only file system") || reason.contains("Operation not permitted")) {
            return new ProviderException.AccessDenied(path, reason, e);
        }
        // ELOOP: an O_NOFOLLOW open met a link, which only happens when a link was swapped in under us.
        if (reason.contains("Too many levels of symbolic links")) {
            return new ProviderException.AccessDenied(path, "symbolic link refused", e);
        }
        return null;
    }

    /** True if a directory step of {@code host} below the root is a regular file (ENOTDIR). */
    private boolean hasFileAncestor(Path host) {
        for (Path dir = host.getParent(); dir != null && dir.startsWith(root) && !dir.equals(root); dir = dir.getParent()) {
            if (Files.isRegularFile(dir, LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return false;
    }

    private boolean storeIsFull() {
        try {
            return store.getUsableSpace() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
