package io.cloudmount.app.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The programs using a drive, as {@code fuser -m} finds them: open files, working folders and mapped
 * files under the mount point, read from {@code /proc}. An unmount would cut them off (ENOTCONN; on a
 * memory drive whatever they still mean to save is gone), which {@code umount} refuses and so do
 * {@code cloudmount unmount} unless forced and the app unless the user confirms.
 *
 * <p>Paths are compared as the kernel names them ({@code /proc/PID/fd/N} links), so the mount point must be
 * the canonical one. Nothing is read through the drive itself: a stuck drive cannot hang the check.
 * Processes of other users are invisible without root; without {@code allow_other} only the mounting user
 * (and nobody else, not even root) can use the drive anyway. Where there is no {@code /proc} the list is
 * empty.
 */
public final class DriveUsers {
    private static final Path PROC = Path.of("/proc");
    private static final String DELETED = " (deleted)";

    /** One process and what it has on the drive, at most a few names ({@code more} counts the rest). */
    public record User(long pid, String command, List<String> uses, int more) {
        @Override
        public String toString() {
            return command + " (pid " + pid + "): " + String.join(", ", uses) + (more > 0 ? " and " + more + " more" : "");
        }
    }

    private static final int NAMES_SHOWN = 3;

    private DriveUsers() {
    }

    /** The processes other than this one using anything under {@code mountPoint}, by pid. */
    public static List<User> of(Path mountPoint) {
        return of(PROC, mountPoint, ProcessHandle.current().pid());
    }

    static List<User> of(Path proc, Path mountPoint, long ignoredPid) {
        List<User> users = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc, p -> isNumber(p.getFileName().toString()))) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                if (pid != ignoredPid) {
                    user(process, pid, mountPoint.toString()).ifPresent(users::add);
                }
            }
        } catch (IOException noProc) {
            return List.of();
        }
        users.sort(Comparator.comparingLong(User::pid));
        return users;
    }

    private static Optional<User> user(Path process, long pid, String mountPoint) {
        Set<String> uses = new LinkedHashSet<>();
        String cwd = link(process.resolve("cwd"));
        if (cwd != null && isOn(cwd, mountPoint)) {
            uses.add("working folder " + cwd);
        }
        String root = link(process.resolve("root"));
        if (root != null && isOn(root, mountPoint)) {
            uses.add("root folder " + root);
        }
        try (Stream<Path> fds = Files.list(process.resolve("fd"))) {
            fds.filter(fd -> isNumber(fd.getFileName().toString()))
                    .sorted(Comparator.comparingLong(fd -> Long.parseLong(fd.getFileName().toString())))
                    .map(DriveUsers::link).filter(target -> target != null && isOn(target, mountPoint))
                    .forEach(uses::add);
        } catch (IOException | UncheckedIOException | SecurityException goneOrNotOurs) {
            // a process that ended meanwhile, or another user's: nothing to show
        }
        try (Stream<String> maps = Files.lines(process.resolve("maps"))) {
            maps.map(DriveUsers::mappedPath).filter(p -> p != null && isOn(p, mountPoint)).forEach(uses::add);
        } catch (IOException | UncheckedIOException | SecurityException goneOrNotOurs) {
            // as above
        }
        if (uses.isEmpty()) {
            return Optional.empty();
        }
        List<String> all = new ArrayList<>(uses);
        List<String> shown = all.subList(0, Math.min(NAMES_SHOWN, all.size()));
        return Optional.of(new User(pid, command(process), List.copyOf(shown), all.size() - shown.size()));
    }

    /** Whether a path the kernel reports (with " (deleted)" for a removed file) lies on the drive. */
    static boolean isOn(String path, String mountPoint) {
        String name = path.endsWith(DELETED) ? path.substring(0, path.length() - DELETED.length()) : path;
        String prefix = mountPoint.endsWith("/") ? mountPoint : mountPoint + "/";
        return name.equals(mountPoint) || name.startsWith(prefix);
    }

    /** The file of a {@code /proc/PID/maps} line (the sixth field onwards), or null for an anonymous mapping. */
    static String mappedPath(String line) {
        int slash = line.indexOf('/');
        return slash < 0 ? null : line.substring(slash);
    }

    private static String command(Path process) {
        try {
            return Files.readString(process.resolve("comm")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String link(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    /** A process id or a descriptor number. */
    private static boolean isNumber(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
