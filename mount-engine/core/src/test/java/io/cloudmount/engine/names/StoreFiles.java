package io.cloudmount.engine.names;

import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.OpenMode;
import io.cloudmount.provider.StorageProvider;
import io.cloudmount.provider.UploadOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Small SPI-only helpers for the tests of this package: write text, read it back, list names. */
final class StoreFiles {
    private final Path scratch;

    StoreFiles(Path scratch) {
        this.scratch = scratch;
    }

    void put(StorageProvider provider, String path, String text) throws IOException {
        Path source = Files.writeString(Files.createTempFile(scratch, "source", ".txt"), text);
        provider.upload(path, source, UploadOptions.modifiedAt(Instant.EPOCH));
    }

    static String read(StorageProvider provider, String path) throws IOException {
        try (ObjectHandle handle = provider.open(path, OpenMode.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) handle.size());
            while (buffer.hasRemaining() && handle.read(buffer.position(), buffer) > 0) {
                // read until full
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        }
    }

    /** Every name in a directory, across all pages, in listing order. */
    static List<String> names(StorageProvider provider, String directory) throws IOException {
        return provider.listAll(directory).stream().map(ObjectInfo::name).toList();
    }
}
