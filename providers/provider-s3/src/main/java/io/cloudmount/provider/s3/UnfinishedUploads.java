package io.cloudmount.provider.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;

/**
 * The multipart uploads this drive started and has not yet completed or aborted, recorded in a file
 * of its cache folder. A process killed during a large upload leaves its parts in the bucket: no
 * listing shows them, yet they take (billed) space until someone aborts the upload. The next run
 * aborts them before its first upload.
 *
 * <p>The file is a journal: {@code + uploadId key} when an upload starts, {@code - uploadId} when it
 * ends (key URL-encoded). It is rewritten with what is still open once the leftovers are handled.
 * Not forced to disk: a process killed keeps what it wrote; only a machine crash can lose an entry,
 * leaving that upload to the bucket's own cleanup rule.
 */
final class UnfinishedUploads {
    private static final Logger LOG = LoggerFactory.getLogger(UnfinishedUploads.class);

    private final Path file;
    /** Upload id to key, for this run's uploads in progress. */
    private final Map<String, String> open = new LinkedHashMap<>();
    private boolean leftoversHandled;

    /** @param file where the journal lives; {@code null}: nothing is recorded (no cache folder) */
    UnfinishedUploads(Path file) {
        this.file = file;
    }

    /**
     * Aborts the uploads the previous run left unfinished, once per run; the first upload of the run
     * calls it. An upload that cannot be aborted now stays recorded for the next run.
     */
    synchronized void abortLeftovers(S3Bucket bucket) {
        if (leftoversHandled || file == null) {
            return;
        }
        leftoversHandled = true;
        Map<String, String> leftovers = read();
        leftovers.keySet().removeAll(open.keySet()); // this run's own, started before the first upload (a copy)
        int aborted = 0;
        for (Map.Entry<String, String> upload : leftovers.entrySet()) {
            try {
                bucket.client().abortMultipartUpload(b -> b.bucket(bucket.name()).key(upload.getValue())
                        .uploadId(upload.getKey()));
                aborted++;
            } catch (NoSuchUploadException e) {
                aborted++; // completed after all, or the bucket cleaned it up
            } catch (SdkException | UncheckedIOException e) {
                LOG.warn("Cannot abort the unfinished upload of {} left by an earlier run; trying again next time: {}",
                        upload.getValue(), e.getMessage());
                open.put(upload.getKey(), upload.getValue());
            }
        }
        if (aborted > 0) {
            LOG.info("Aborted {} multipart upload(s) that an earlier run left unfinished (their parts took space"
                    + " in the bucket)", aborted);
        }
        rewrite();
    }

    synchronized void started(String key, String uploadId) {
        open.put(uploadId, key);
        append(startLine(uploadId, key));
    }

    private static String startLine(String uploadId, String key) {
        return "+ " + uploadId + " " + URLEncoder.encode(key, StandardCharsets.UTF_8);
    }

    /** Completed or aborted: its parts are gone or part of an object. */
    synchronized void ended(String uploadId) {
        if (open.remove(uploadId) == null) {
            return;
        }
        if (open.isEmpty() && leftoversHandled) {
            rewrite(); // nothing open: no file, so the journal does not grow for the whole run
        } else {
            append("- " + uploadId);
        }
    }

    private Map<String, String> read() {
        Map<String, String> started = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return started;
        } catch (IOException e) {
            LOG.warn("Cannot read {}: {}", file, e.toString());
            return started;
        }
        for (String line : lines) {
            String[] fields = line.split(" ");
            if (fields.length == 3 && fields[0].equals("+")) {
                started.put(fields[1], URLDecoder.decode(fields[2], StandardCharsets.UTF_8));
            } else if (fields.length == 2 && fields[0].equals("-")) {
                started.remove(fields[1]);
            } // else: a line torn by a crash; its upload (if any) is left to the bucket's cleanup
        }
        return started;
    }

    private void rewrite() {
        StringBuilder text = new StringBuilder();
        open.forEach((id, key) -> text.append(startLine(id, key)).append('\n'));
        try {
            if (text.length() == 0) {
                Files.deleteIfExists(file);
            } else {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            LOG.warn("Cannot rewrite {}: {}", file, e.toString());
        }
    }

    private void append(String line) {
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("Cannot record an upload in {} ({}); if this process is killed during it, its parts stay"
                    + " in the bucket", file, e.toString());
        }
    }
}
