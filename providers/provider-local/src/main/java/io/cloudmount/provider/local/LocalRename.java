package io.cloudmount.provider.local;

import io.cloudmount.provider.ObjectPaths;
import io.cloudmount.provider.ProviderException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * rename(2) semantics over NIO. Renames act on names: a link is moved or replaced itself, never followed.
 *
 * <p>{@code replace=true} is one atomic {@code rename}. {@code replace=false} must never overwrite,
 * and NIO has no {@code renameat2(RENAME_NOREPLACE)}: a file is therefore hard-linked to the new name
 * ({@code link} fails atomically if the name exists) and then unlinked from the old one. Directories,
 * and file systems without hard links, fall back to check-then-rename, which a concurrent creator of
 * the target could race.
 */
final class LocalRename {
    private final Confinement confinement;
    private final LocalAttributes attributes;
    private final LocalFailures failures;

    LocalRename(Confinement confinement, LocalAttributes attributes, LocalFailures failures) {
        this.confinement = confinement;
        this.attributes = attributes;
        this.failures = failures;
    }

    void rename(String source, String target, boolean replace) throws ProviderException {
        if (ObjectPaths.isRoot(source) || ObjectPaths.isRoot(target)) {
            ObjectPaths.requireValid(source);
            ObjectPaths.requireValid(target);
            throw new ProviderException.InvalidName(ObjectPaths.isRoot(source) ? source : target, "the root cannot be renamed");
        }
        Path from = confinement.enter(source);
        Path to = confinement.enter(target);
        BasicFileAttributes moving = read(source, from);
        if (source.equals(target)) {
            return;
        }
        if (moving.isDirectory() && ObjectPaths.isSameOrBelow(target, source)) {
            throw new ProviderException.InvalidName(target, "a directory cannot move into itself");
        }
        try {
            if (replace) {
                move(from, to);
            } else if (moving.isDirectory() || !linkThenUnlink(from, to)) {
                if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                    throw new ProviderException.AlreadyExists(target);
                }
                move(from, to);
            }
        } catch (ProviderException e) {
            throw e;
        } catch (FileAlreadyExistsException e) {
            throw new ProviderException.AlreadyExists(target);
        } catch (NoSuchFileException e) {
            throw new ProviderException.NotFound(Files.exists(from, LinkOption.NOFOLLOW_LINKS) ? target : source);
        } catch (IOException e) {
            throw classify(e, target, to, moving);
        } finally {
            // What was trusted at either name no longer describes what is there (a link may have moved
            // in). After the move: a check made meanwhile by another request would describe the old state.
            confinement.forget(source);
            confinement.forget(target);
        }
    }

    /** @return false if this file system cannot hard-link; the caller falls back */
    private static boolean linkThenUnlink(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (FileAlreadyExistsException | NoSuchFileException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
        Files.delete(from);
        return true;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // A mount point inside the drive folder: rename(2) gives EXDEV, so copy and delete instead.
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private BasicFileAttributes read(String path, Path host) throws ProviderException {
        try {
            return attributes.read(host, false);
        } catch (IOException e) {
            throw failures.map(e, path, host);
        }
    }

    // rename(2) reports ENOTEMPTY, EISDIR and ENOTDIR as untyped exceptions; the target's state says which.
    private ProviderException classify(IOException e, String target, Path to, BasicFileAttributes moving) {
        BasicFileAttributes existing;
        try {
            existing = attributes.read(to, false);
        } catch (IOException notThere) {
            return failures.map(e, target, to);
        }
        if (!moving.isDirectory() && existing.isDirectory()) {
            return new ProviderException.IsADirectory(target);
        }
        if (moving.isDirectory() && !existing.isDirectory()) {
            return new ProviderException.NotADirectory(target);
        }
        if (moving.isDirectory()) {
            return new ProviderException.NotEmpty(target);
        }
        return failures.map(e, target, to);
    }
}
