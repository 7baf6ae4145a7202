package io.cloudmount.provider.s3;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file in the drive's cache folder that records the old keys {@link DeferredDeletes} has still to
 * delete: {@code + etag key} when a key is deferred, {@code - key} when it is deleted (URL-encoded),
 * under a header naming the store. Not forced to disk: a killed process keeps what it wrote; only a
 * machine crash can lose a line, leaving that renamed file under both names.
 */
final class DeletesJournal {
    private static final Logger LOG = LoggerFactory.getLogger(DeletesJournal.class);
    private static final String FORMAT = "cloudmount-s3-deferred-deletes 1 ";

    private final Path file;
    private final String header;
    /** After the drive closed, a worker still stuck in a request must not change the file any more. */
    private volatile boolean frozen;

    /** @param file {@code null}: nothing is recorded (no cache folder) */
    DeletesJournal(Path file, String store) {
        this.file = file;
        this.header = FORMAT + encode(store);
    }

    boolean exists() {
        return file != null;
    }

    /**
     * Key to copied ETag ({@code null} if unknown) of what an earlier run left; empty if none or another
     * store's; {@code null} if the file cannot be read (it is then left as it is).
     */
    Map<String, String> leftovers() {
        Map<String, String> left = new LinkedHashMap<>();
        if (file == null) {
            return left;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return left;
        } catch (IOException e) {
            LOG.warn("Cannot read {} ({}); files renamed before the last mount ended may show under their old name"
                    + " too", file, e.toString());
            return null;
        }
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals(header)) {
            LOG.info("Ignoring {}: written for another store", file);
            delete();
            return left;
        }
        // A last line without its newline was cut by a kill: it may name a shorter, other key.
        int complete = text.endsWith("\n") ? lines.size() : lines.size() - 1;
        for (String line : lines.subList(1, Math.max(1, complete))) {
            String[] f = line.split(" ");
            try {
                if (f.length == 3 && f[0].equals("+")) {
                    String etag = decode(f[1]);
                    left.put(decode(f[2]), etag.equals("-") ? null : etag);
                } else if (f.length == 2 && f[0].equals("-")) {
                    left.remove(decode(f[1]));
                }
            } catch (IllegalArgumentException damaged) {
                // a bad %XX escape: at worst that old name stays in the bucket
            }
        }
        return left;
    }

    void deferred(String key, String etag) {
        append("+ " + encode(etag == null ? "-" : etag) + " " + encode(key));
    }

    void deleted(String key) {
        append("- " + encode(key));
    }

    /** Replaces the file with just these entries (key to ETag), or removes it if there are none. */
    void rewrite(Map<String, String> entries) {
        if (file == null || frozen) {
            return;
        }
        if (entries.isEmpty()) {
            delete();
            return;
        }
        StringBuilder text = new StringBuilder(header).append('\n');
        entries.forEach((key, etag) -> text.append("+ ").append(encode(etag == null ? "-" : etag)).append(' ')
                .append(encode(key)).append('\n'));
        // A temporary file, then a rename: a kill in between leaves the old file whole.
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Cannot rewrite {}: {}", file, e.toString());
        }
    }

    /** Nothing left to delete. */
    void delete() {
        if (file == null || frozen) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", file, e.toString());
        }
    }

    /** The drive closed: the file stays as it is for the next mount. */
    void freeze() {
        frozen = true;
    }

    private void append(String line) {
        if (file == null || frozen) {
            return;
        }
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, header + "\n", StandardCharsets.UTF_8);
            }
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("Cannot record a rename in {} ({}); if this process is killed now, the file may show under its"
                    + " old name too", file, e.toString());
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
