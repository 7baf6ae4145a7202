package io.cloudmount.provider.s3;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.ContentStreamProvider;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The body of one uploaded part (or of a whole PUT): {@code length} bytes of a local file from
 * {@code offset}, counted by an {@link UploadProgress}. The SDK may ask for a new stream on each retry;
 * the previous one is closed then, and the last one when the part is done.
 */
final class SliceBody implements ContentStreamProvider, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SliceBody.class);

    private final UploadProgress counter;
    private final int part;
    private final Path source;
    private final long offset;
    private final long length;
    private InputStream current;

    SliceBody(UploadProgress counter, int part, Path source, long offset, long length) {
        this.counter = counter;
        this.part = part;
        this.source = source;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public synchronized InputStream newStream() {
        close();
        current = counter.track(part, FileSlice.open(source, offset, length));
        return current;
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                LOG.debug("closing a part stream failed", e);
            }
            current = null;
        }
    }
}
