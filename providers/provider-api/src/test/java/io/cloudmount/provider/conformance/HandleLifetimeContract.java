package io.cloudmount.provider.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cloudmount.provider.Capability;
import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.OpenMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * POSIX lifetime of open handles: a handle stays bound to the object it opened. Runs only for
 * providers that declare {@link StorageProviderContract#handlesSurviveDelete()}.
 */
abstract class HandleLifetimeContract extends ContractSupport {

    @BeforeEach
    void requireSurvivingHandles() {
        assumeTrue(kit().handlesSurviveDelete(), "provider does not keep handles alive past delete");
    }

    @Test
    void anOpenHandleStillReadsAfterTheFileWasDeleted() throws IOException {
        byte[] data = content(100_000, 1);
        put("/f", data);

        try (ObjectHandle handle = provider().open("/f", OpenMode.READ)) {
            provider().deleteFile("/f");

            assertThat(exists("/f")).isFalse();
            assertThat(readAll(handle)).isEqualTo(data);
        }
    }

    @Test
    void anOpenHandleReadsTheOldContentAfterARenameReplacedTheFile() throws IOException {
        put("/f", "old content");
        put("/new", "new content");

        try (ObjectHandle handle = provider().open("/f", OpenMode.READ)) {
            provider().rename("/new", "/f", true);

            assertThat(readAll(handle)).isEqualTo(utf8("old content"));
            assertThat(readText("/f")).isEqualTo("new content");
        }
    }

    @Test
    void anOpenHandleReadsTheOldContentAfterAnUploadReplacedTheFile() throws IOException {
        put("/f", "old content");

        try (ObjectHandle handle = provider().open("/f", OpenMode.READ)) {
            put("/f", "uploaded");

            assertThat(readAll(handle)).isEqualTo(utf8("old content"));
            assertThat(readText("/f")).isEqualTo("uploaded");
        }
    }

    @Test
    void anOpenHandleFollowsItsFileThroughARename() throws IOException {
        assumeCapability(Capability.RANDOM_WRITE);
        put("/f", "abc");

        try (ObjectHandle handle = provider().open("/f", OpenMode.READ_WRITE)) {
            provider().rename("/f", "/moved", false);
            handle.write(3, ByteBuffer.wrap(utf8("def")));
        }

        assertThat(readText("/moved")).isEqualTo("abcdef");
    }

    @Test
    void aWritableHandleOnADeletedFileKeepsWorking() throws IOException {
        assumeCapability(Capability.RANDOM_WRITE);
        put("/f", "abc");

        try (ObjectHandle handle = provider().open("/f", OpenMode.READ_WRITE)) {
            provider().deleteFile("/f");
            handle.write(3, ByteBuffer.wrap(utf8("def")));

            assertThat(readAll(handle)).isEqualTo(utf8("abcdef"));
        }
        assertThat(exists("/f")).isFalse();
    }
}
