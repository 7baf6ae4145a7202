package io.cloudmount.app.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** secret-tool stand-ins: a keyring that never answers must not hang the app. */
class SecretToolStoreTest {
    @TempDir
    Path dir;

    @Test
    void aSecretToolThatNeverAnswersFailsAfterTheTimeLimit() throws Exception {
        // As secret-tool does while a locked keyring waits for a password nobody types.
        Path hanging = script("hanging-secret-tool", "exec sleep 60");
        SecretToolStore store = new SecretToolStore(hanging.toString(), Map.of(), Duration.ofMillis(500));

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> store.get("drive/1/s3-secret-key"))
                .isInstanceOf(SecretStoreException.class).hasMessageContaining("did not answer"));
    }

    @Test
    void anAnswerWithinTheTimeLimitIsRead() throws Exception {
        Path answering = script("answering-secret-tool", "printf 's3cr3t'");
        SecretToolStore store = new SecretToolStore(answering.toString(), Map.of(), Duration.ofSeconds(30));

        assertThat(store.get("drive/1/s3-secret-key")).contains("s3cr3t");
    }

    private Path script(String name, String body) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
