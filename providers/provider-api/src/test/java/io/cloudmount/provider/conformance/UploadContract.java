package io.cloudmount.provider.conformance;

import static io.cloudmount.provider.ProviderException.Kind.ALREADY_EXISTS;
import static io.cloudmount.provider.ProviderException.Kind.IS_A_DIRECTORY;
import static io.cloudmount.provider.ProviderException.Kind.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.provider.Capability;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.UploadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** upload: whole-object replacement from a local file, the write path every store has. */
abstract class UploadContract extends ContractSupport {

    @Test
    void uploadCreatesAFileWithTheContent() throws IOException {
        byte[] data = content(123_456, 1);

        ObjectInfo info = put("/up.bin", data);

        assertThat(info.name()).isEqualTo("up.bin");
        assertThat(info.isFile()).isTrue();
        assertThat(info.size()).isEqualTo(data.length);
        assertThat(readAll("/up.bin")).isEqualTo(data);
    }

    @Test
    void uploadReplacesTheWholeContentOfAnExistingFile() throws IOException {
        put("/f", content(50_000, 2));

        put("/f", "short");

        assertThat(readText("/f")).isEqualTo("short");
        assertThat(provider().stat("/f").size()).isEqualTo(5);
    }

    @Test
    void uploadOfAnEmptyFileCreatesAnEmptyFile() throws IOException {
        ObjectInfo info = put("/empty", new byte[0]);

        assertThat(info.size()).isZero();
        assertThat(readAll("/empty")).isEmpty();
    }

    @Test
    void uploadIntoAMissingDirectoryFailsWithNotFound() {
        assertFailsWith(() -> put("/missing/f", "x"), NOT_FOUND);
    }

    @Test
    void uploadOntoADirectoryFailsAndKeepsTheDirectory() throws IOException {
        mkdirs("/dir");
        put("/dir/child", "x");

        assertFailsWith(() -> put("/dir", "y"), IS_A_DIRECTORY, ALREADY_EXISTS);
        assertThat(readText("/dir/child")).isEqualTo("x");
    }

    @Test
    void uploadLeavesTheLocalSourceInPlace() throws IOException {
        byte[] data = content(10_000, 3);
        Path source = localFile(data);

        provider().upload("/f", source, UploadOptions.modifiedAt(SOME_TIME));

        assertThat(Files.readAllBytes(source)).isEqualTo(data);
    }

    @Test
    void uploadStoresTheModificationTime() throws IOException {
        assumeCapability(Capability.MODIFICATION_TIMES);

        ObjectInfo info = put("/f", content(10, 4), SOME_TIME);

        assertThat(info.modified()).isEqualTo(SOME_TIME);
        assertThat(provider().stat("/f").modified()).isEqualTo(SOME_TIME);
    }

    @Test
    void uploadReportsProgressUpToTheFullSize() throws IOException {
        byte[] data = content(300_000, 5);
        AtomicLong highest = new AtomicLong(-1);

        provider().upload("/f", localFile(data),
                new UploadOptions(SOME_TIME, sent -> highest.accumulateAndGet(sent, Math::max)));

        assertThat(highest.get()).isEqualTo(data.length);
    }
}
