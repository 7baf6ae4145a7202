package io.cloudmount.provider.s3;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file in the drive's cache folder that records the old keys {@link DeferredDeletes} has still to
 * delete: {@code + etag key} when a key is deferred, {@code - key} when it is deleted (see
 * {@link RecordFile}). Only a machine crash can lose a line, leaving that renamed file under both names.
 */
final class DeletesJournal {
    private static final Logger LOG = LoggerFactory.getLogger(DeletesJournal.class);
    private static final String NO_ETAG = "-";

    private final RecordFile file;

    /** @param file {@code null}: nothing is recorded (no cache folder) */
    DeletesJournal(Path file, String store) {
        this.file = new RecordFile(file, "cloudmount-s3-deferred-deletes 1", store);
    }

    boolean exists() {
        return file.exists();
    }

    /**
     * Key to copied ETag ({@code null} if unknown) of what an earlier run left; empty if none or another
     * store's; {@code null} if the file cannot be read (it is then left as it is).
     */
    Map<String, String> leftovers() {
        Map<String, String> left = new LinkedHashMap<>();
        RecordFile.Contents contents = file.read();
        switch (contents.state()) {
            case MISSING -> {
                return left;
            }
            case UNREADABLE -> {
                LOG.warn("Cannot read {} ({}); files renamed before the last mount ended may show under their old"
                        + " name too", file.path(), contents.failure().toString());
                return null;
            }
            case FOREIGN -> {
                LOG.info("Ignoring {}: written for another store", file.path());
                delete();
                return left;
            }
            default -> {
                // read below
            }
        }
        for (RecordFile.Entry entry : contents.entries()) {
            List<String> f = entry.fields();
            if (entry.kind().equals("+") && f.size() == 2) {
                left.put(f.get(1), f.get(0).equals(NO_ETAG) ? null : f.get(0));
            } else if (entry.kind().equals("-") && f.size() == 1) {
                left.remove(f.get(0));
            }
        }
        return left;
    }

    void deferred(String key, String etag) {
        append(new RecordFile.Entry("+", etag == null ? NO_ETAG : etag, key));
    }

    void deleted(String key) {
        append(new RecordFile.Entry("-", key));
    }

    /** Replaces the file with just these entries (key to ETag), or removes it if there are none. */
    void rewrite(Map<String, String> entries) {
        List<RecordFile.Entry> kept = entries.entrySet().stream()
                .map(e -> new RecordFile.Entry("+", e.getValue() == null ? NO_ETAG : e.getValue(), e.getKey()))
                .toList();
        try {
            file.rewrite(kept);
        } catch (IOException e) {
            LOG.warn("Cannot rewrite {}: {}", file.path(), e.toString());
        }
    }

    /** Nothing left to delete. */
    void delete() {
        try {
            file.delete();
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", file.path(), e.toString());
        }
    }

    /** The drive closed: the file stays as it is for the next mount. */
    void freeze() {
        file.freeze();
    }

    private void append(RecordFile.Entry entry) {
        try {
            file.append(entry);
        } catch (IOException e) {
            LOG.warn("Cannot record a rename in {} ({}); if this process is killed now, the file may show under its"
                    + " old name too", file.path(), e.toString());
        }
    }
}
