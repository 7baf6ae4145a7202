package io.cloudmount.provider.s3;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stored {@code mtime} of object versions already read with a HEAD, so that listing a directory
 * again (its listing expired, or a poll) costs one LIST instead of one HEAD per file.
 *
 * <p><b>A version is its ETag plus its LastModified.</b> A listing shows both for every object, but
 * not the user metadata. Rewriting an object, even copying it onto itself to change only its
 * metadata (same content, so same ETag), gives it a new LastModified; but LastModified has whole
 * seconds, so two rewrites within one second would look alike. Hence a HEAD is remembered only if the
 * server answered it (its {@code Date}) at least {@code settle} after that second: any version the
 * HEAD did not see is newer than the answer, so it has a later LastModified.
 *
 * <p><b>Versions this drive wrote</b> ({@link #wrote}) are known without a HEAD: the time is the one
 * the write stored, and the version's LastModified is at most the server's answer to the write. A
 * listing showing the same ETag with a LastModified no later than that answer is taken to be it. Only
 * a same-content rewrite by another client, within the second of that answer, could look alike;
 * it would show this drive's time until the object changes again. Any other write this drive makes
 * to the key replaces or {@linkplain #forget forgets} the entry.
 *
 * <p>The same holds across runs: {@link #load} and {@link #save} keep the entries in a file of the
 * drive's cache directory, one line per key ({@code key etag second mtimeSeconds mtimeNanos}, key
 * and ETag URL-encoded, then {@code w} for a version this drive wrote, whose second is the answer's),
 * under a header naming the store ({@link S3Settings#storeName}, whatever the endpoint), so a drive
 * mounted again lists without the HEADs. A missing, foreign or damaged file only costs those HEADs.
 */
final class KnownModTimes {
    private static final Logger LOG = LoggerFactory.getLogger(KnownModTimes.class);
    private static final String FORMAT = "cloudmount-s3-modtimes 2 ";
    /** The format before versions written by the drive were kept: its lines read the same. */
    private static final String FORMAT_1 = "cloudmount-s3-modtimes 1 ";
    private static final String WRITTEN = "w";
    /** Covers the whole LastModified second plus clock differences between the server's nodes. */
    static final Duration SETTLE = Duration.ofSeconds(2);
    /** About 200 bytes each: a bounded share of the heap; past it, start over. */
    private static final int MAX_ENTRIES = 100_000;

    private final Duration settle;
    private final Map<String, Known> byKey = new ConcurrentHashMap<>();

    KnownModTimes(Duration settle) {
        this.settle = settle;
    }

    /** The modification time a HEAD of this version showed, or this drive stored with it; {@code null} if unknown. */
    Instant modified(S3Object listed) {
        Known known = byKey.get(listed.key());
        if (known == null || listed.eTag() == null || listed.lastModified() == null
                || !known.etag.equals(StoredVersion.unquoted(listed.eTag()))) {
            return null;
        }
        long second = listed.lastModified().getEpochSecond();
        boolean same = known.written ? second <= known.lastModifiedSecond : second == known.lastModifiedSecond;
        return same ? known.modified : null;
    }

    /** This drive stored a version of {@code key} with the time {@code modified} (see above). */
    void wrote(String key, StoredVersion stored, Instant modified) {
        if (stored.etag() == null || stored.answered() == null) {
            byKey.remove(key); // the version cannot be recognised: the next listing asks
            return;
        }
        put(key, new Known(stored.etag(), stored.answered().getEpochSecond(), modified, true));
    }

    /** This drive wrote {@code key} in a way that stores no time of its own choosing (a copy onto it). */
    void forget(String key) {
        byKey.remove(key);
    }

    /** Remembers the time a HEAD of {@code key} showed, if the answer identifies its version (see above). */
    void record(String key, HeadObjectResponse head) {
        Instant answered = StoredVersion.answeredAt(head);
        if (head.eTag() == null || head.lastModified() == null || answered == null) {
            return;
        }
        long second = head.lastModified().getEpochSecond();
        if (answered.isBefore(Instant.ofEpochSecond(second + 1).plus(settle))) {
            return; // a rewrite in the same second could still follow unseen
        }
        put(key, new Known(head.eTag(), second, PathLookup.modified(head), false));
    }

    private void put(String key, Known known) {
        if (byKey.size() >= MAX_ENTRIES) {
            byKey.clear();
        }
        byKey.put(key, known);
    }

    /** The entries {@link #save} wrote for the store named {@code identity}, or none. */
    static KnownModTimes load(Path file, String identity, Duration settle) {
        var known = new KnownModTimes(settle);
        if (file == null) {
            return known;
        }
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String header = in.readLine();
            if (!(FORMAT + encode(identity)).equals(header) && !(FORMAT_1 + encode(identity)).equals(header)) {
                return known; // another store, or another format
            }
            for (String line = in.readLine(); line != null && known.byKey.size() < MAX_ENTRIES; line = in.readLine()) {
                String[] f = line.split(" ");
                try {
                    known.byKey.put(decode(f[0]), new Known(decode(f[1]), Long.parseLong(f[2]),
                            Instant.ofEpochSecond(Long.parseLong(f[3]), Long.parseLong(f[4])),
                            f.length > 5 && WRITTEN.equals(f[5])));
                } catch (RuntimeException e) {
                    // ArrayIndexOutOfBounds, NumberFormat, IllegalArgument, DateTime: a damaged line
                }
            }
        } catch (NoSuchFileException e) {
            // first run with this cache directory
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("ignoring {}: {}", file, e.toString());
        }
        return known;
    }

    /** Writes the entries for the next run: a temporary file, then a rename, so a crash leaves a whole file. */
    void save(Path file, String identity) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (BufferedWriter out = Files.newBufferedWriter(temp)) {
                out.write(FORMAT + encode(identity));
                out.newLine();
                for (var entry : byKey.entrySet()) {
                    Known k = entry.getValue();
                    out.write(encode(entry.getKey()) + " " + encode(k.etag) + " " + k.lastModifiedSecond + " "
                            + k.modified.getEpochSecond() + " " + k.modified.getNano() + (k.written ? " " + WRITTEN : ""));
                    out.newLine();
                }
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not save the known modification times to {} ({}); the next mount reads them again", file,
                    e.toString());
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /**
     * @param lastModifiedSecond the version's LastModified; for a version this drive {@code written}, the
     *                           server's answer to the write, which that LastModified cannot be later than
     */
    private record Known(String etag, long lastModifiedSecond, Instant modified, boolean written) {
        Known {
            etag = StoredVersion.unquoted(etag);
        }
    }
}
