package io.cloudmount.engine.names;

import io.cloudmount.provider.ObjectPaths;
import java.io.IOException;

/**
 * Which stored name a name typed in another case means, fed one stored name at a time: the name
 * itself if it is stored, else the smallest ({@link String#compareTo}) of the stored names equal to
 * it ignoring case ({@code Report.txt} before {@code report.txt}), else none. One rule for every place
 * that resolves case, so a name means the same entry wherever it is looked up.
 */
public final class CaseMatch {
    private final String name;
    private String best;
    private boolean exact;

    public CaseMatch(String name) {
        this.name = name;
    }

    /** Considers one stored name; true once the name itself was seen (nothing can beat it). */
    public boolean offer(String stored) {
        if (exact) {
            return true;
        }
        if (stored.equals(name)) {
            best = stored;
            exact = true;
        } else if (stored.equalsIgnoreCase(name) && (best == null || stored.compareTo(best) < 0)) {
            best = stored;
        }
        return exact;
    }

    /** The stored name meant, or {@code null} if none matches. */
    public String best() {
        return best;
    }

    /** What case is resolved against: exact lookups and the stored names of a directory. */
    public interface StoredNames<E extends IOException> {
        /** Whether something is stored at exactly {@code path}. */
        boolean exists(String path) throws E;

        /** Offers the stored names of {@code directory} to {@code match} until it returns true; none if it is missing. */
        void offerNames(String directory, CaseMatch match) throws E;
    }

    /**
     * The stored path that {@code path} means: the path itself if it exists exactly, else its parent
     * resolved the same way and its name matched among the parent's; a name matching nothing is kept
     * as typed (a new entry, or a missing one the call itself reports).
     */
    public static <E extends IOException> String storedPath(String path, StoredNames<E> names) throws E {
        if (ObjectPaths.isRoot(path) || names.exists(path)) {
            return path;
        }
        String parent = storedPath(ObjectPaths.parent(path), names);
        String name = ObjectPaths.name(path);
        CaseMatch match = new CaseMatch(name);
        names.offerNames(parent, match);
        return ObjectPaths.child(parent, match.best() == null ? name : match.best());
    }

    /**
     * Where a rename goes, given both paths resolved: onto another case of the entry itself
     * ({@code a.txt} to {@code A.txt}) it is a rename to the name as typed, which changes the stored case.
     */
    public static String renameTarget(String storedSource, String storedTarget, String typedTarget) {
        if (storedTarget.equals(storedSource) && !ObjectPaths.isRoot(storedSource)) {
            return ObjectPaths.child(ObjectPaths.parent(storedSource), ObjectPaths.name(typedTarget));
        }
        return storedTarget;
    }

    /**
     * Whether a rename from {@code storedSource} to {@code target} (from {@link #renameTarget}) would put
     * the entry below itself: {@code /docs} to {@code /DOCS/sub} gets past a check of the typed paths.
     * Refused (EINVAL) when the source is a folder.
     */
    public static boolean movesBelowItself(String storedSource, String target) {
        return !target.equals(storedSource) && ObjectPaths.isSameOrBelow(target, storedSource);
    }
}
