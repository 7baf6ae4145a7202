package io.cloudmount.app.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSecretStoreTest {
    @TempDir
    Path dir;

    @Test
    void secretsReadBackAndAreDeleted() throws Exception {
        FileSecretStore store = new FileSecretStore(dir.resolve("secrets.json"));

        store.put("drive/1/s3-secret-key", "s3cr3t");
        store.put("drive/2/s3-secret-key", "other");
        store.delete("drive/2/s3-secret-key");

        assertThat(store.get("drive/1/s3-secret-key")).contains("s3cr3t");
        assertThat(store.get("drive/2/s3-secret-key")).isEmpty();
    }

    @Test
    void theFileIsReadableByTheUserOnlyAndDoesNotShowTheSecretInClear() throws Exception {
        FileSecretStore store = new FileSecretStore(dir.resolve("secrets.json"));

        store.put("k", "plain-secret-value");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(Files.readString(store.file())).doesNotContain("plain-secret-value");
        assertThat(store.isSecure()).isFalse();
    }
}
