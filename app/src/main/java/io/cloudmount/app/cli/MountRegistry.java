package io.cloudmount.app.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Which CloudMount process serves which mount point: one small file per mount in the user's runtime
 * directory ({@code $XDG_RUNTIME_DIR/cloudmount}, else {@code /tmp/cloudmount-USER}). Entries of
 * processes that no longer run are ignored and cleaned up.
 */
final class MountRegistry {
    /**
     * @param started when the process started ({@code null}: not known); a PID alone could name another
     *                process after a {@code kill -9} and PID reuse, and {@code cloudmount unmount} would
     *                send it SIGTERM
     */
    record Entry(Path mountPoint, long pid, String source, Instant started) {
        /** The entry of this process. */
        static Entry ofThisProcess(Path mountPoint, String source) {
            ProcessHandle self = ProcessHandle.current();
            return new Entry(mountPoint, self.pid(), source, self.info().startInstant().orElse(null));
        }

        boolean isAlive() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> started == null || p.info().startInstant().map(started::equals).orElse(true))
                    .isPresent();
        }
    }

    private final Path directory;

    MountRegistry(Path directory) {
        this.directory = directory;
    }

    static MountRegistry forCurrentUser() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        Path base = runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))
                ? Path.of(runtime, "cloudmount")
                : Path.of(System.getProperty("java.io.tmpdir"), "cloudmount-" + System.getProperty("user.name"));
        return new MountRegistry(base);
    }

    void register(Entry entry) throws IOException {
        Files.createDirectories(directory);
        // Left by an earlier mount here that was interrupted or whose unmount command gave up: this mount
        // must neither report that mount's outcome nor stop waiting for its uploads because of them.
        Files.deleteIfExists(statusFile(entry.mountPoint()));
        Files.deleteIfExists(noWaitFile(entry.mountPoint()));
        Properties p = new Properties();
        p.setProperty("mountPoint", entry.mountPoint().toString());
        p.setProperty("pid", Long.toString(entry.pid()));
        p.setProperty("source", entry.source());
        if (entry.started() != null) {
            p.setProperty("started", entry.started().toString());
        }
        Path file = fileFor(entry.mountPoint());
        Path temp = Files.createTempFile(directory, "mount", ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            p.store(out, "CloudMount mount");
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    void unregister(Path mountPoint, long pid) {
        find(mountPoint).filter(e -> e.pid() == pid).ifPresent(e -> {
            try {
                Files.deleteIfExists(fileFor(mountPoint));
            } catch (IOException ignored) {
                // a leftover entry is recognised as dead next time
            }
        });
    }

    /** The live process serving {@code mountPoint}, if any. */
    Optional<Entry> find(Path mountPoint) {
        Path file = fileFor(mountPoint);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Optional<Entry> entry = read(file);
        if (entry.isEmpty() || !entry.get().isAlive()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // harmless
            }
            return Optional.empty();
        }
        return entry;
    }

    List<Entry> all() {
        List<Entry> result = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return result;
        }
        try (var files = Files.list(directory)) {
            files.filter(f -> f.getFileName().toString().endsWith(".mount"))
                    .forEach(f -> read(f).filter(Entry::isAlive).ifPresent(result::add));
        } catch (IOException ignored) {
            // an unreadable registry lists nothing
        }
        return result;
    }

    private Optional<Entry> read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            String started = p.getProperty("started");
            return Optional.of(new Entry(Path.of(p.getProperty("mountPoint")), Long.parseLong(p.getProperty("pid")),
                    p.getProperty("source", ""), started == null ? null : Instant.parse(started)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Progress of a draining unmount, written by the mount process for {@code cloudmount unmount} to show. */
    Path statusFile(Path mountPoint) {
        return sibling(mountPoint, ".status");
    }

    /** Present when {@code cloudmount unmount --no-wait} asks to leave pending uploads for the next mount. */
    Path noWaitFile(Path mountPoint) {
        return sibling(mountPoint, ".nowait");
    }

    private Path sibling(Path mountPoint, String suffix) {
        String name = fileFor(mountPoint).getFileName().toString();
        return directory.resolve(name.substring(0, name.length() - ".mount".length()) + suffix);
    }

    private Path fileFor(Path mountPoint) {
        byte[] key = mountPoint.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return directory.resolve(HexFormat.of().formatHex(digest, 0, 16) + ".mount");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
