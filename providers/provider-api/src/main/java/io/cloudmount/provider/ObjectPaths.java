package io.cloudmount.provider;

/**
 * The path syntax of the SPI: {@code "/"} is the root; other paths are {@code "/a/b"} with no empty,
 * {@code "."} or {@code ".."} segments and no trailing slash. Segments are any non-empty UTF-8
 * strings without {@code '/'} or NUL.
 */
public final class ObjectPaths {
    public static final String ROOT = "/";

    private ObjectPaths() {
    }

    /** Returns {@code path} if it is a valid normalized path, else throws {@link ProviderException.InvalidName}. */
    public static String requireValid(String path) throws ProviderException.InvalidName {
        if (!isValid(path)) {
            throw new ProviderException.InvalidName(String.valueOf(path), "not a normalized absolute path");
        }
        return path;
    }

    public static boolean isValid(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        if (path.equals(ROOT)) {
            return true;
        }
        if (path.endsWith("/") || path.indexOf('\0') >= 0) {
            return false;
        }
        int start = 1;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            String segment = path.substring(start, end);
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    public static boolean isRoot(String path) {
        return ROOT.equals(path);
    }

    /** Parent of a non-root path ({@code "/a/b"} to {@code "/a"}, {@code "/a"} to {@code "/"}). */
    public static String parent(String path) {
        if (isRoot(path)) {
            throw new IllegalArgumentException("the root has no parent");
        }
        int slash = path.lastIndexOf('/');
        return slash == 0 ? ROOT : path.substring(0, slash);
    }

    /** Last segment; {@code ""} for the root. */
    public static String name(String path) {
        return isRoot(path) ? "" : path.substring(path.lastIndexOf('/') + 1);
    }

    public static String child(String directory, String name) {
        if (name.isEmpty() || name.indexOf('/') >= 0 || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("invalid name: " + name);
        }
        return isRoot(directory) ? "/" + name : directory + "/" + name;
    }

    /** True if {@code path} is {@code ancestor} or lies below it. */
    public static boolean isSameOrBelow(String path, String ancestor) {
        if (isRoot(ancestor)) {
            return true;
        }
        return path.equals(ancestor) || path.startsWith(ancestor + "/");
    }

    /** Moves {@code path} from below {@code oldAncestor} to below {@code newAncestor}. */
    public static String rebase(String path, String oldAncestor, String newAncestor) {
        if (!isSameOrBelow(path, oldAncestor)) {
            throw new IllegalArgumentException(path + " is not below " + oldAncestor);
        }
        String rest = isRoot(oldAncestor) ? path.substring(1) : path.substring(oldAncestor.length());
        if (rest.isEmpty()) {
            return newAncestor;
        }
        if (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        return isRoot(newAncestor) ? "/" + rest : newAncestor + "/" + rest;
    }
}
