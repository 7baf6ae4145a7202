package io.cloudmount.fuse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Linux's table of mounts ({@code /proc/self/mountinfo}): is a path a mount point, is that mount
 * alive, and clearing a dead one. A process killed with {@code kill -9} leaves its FUSE mount behind
 * with every access failing with ENOTCONN; the next mount detects it and lazily unmounts it.
 */
public final class MountTable {
    private static final Logger LOG = LoggerFactory.getLogger(MountTable.class);
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    /**
     * One line of mountinfo: where, what type ({@code fuse.cloudmount}), the source (fsname), and the
     * device ({@code major:minor}, which also names the mount's {@code /sys/class/bdi} entry).
     */
    public record Entry(Path mountPoint, String type, String source, String device) {
        public boolean isFuse() {
            return type.equals("fuse") || type.startsWith("fuse.");
        }
    }

    private MountTable() {
    }

    public static List<Entry> entries() {
        return entries(MOUNTINFO);
    }

    /**
     * The entries of a file in mountinfo's format (tests give their own). The kernel shows a mount
     * point's bytes as they are: any mount on the system may be named in Latin-1 or another charset,
     * so the file is not UTF-8 text. It is read as ISO-8859-1, one char per byte, and each name is
     * decoded from its bytes after unescaping, leniently: a byte that is not UTF-8 becomes U+FFFD in
     * that name alone, and names in UTF-8 (all of ours) still compare equal.
     */
    static List<Entry> entries(Path mountinfo) {
        List<Entry> result = new ArrayList<>();
        try {
            for (String line : new String(Files.readAllBytes(mountinfo), StandardCharsets.ISO_8859_1).split("\n")) {
                String[] fields = line.split(" ");
                int separator = line.indexOf(" - ");
                if (fields.length < 5 || separator < 0) {
                    continue;
                }
                String[] tail = line.substring(separator + 3).split(" ");
                result.add(new Entry(Path.of(name(fields[4])), tail[0], tail.length > 1 ? name(tail[1]) : "", fields[2]));
            }
        } catch (IOException e) {
            LOG.debug("cannot read {}: {}", mountinfo, e.getMessage());
        }
        return result;
    }

    /** A field read as ISO-8859-1, unescaped, then decoded from UTF-8 (malformed bytes replaced). */
    private static String name(String field) {
        return new String(unescape(field).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /**
     * The path as the mount table shows it: absolute, with symbolic links resolved, so a mount point
     * named through a link is still found. A mount point that no longer answers (stale, ENOTCONN) is
     * resolved through its parent; what does not exist is kept as written.
     */
    public static Path canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        for (int links = 0; links < 40; links++) { // 40: Linux's own limit on links in a path
            try {
                return absolute.toRealPath();
            } catch (IOException unanswered) {
                // missing, or a stale mount: resolve the folder it is in
            }
            Path parent = absolute.getParent();
            if (parent == null) {
                return absolute;
            }
            Path inRealParent;
            try {
                inRealParent = parent.toRealPath().resolve(absolute.getFileName());
            } catch (IOException e) {
                return absolute;
            }
            if (!Files.isSymbolicLink(inRealParent)) {
                return inRealParent;
            }
            try {
                absolute = inRealParent.resolveSibling(Files.readSymbolicLink(inRealParent)).normalize();
            } catch (IOException e) {
                return inRealParent;
            }
        }
        return absolute;
    }

    public static Optional<Entry> find(Path mountPoint) {
        Path target = canonical(mountPoint);
        Entry found = null;
        for (Entry entry : entries()) {
            if (entry.mountPoint().equals(target)) {
                found = entry; // the last one wins: it is the mount on top
            }
        }
        return Optional.ofNullable(found);
    }

    /** True if the mount at this path no longer has a live process behind it. */
    public static boolean isStale(Path mountPoint) {
        try {
            Files.readAttributes(mountPoint, "basic:isDirectory");
            return false;
        } catch (FileSystemException e) {
            String reason = String.valueOf(e.getReason()) + e.getMessage();
            return reason.contains("not connected");
        } catch (IOException e) {
            return false;
        }
    }

    /** Detaches a FUSE mount now, even if busy ({@code fusermount3 -u -z}); returns true if it is gone. */
    public static boolean lazyUnmount(Path mountPoint) {
        String path = canonical(mountPoint).toString();
        for (List<String> command : List.of(List.of("fusermount3", "-u", "-z", path), List.of("umount", "-l", path))) {
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                if (process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return true;
                }
            } catch (IOException e) {
                LOG.debug("{} not usable: {}", command.get(0), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return find(mountPoint).isEmpty();
    }

    /**
     * mountinfo escapes space, tab, newline and backslash as octal ({@code \040}). Works on a field
     * read as ISO-8859-1, so each escape yields the byte it stands for.
     */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()) {
                try {
                    out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                    i += 3;
                    continue;
                } catch (NumberFormatException ignored) {
                    // not an escape: keep the backslash
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
