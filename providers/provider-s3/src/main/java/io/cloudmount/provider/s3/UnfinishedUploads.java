package io.cloudmount.provider.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
 * <p>The file is a journal ({@link RecordFile}): {@code + uploadId key} when an upload starts,
 * {@code - uploadId} when it ends. It is rewritten with what is still open once the leftovers are
 * handled. Only a machine crash can lose an entry, leaving that upload to the bucket's own cleanup rule.
 */
final class UnfinishedUploads {
    private static final Logger LOG = LoggerFactory.getLogger(UnfinishedUploads.class);

    private final RecordFile file;
    /** Upload id to key, for this run's uploads in progress. */
    private final Map<String, String> open = new LinkedHashMap<>();
    private boolean leftoversHandled;

    /** @param file where the journal lives; {@code null}: nothing is recorded (no cache folder) */
    UnfinishedUploads(Path file, String store) {
        this.file = new RecordFile(file, "cloudmount-s3-unfinished-uploads 1", store);
    }

    /**
     * Aborts the uploads the previous run left unfinished, once per run: the provider starts it in the
     * background when it opens, and uploads call it first so that none starts before it is done. An
     * upload that cannot be aborted now stays recorded for the next run.
     */
    synchronized void abortLeftovers(S3Bucket bucket) {
        if (leftoversHandled || !file.exists()) {
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
        append(new RecordFile.Entry("+", uploadId, key));
    }

    /** Completed or aborted: its parts are gone or part of an object. */
    synchronized void ended(String uploadId) {
        if (open.remove(uploadId) == null) {
            return;
        }
        if (open.isEmpty() && leftoversHandled) {
            rewrite(); // nothing open: no file, so the journal does not grow for the whole run
        } else {
            append(new RecordFile.Entry("-", uploadId));
        }
    }

    private Map<String, String> read() {
        Map<String, String> started = new LinkedHashMap<>();
        RecordFile.Contents contents = file.read();
        if (contents.state() == RecordFile.State.UNREADABLE) {
            LOG.warn("Cannot read {}: {}", file.path(), contents.failure().toString());
        }
        for (RecordFile.Entry entry : contents.entries()) {
            List<String> f = entry.fields();
            if (entry.kind().equals("+") && f.size() == 2) {
                started.put(f.get(0), f.get(1));
            } else if (entry.kind().equals("-") && f.size() == 1) {
                started.remove(f.get(0));
            }
        }
        return started;
    }

    private void rewrite() {
        try {
            file.rewrite(open.entrySet().stream().map(e -> new RecordFile.Entry("+", e.getKey(), e.getValue())).toList());
        } catch (IOException e) {
            LOG.warn("Cannot rewrite {}: {}", file.path(), e.toString());
        }
    }

    private void append(RecordFile.Entry entry) {
        try {
            file.append(entry);
        } catch (IOException e) {
            LOG.warn("Cannot record an upload in {} ({}); if this process is killed during it, its parts stay"
                    + " in the bucket", file.path(), e.toString());
        }
    }
}
