package io.cloudmount.engine.names;

import io.cloudmount.provider.ListPage;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ObjectPaths;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.StorageProvider;

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
 * deepest exact ancestor plus a listing of names ({@link StorageProvider#listNames}: on S3 without a
 * HEAD per file) of each level below it. Stateless and thread-safe.
 */
public final class CaseInsensitiveProvider extends PathMappingProvider {
    /** Guards the listing loop against a store that hands out the same page token forever. */
    private static final int MAX_PAGES = 1_000_000;

    public CaseInsensitiveProvider(StorageProvider store) {
        super(store);
    }

    /** The store as it is, matching names exactly: for a cache that resolves case above it (see Vfs#cached). */
    public StorageProvider caseSensitive() {
        return store;
    }

    @Override
    public void rename(String source, String target, boolean replace) throws ProviderException {
        String from = toStore(source);
        String to = CaseMatch.renameTarget(from, toStore(target), target);
        if (to.equals(from)) {
            return; // one entry, typed with another case of a folder on the way
        }
        if (CaseMatch.movesBelowItself(from, to) && store.stat(from).isDirectory()) {
            throw new ProviderException.InvalidName(target, "a directory cannot move into itself");
        }
        store.rename(from, to, replace);
    }

    /** The store path that {@code path} means; unmatched segments are kept as given. */
    @Override
    protected String toStore(String path) throws ProviderException {
        ObjectPaths.requireValid(path);
        return CaseMatch.storedPath(path, storeNames);
    }

    /** Names as the store has them, a listing of names ({@link StorageProvider#listNames}) per directory. */
    private final CaseMatch.StoredNames<ProviderException> storeNames = new CaseMatch.StoredNames<>() {
        @Override
        public boolean exists(String path) throws ProviderException {
            try {
                store.stat(path);
                return true;
            } catch (ProviderException.NotFound | ProviderException.NotADirectory e) {
                return false;
            }
        }

        @Override
        public void offerNames(String directory, CaseMatch match) throws ProviderException {
            String token = null;
            for (int pages = 0; pages < MAX_PAGES; pages++) {
                ListPage page;
                try {
                    page = store.listNames(directory, token);
                } catch (ProviderException.NotFound | ProviderException.NotADirectory e) {
                    return; // the store reports this properly when the call itself runs
                }
                for (ObjectInfo entry : page.entries()) {
                    if (match.offer(entry.name())) {
                        return;
                    }
                }
                if (page.isLast()) {
                    return;
                }
                token = page.nextPageToken();
            }
            throw new ProviderException.Io(directory, "the listing did not end after " + MAX_PAGES + " pages", null);
        }
    };
}
