package io.cloudmount.engine.names;

import io.cloudmount.provider.Capabilities;
import io.cloudmount.provider.ListPage;
import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ObjectPaths;
import io.cloudmount.provider.OpenMode;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.SpaceInfo;
import io.cloudmount.provider.StorageProvider;
import io.cloudmount.provider.UploadOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * Looks paths up case-insensitively, as Windows programs expect, over a case-sensitive store.
 *
 * <p>Each path is resolved to a store path before the call: if it exists exactly, it is used as it
 * is; otherwise its parent is resolved the same way and listed, and the segment becomes the
 * matching child. Segments that match nothing are kept as given, so creating {@code /Docs/New.txt}
 * under an existing {@code /docs} creates {@code /docs/New.txt}, and creating or uploading
 * {@code README.MD} over an existing {@code readme.md} replaces that file, keeping its stored name.
 *
 * <p><b>Names that differ only in case</b> (a store may hold {@code Report.txt} and
 * {@code report.txt}): an exact match always wins; otherwise the match that is smallest by
 * {@link String#compareTo} wins ({@code Report.txt} before {@code report.txt}: upper case sorts
 * first). Listings show every entry under its stored name, unchanged and without suffixes, so each
 * listed name leads to its own entry by the exact-match rule; only the names that no entry has
 * exactly are resolved by the tie-break. Matching uses {@link String#equalsIgnoreCase}: simple
 * per-character case folding, like NTFS's upcase table and unlike {@code ß}-to-{@code SS} folding.
 *
 * <p>Renames: a rename onto another case of the same entry ({@code a.txt} to {@code A.txt}) changes
 * the stored name's case; a rename onto a different entry that matches case-insensitively targets
 * that entry, so {@code replace} decides as it would on Windows.
 *
 * <p>Nothing is cached: the engine's metadata cache sits above this decorator. A path that exists
 * exactly costs one {@code stat}; a path that does not costs a {@code stat} per level up to the
 * deepest exact ancestor plus a full listing of each level below it. Stateless and thread-safe.
 */
public final class CaseInsensitiveProvider implements StorageProvider {
    /** Guards the listing loop against a store that hands out the same page token forever. */
    private static final int MAX_PAGES = 1_000_000;

    private final StorageProvider store;

    public CaseInsensitiveProvider(StorageProvider store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public String describe() {
        return store.describe();
    }

    @Override
    public Capabilities capabilities() {
        return store.capabilities();
    }

    @Override
    public ObjectInfo stat(String path) throws ProviderException {
        return store.stat(resolve(path));
    }

    @Override
    public ListPage list(String directory, String pageToken) throws ProviderException {
        return store.list(resolve(directory), pageToken);
    }

    @Override
    public ObjectHandle open(String path, OpenMode mode) throws ProviderException {
        return store.open(resolve(path), mode);
    }

    @Override
    public ObjectInfo createFile(String path, boolean exclusive) throws ProviderException {
        return store.createFile(resolve(path), exclusive);
    }

    @Override
    public ObjectInfo upload(String path, Path source, UploadOptions options) throws ProviderException {
        return store.upload(resolve(path), source, options);
    }

    @Override
    public ObjectInfo uploadChanged(String path, Path source, java.util.List<long[]> changed, String baseEtag,
                                    UploadOptions options) throws ProviderException {
        return store.uploadChanged(resolve(path), source, changed, baseEtag, options);
    }

    @Override
    public void mkdir(String path) throws ProviderException {
        store.mkdir(resolve(path));
    }

    @Override
    public void deleteFile(String path) throws ProviderException {
        store.deleteFile(resolve(path));
    }

    @Override
    public void deleteDirectory(String path) throws ProviderException {
        store.deleteDirectory(resolve(path));
    }

    @Override
    public void rename(String source, String target, boolean replace) throws ProviderException {
        String from = resolve(source);
        String to = resolve(target);
        if (to.equals(from) && !ObjectPaths.isRoot(from)) {
            // Another case of the entry itself: a case-only rename, which must reach the store.
            to = ObjectPaths.child(ObjectPaths.parent(from), ObjectPaths.name(target));
        }
        store.rename(from, to, replace);
    }

    @Override
    public void copy(String source, String target) throws ProviderException {
        store.copy(resolve(source), resolve(target));
    }

    @Override
    public void setModifiedTime(String path, Instant modified) throws ProviderException {
        store.setModifiedTime(resolve(path), modified);
    }

    @Override
    public void setMode(String path, int mode) throws ProviderException {
        store.setMode(resolve(path), mode);
    }

    @Override
    public SpaceInfo space() throws ProviderException {
        return store.space();
    }

    @Override
    public void checkAccess() throws ProviderException {
        store.checkAccess();
    }

    @Override
    public void close() throws ProviderException {
        store.close();
    }

    @Override
    public String toString() {
        return "CaseInsensitiveProvider[" + store + "]";
    }

    /** The store path that {@code path} means; unmatched segments are kept as given. */
    private String resolve(String path) throws ProviderException {
        ObjectPaths.requireValid(path);
        if (ObjectPaths.isRoot(path) || existsExactly(path)) {
            return path;
        }
        String parent = resolve(ObjectPaths.parent(path));
        String name = ObjectPaths.name(path);
        String match = matchingChild(parent, name);
        return ObjectPaths.child(parent, match == null ? name : match);
    }

    private boolean existsExactly(String path) throws ProviderException {
        try {
            store.stat(path);
            return true;
        } catch (ProviderException.NotFound | ProviderException.NotADirectory e) {
            return false;
        }
    }

    /**
     * The child of {@code directory} that {@code name} means: {@code name} itself if present, else the
     * smallest ({@link String#compareTo}) of the names equal to it ignoring case, else {@code null}.
     */
    private String matchingChild(String directory, String name) throws ProviderException {
        String best = null;
        String token = null;
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            ListPage page;
            try {
                page = store.list(directory, token);
            } catch (ProviderException.NotFound | ProviderException.NotADirectory e) {
                return null; // the store reports this properly when the call itself runs
            }
            for (ObjectInfo entry : page.entries()) {
                String candidate = entry.name();
                if (candidate.equals(name)) {
                    return candidate;
                }
                if (candidate.equalsIgnoreCase(name) && (best == null || candidate.compareTo(best) < 0)) {
                    best = candidate;
                }
            }
            if (page.isLast()) {
                return best;
            }
            token = page.nextPageToken();
        }
        throw new ProviderException.Io(directory, "the listing did not end after " + MAX_PAGES + " pages", null);
    }
}
