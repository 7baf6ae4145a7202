package io.cloudmount.engine.vfs;

import io.cloudmount.engine.cache.CacheItem;
import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.StorageProvider;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Tells an upload that already landed from a change made by another client. An upload is recorded
 * (the item made clean, with the new version as its base) only after the store answered; a process
 * killed in between, or an attempt whose confirmation failed, leaves the item dirty with the old base
 * while the store holds exactly its bytes. Seen as a conflict, that made a "conflict" copy of a file
 * nobody else had touched. So before an upload calls it a conflict it compares the store's object with
 * the cached bytes, and only where an earlier attempt may have sent them.
 */
final class OwnUploads {
    private static final int CHUNK = 1 << 20;

    private OwnUploads() {
    }

    /**
     * Whether {@code remote} holds exactly the bytes of {@code item}, all of which the caller made
     * present. Only asked where an earlier attempt may have sent them and the sizes agree, so a real
     * conflict costs no download, and a file created here never did.
     */
    static boolean holdsItsBytes(StorageProvider provider, CacheItem item, ObjectInfo remote) throws IOException {
        long size = item.size();
        if (!item.uploadMayHaveStarted() || remote.size() != size) {
            return false;
        }
        ByteBuffer local = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(1, size)));
        ByteBuffer stored = ByteBuffer.allocate(local.capacity());
        try (ObjectHandle handle = provider.openVersion(item.key(), remote.size(), remote.etag())) {
            for (long at = 0; at < size; ) {
                int want = (int) Math.min(local.capacity(), size - at);
                local.clear().limit(want);
                stored.clear().limit(want);
                while (local.hasRemaining()) {
                    if (item.read(at + local.position(), local) == 0) {
                        return false; // cut meanwhile: not the bytes the caller saw
                    }
                }
                while (stored.hasRemaining()) {
                    if (handle.read(at + stored.position(), stored) == 0) {
                        return false;
                    }
                }
                if (!local.flip().equals(stored.flip())) {
                    return false;
                }
                at += want;
            }
        }
        return true;
    }
}
