package io.cloudmount.engine.vfs;

import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ObjectPaths;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Directories made on this drive whose store entry (S3: the {@code dir/} marker) is not written yet:
 * {@code mkdir} returns once the directory is recorded here, and the write-back queue creates it in
 * the store later, like a file's upload. Until then the namespace shows these directories itself.
 *
 * <p>The journal is a file in the cache folder with one line per change, {@code +path} when a
 * directory becomes pending and {@code -path} when its entry is in the store (paths URL-encoded, so a
 * name with a line break stays one line). Like the cache items' records it is written without fsync:
 * it survives a killed process, and the next mount creates what is still pending. It is rewritten
 * from the pending set at start and whenever that set becomes empty, so it never grows for long.
 */
final class PendingDirectories {
    private static final Logger LOG = LoggerFactory.getLogger(PendingDirectories.class);
    static final String FILE_NAME = "pending-directories";

    private final Path journal;
    /** Path to the time of its mkdir, in path order: a subtree is one range. */
    private final NavigableMap<String, Instant> pending = new ConcurrentSkipListMap<>();
    /** Pending directories whose store entry may be on its way (a request was started). */
    private final java.util.Set<String> sending = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private BufferedWriter out;

    private PendingDirectories(Path journal) {
        this.journal = journal;
    }

    /** Reads what a previous run left pending in {@code cacheDirectory} and starts a fresh journal with it. */
    static PendingDirectories open(Path cacheDirectory) throws IOException {
        PendingDirectories dirs = new PendingDirectories(cacheDirectory.resolve(FILE_NAME));
        dirs.replay();
        dirs.rewrite();
        return dirs;
    }

    /** The directories left pending by the previous run (or added since), parents first. */
    List<String> paths() {
        return new ArrayList<>(pending.keySet());
    }

    boolean contains(String path) {
        return pending.containsKey(path);
    }

    /** When {@code path} was made, or {@code null} if it is not pending. */
    Instant madeAt(String path) {
        return pending.get(path);
    }

    /** Pending directories strictly below {@code path}, parents before their children. */
    List<String> below(String path) {
        return new ArrayList<>(strictlyBelow(path).keySet());
    }

    /**
     * Pending directories directly inside {@code directory}, as listing entries. Each name and time is
     * taken from one map entry: a directory written to the store meanwhile is either listed whole or not.
     */
    List<ObjectInfo> children(String directory) {
        List<ObjectInfo> found = new ArrayList<>();
        for (Map.Entry<String, Instant> e : strictlyBelow(directory).entrySet()) {
            if (ObjectPaths.parent(e.getKey()).equals(directory)) {
                found.add(ObjectInfo.directory(ObjectPaths.name(e.getKey()), e.getValue()));
            }
        }
        return found;
    }

    private NavigableMap<String, Instant> strictlyBelow(String path) {
        // '0' follows '/': every path starting with "path/" sorts in [path + "/", path + "0").
        return ObjectPaths.isRoot(path) ? pending.tailMap("/", false)
                : pending.subMap(path + "/", true, path + "0", false);
    }

    /** A request writing {@code path}'s store entry is about to start. */
    void sending(String path) {
        sending.add(path);
    }

    /** Whether the store may have {@code path}'s entry although it is still pending (a request was started). */
    boolean maySendHaveStarted(String path) {
        return sending.contains(path);
    }

    /** Records {@code path} as made at {@code when}, its store entry still to be written. */
    synchronized void add(String path, Instant when) throws IOException {
        append('+', path);
        pending.put(path, when);
    }

    /** The store has {@code path} now, or it was removed before it got there. */
    synchronized void remove(String path) {
        sending.remove(path);
        if (pending.remove(path) == null) {
            return;
        }
        try {
            if (pending.isEmpty()) {
                rewrite();
            } else {
                append('-', path);
            }
        } catch (IOException e) {
            // Harmless: the next mount writes this directory's entry again, which is a no-op for it.
            LOG.warn("Could not record that {} is in the store: {}", path, e.getMessage());
        }
    }

    synchronized void close() {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            LOG.warn("Could not close {}: {}", journal, e.getMessage());
        }
    }

    private void append(char op, String path) throws IOException {
        if (out == null) {
            out = Files.newBufferedWriter(journal, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        out.write(op + URLEncoder.encode(path, StandardCharsets.UTF_8) + "\n");
        out.flush(); // to the kernel: a killed process loses nothing written before mkdir returned
    }

    private void replay() throws IOException {
        String text;
        try {
            text = Files.readString(journal, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return;
        } catch (java.nio.charset.CharacterCodingException e) {
            LOG.warn("{} is damaged; directories made just before the last stop may be missing", journal);
            return;
        }
        Instant written = Files.getLastModifiedTime(journal).toInstant(); // the closest a mkdir time survives
        List<String> lines = text.lines().toList();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            // A last line without its newline was cut (a full disk, a machine crash): what is left of
            // its path may name another directory ("+/docs/dr" of "+/docs/drafts"), so it is ignored.
            lines = lines.subList(0, lines.size() - 1);
        }
        for (String line : lines) {
            if (line.length() < 2 || (line.charAt(0) != '+' && line.charAt(0) != '-')) {
                continue; // damaged
            }
            String path;
            try {
                path = URLDecoder.decode(line.substring(1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (!ObjectPaths.isValid(path) || ObjectPaths.isRoot(path)) {
                continue;
            }
            if (line.charAt(0) == '+') {
                pending.put(path, written);
            } else {
                pending.remove(path);
            }
        }
    }

    private void rewrite() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
        if (pending.isEmpty()) {
            Files.deleteIfExists(journal);
            return;
        }
        Path temp = journal.resolveSibling(FILE_NAME + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, Instant> e : pending.entrySet()) {
                w.write('+' + URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "\n");
            }
        }
        Files.move(temp, journal, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
