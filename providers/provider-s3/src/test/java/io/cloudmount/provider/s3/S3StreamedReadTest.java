package io.cloudmount.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.s3.testing.Exchange;
import io.cloudmount.provider.s3.testing.Fault;
import io.cloudmount.provider.s3.testing.FaultyS3Proxy;
import io.cloudmount.provider.s3.testing.RequestMatch;
import io.cloudmount.provider.s3.testing.S3ServerExtension;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Long reads as the cache fills files: {@link ObjectHandle#stream} on a handle from
 * {@link S3StorageProvider#openVersion}, counted and broken by a {@link FaultyS3Proxy}.
 */
class S3StreamedReadTest {
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    private static final int PIECE = 1 << 20;

    private FaultyS3Proxy proxy;
    private String bucket;
    private S3StorageProvider provider;

    @BeforeEach
    void start() throws Exception {
        proxy = FaultyS3Proxy.inFrontOf(S3.server());
        bucket = S3.server().createBucket();
        provider = new S3StorageProvider(S3.server().settings(bucket).endpoint(proxy.endpoint()).maxAttempts(3).build());
    }

    @AfterEach
    void stop() {
        provider.close();
        proxy.close();
    }

    @Test
    void aStreamedRangeIsOneGetHandedOverInWholePiecesInOrder() throws Exception {
        byte[] content = storeDirectly("big.bin", 5 * PIECE + 123, 1);
        ObjectInfo info = provider.stat("/big.bin");
        var received = new Received();

        try (ObjectHandle handle = provider.openVersion("/big.bin", info.size(), info.etag())) {
            handle.stream(100, content.length - 100, ByteBuffer.allocate(PIECE), received::add);
        }

        assertThat(received.bytes()).isEqualTo(Arrays.copyOfRange(content, 100, content.length));
        assertThat(received.positions).containsExactly(100L, 100L + PIECE, 100L + 2 * PIECE, 100L + 3 * PIECE,
                100L + 4 * PIECE, 100L + 5 * PIECE);
        assertThat(proxy.count(RequestMatch.object("GET", bucket, "big.bin"))).isEqualTo(1);
    }

    @Test
    void openingAKnownVersionAsksTheServerNothingBeforeTheRead() throws Exception {
        byte[] content = storeDirectly("f.bin", 1000, 2);
        ObjectInfo info = provider.stat("/f.bin");
        int before = proxy.exchanges().size();

        try (ObjectHandle handle = provider.openVersion("/f.bin", info.size(), info.etag())) {
            ByteBuffer buffer = ByteBuffer.allocate(1000);
            handle.read(0, buffer);
            assertThat(buffer.array()).isEqualTo(content);
        }

        assertThat(proxy.exchanges().subList(before, proxy.exchanges().size()))
                .extracting(Exchange::method).containsExactly("GET");
    }

    @Test
    void aKnownVersionThatWasReplacedFailsWithConflict() throws Exception {
        storeDirectly("f.bin", 1000, 3);
        ObjectInfo info = provider.stat("/f.bin");
        storeDirectly("f.bin", 1000, 4);

        try (ObjectHandle handle = provider.openVersion("/f.bin", info.size(), info.etag())) {
            var failure = catchThrowableOfType(() -> handle.stream(0, 1000, ByteBuffer.allocate(PIECE), new Received()::add),
                    ProviderException.Conflict.class);
            assertThat(failure).isNotNull();
        }
    }

    @Test
    void aBodyCutInTheMiddleOfAStreamFailsAsUnavailableAfterHandingOverOnlyWholePieces() throws Exception {
        byte[] content = storeDirectly("big.bin", 4 * PIECE, 5);
        ObjectInfo info = provider.stat("/big.bin");
        // A cut, not a reset: a reset may discard what the client's socket already holds.
        proxy.inject(RequestMatch.object("GET", bucket, "big.bin"), 1, Fault.truncateBodyAt(2 * PIECE + PIECE / 2));
        var received = new Received();

        try (ObjectHandle handle = provider.openVersion("/big.bin", info.size(), info.etag())) {
            var failure = catchThrowableOfType(() -> handle.stream(0, content.length, ByteBuffer.allocate(PIECE), received::add),
                    ProviderException.Unavailable.class);
            assertThat(failure).isNotNull();
            assertThat(failure.isRetryable()).isTrue();
        }

        assertThat(received.positions).containsExactly(0L, (long) PIECE);
        assertThat(received.bytes()).isEqualTo(Arrays.copyOf(content, 2 * PIECE));
    }

    /** What a sink got: each piece's position, and all bytes in order. */
    private static final class Received {
        final List<Long> positions = new ArrayList<>();
        private final ByteArrayOutputStream all = new ByteArrayOutputStream();

        void add(long position, ByteBuffer piece) {
            positions.add(position);
            byte[] bytes = new byte[piece.remaining()];
            piece.get(bytes);
            all.writeBytes(bytes);
        }

        byte[] bytes() {
            return all.toByteArray();
        }
    }

    private byte[] storeDirectly(String key, int size, int seed) {
        byte[] content = new byte[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            content[i] = (byte) random.nextInt(256);
        }
        S3.server().admin().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
        return content;
    }
}
