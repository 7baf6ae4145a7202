package io.cloudmount.provider.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cloudmount.provider.Capability;
import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.OpenMode;
import io.cloudmount.provider.ListPage;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.ProviderException.Kind;
import io.cloudmount.provider.StorageProvider;
import io.cloudmount.provider.UploadOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * What every contract area shares: access to the provider under test and small helpers that go
 * through the SPI only. Content goes in with {@link StorageProvider#upload}, the one write path every
 * store has, so that read tests do not depend on {@link Capability#RANDOM_WRITE}.
 */
abstract class ContractSupport {

    /** A whole-second time: every store we know keeps at least seconds. */
    static final Instant SOME_TIME = Instant.parse("2021-03-04T05:06:07Z");
    static final Instant OTHER_TIME = Instant.parse("2019-11-12T13:14:15Z");

    /** Guards the paging loop against a provider that hands out the same token forever. */
    private static final int MAX_PAGES = 100_000;

    /** The kit this area runs in; each {@code @Nested} class in {@link StorageProviderContract} returns its outer instance. */
    abstract StorageProviderContract kit();

    final StorageProvider provider() {
        return kit().provider();
    }

    final boolean has(Capability capability) {
        return provider().capabilities().has(capability);
    }

    final void assumeCapability(Capability capability) {
        assumeTrue(has(capability), () -> provider().describe() + " lacks " + capability);
    }

    final void assumeNoCapability(Capability capability) {
        assumeFalse(has(capability), () -> provider().describe() + " has " + capability);
    }

    /** Deterministic pseudo-random bytes, so that a failure is reproducible. */
    static byte[] content(int length, int seed) {
        byte[] bytes = new byte[length];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Creates or replaces {@code path} with {@code bytes}. */
    final ObjectInfo put(String path, byte[] bytes) throws IOException {
        return put(path, bytes, SOME_TIME);
    }

    final ObjectInfo put(String path, byte[] bytes, Instant modified) throws IOException {
        return provider().upload(path, localFile(bytes), UploadOptions.modifiedAt(modified));
    }

    final ObjectInfo put(String path, String text) throws IOException {
        return put(path, utf8(text));
    }

    final ObjectInfo put(String path, String text, Instant modified) throws IOException {
        return put(path, utf8(text), modified);
    }

    /** A new local file with {@code bytes}, for upload sources. */
    final Path localFile(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(kit().scratch(), "source", ".bin");
        Files.write(file, bytes);
        return file;
    }

    final byte[] readAll(String path) throws IOException {
        try (ObjectHandle handle = provider().open(path, OpenMode.READ)) {
            return readAll(handle);
        }
    }

    final String readText(String path) throws IOException {
        return new String(readAll(path), StandardCharsets.UTF_8);
    }

    /** Reads from position 0 until a read returns 0, in odd-sized steps so that no block size lines up. */
    static byte[] readAll(ObjectHandle handle) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(100_003);
        long position = 0;
        while (true) {
            buffer.clear();
            int n = handle.read(position, buffer);
            if (n == 0) {
                return out.toByteArray();
            }
            assertThat(n).as("bytes read at %d", position).isPositive();
            out.write(buffer.array(), 0, n);
            position += n;
        }
    }

    /** Reads exactly {@code length} bytes at {@code position} (or fewer at the end of the file). */
    static byte[] readRange(ObjectHandle handle, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        int n = handle.read(position, buffer);
        byte[] bytes = new byte[n];
        buffer.flip().get(bytes);
        return bytes;
    }

    final void mkdirs(String... paths) throws IOException {
        for (String path : paths) {
            provider().mkdir(path);
        }
    }

    /** All entries of a directory, following {@link ListPage#nextPageToken()} to the last page. */
    final List<ObjectInfo> listAll(String directory) throws IOException {
        return listAll(directory, false);
    }

    /** As {@link #listAll(String)}, through {@code listNames} if {@code namesOnly}. */
    final List<ObjectInfo> listAll(String directory, boolean namesOnly) throws IOException {
        List<ObjectInfo> all = new ArrayList<>();
        String token = null;
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            ListPage page = namesOnly ? provider().listNames(directory, token) : provider().list(directory, token);
            all.addAll(page.entries());
            if (page.isLast()) {
                return all;
            }
            token = page.nextPageToken();
        }
        throw new AssertionError("listing of " + directory + " did not end after " + MAX_PAGES + " pages");
    }

    final List<String> namesIn(String directory) throws IOException {
        return listAll(directory).stream().map(ObjectInfo::name).toList();
    }

    final boolean exists(String path) throws IOException {
        try {
            provider().stat(path);
            return true;
        } catch (ProviderException.NotFound e) {
            return false;
        }
    }

    /** Asserts that {@code call} fails with a {@link ProviderException} of one of the {@code allowed} kinds. */
    static ProviderException assertFailsWith(ThrowingCallable call, Kind... allowed) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("expected a ProviderException of kind %s", List.of(allowed))
                .isInstanceOf(ProviderException.class);
        ProviderException failure = (ProviderException) thrown;
        assertThat(failure.kind()).as("kind of %s", failure).isIn((Object[]) allowed);
        return failure;
    }
}
