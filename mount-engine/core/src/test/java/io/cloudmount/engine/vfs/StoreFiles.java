package io.cloudmount.engine.vfs;

import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.OpenMode;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.StorageProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** What the store behind a drive holds, read past the drive: what another client of the store sees. */
final class StoreFiles {
    private StoreFiles() {
    }

    static boolean exists(StorageProvider store, String path) {
        try {
            store.stat(path);
            return true;
        } catch (ProviderException e) {
            return false;
        }
    }

    /** The whole (small) object at {@code path} as UTF-8. */
    static String text(StorageProvider store, String path) throws IOException {
        try (ObjectHandle handle = store.open(path, OpenMode.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) handle.size());
            handle.read(0, buffer);
            return new String(buffer.array(), StandardCharsets.UTF_8);
        }
    }
}
