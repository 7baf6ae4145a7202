package io.cloudmount.provider.s3;

import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.OpenMode;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.UploadOptions;
import io.cloudmount.provider.s3.testing.S3ServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What S3 cannot promise about open handles, and what the provider does instead. */
class S3ReadHandleTest {
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    @TempDir
    Path scratch;

    private S3StorageProvider provider;

    @BeforeEach
    void openDrive() {
        provider = new S3StorageProvider(S3.server().settings(S3.server().createBucket()).build());
    }

    @AfterEach
    void closeDrive() {
        provider.close();
    }

    @Test
    void aHandleOnAReplacedObjectFailsWithConflictInsteadOfMixingVersions() throws Exception {
        put("/f", "old content");
        try (ObjectHandle handle = provider.open("/f", OpenMode.READ)) {
            put("/f", "new content!");

            var failure = catchThrowableOfType(() -> handle.read(0, ByteBuffer.allocate(4)), ProviderException.Conflict.class);

            assertThat(failure).isNotNull();
            assertThat(handle.size()).isEqualTo(11);
        }
    }

    @Test
    void aHandleOnADeletedObjectFailsWithNotFound() throws Exception {
        put("/f", "content");
        try (ObjectHandle handle = provider.open("/f", OpenMode.READ)) {
            provider.deleteFile("/f");

            assertThat(catchThrowableOfType(() -> handle.read(0, ByteBuffer.allocate(4)), ProviderException.NotFound.class))
                    .isNotNull();
        }
    }

    @Test
    void uploadOfAMissingLocalFileIsAnIoErrorNamingIt() {
        Path missing = scratch.resolve("gone.bin");

        var failure = catchThrowableOfType(() -> provider.upload("/f", missing, UploadOptions.modifiedAt(Instant.EPOCH)),
                ProviderException.Io.class);

        assertThat(failure.getMessage()).contains(missing.toString());
    }

    private void put(String path, String text) throws Exception {
        provider.upload(path, Files.writeString(Files.createTempFile(scratch, "s", ".txt"), text), UploadOptions.modifiedAt(Instant.EPOCH));
    }
}
