package io.cloudmount.engine.vfs;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Names for the copy that keeps local changes when the store's version changed meanwhile:
 * {@code report (conflict 2026-11-21 131415).docx}, beside the original, extension kept so the file
 * still opens in the right program.
 */
final class ConflictCopies {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HHmmss");
    private final Clock clock;

    ConflictCopies(Clock clock) {
        this.clock = clock;
    }

    String nameFor(String path) {
        int slash = path.lastIndexOf('/');
        String dir = path.substring(0, slash + 1);
        String name = path.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        String stamp = STAMP.format(clock.instant().atZone(ZoneId.systemDefault()));
        return dir + stem + " (conflict " + stamp + ")" + ext;
    }
}
