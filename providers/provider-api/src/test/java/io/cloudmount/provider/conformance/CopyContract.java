package io.cloudmount.provider.conformance;

import static io.cloudmount.provider.ProviderException.Kind.IS_A_DIRECTORY;
import static io.cloudmount.provider.ProviderException.Kind.NOT_FOUND;
import static io.cloudmount.provider.ProviderException.Kind.UNSUPPORTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.provider.Capability;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Server-side copy of files. */
abstract class CopyContract extends ContractSupport {

    @Test
    void copyDuplicatesTheContentAndKeepsTheSource() throws IOException {
        assumeCapability(Capability.SERVER_SIDE_COPY);
        byte[] data = content(150_000, 1);
        put("/a", data);

        provider().copy("/a", "/b");

        assertThat(readAll("/b")).isEqualTo(data);
        assertThat(readAll("/a")).isEqualTo(data);
        assertThat(provider().stat("/b").size()).isEqualTo(data.length);
    }

    @Test
    void copyIsIndependentOfLaterChangesToTheSource() throws IOException {
        assumeCapability(Capability.SERVER_SIDE_COPY);
        put("/a", "original");

        provider().copy("/a", "/b");
        put("/a", "changed later");

        assertThat(readText("/b")).isEqualTo("original");
    }

    @Test
    void copyIntoAnotherDirectoryWorks() throws IOException {
        assumeCapability(Capability.SERVER_SIDE_COPY);
        mkdirs("/d");
        put("/a", "x");

        provider().copy("/a", "/d/a");

        assertThat(readText("/d/a")).isEqualTo("x");
    }

    @Test
    void copyOntoAnExistingFileReplacesIt() throws IOException {
        assumeCapability(Capability.SERVER_SIDE_COPY);
        put("/a", "source");
        put("/b", "a much longer target");

        provider().copy("/a", "/b");

        assertThat(readText("/b")).isEqualTo("source");
    }

    @Test
    void copyOfAMissingSourceFailsWithNotFound() {
        assumeCapability(Capability.SERVER_SIDE_COPY);

        assertFailsWith(() -> provider().copy("/missing", "/b"), NOT_FOUND);
    }

    @Test
    void copyIntoAMissingDirectoryFailsWithNotFound() throws IOException {
        assumeCapability(Capability.SERVER_SIDE_COPY);
        put("/a", "x");

        assertFailsWith(() -> provider().copy("/a", "/missing/b"), NOT_FOUND);
    }

    @Test
    void copyOfADirectoryFailsWithIsADirectory() throws IOException {
        assumeCapability(Capability.SERVER_SIDE_COPY);
        mkdirs("/d");
        put("/d/x", "x");

        assertFailsWith(() -> provider().copy("/d", "/e"), IS_A_DIRECTORY);
    }

    @Test
    void copyOntoADirectoryFailsWithIsADirectory() throws IOException {
        assumeCapability(Capability.SERVER_SIDE_COPY);
        put("/a", "x");
        mkdirs("/d");
        put("/d/x", "y");

        assertFailsWith(() -> provider().copy("/a", "/d"), IS_A_DIRECTORY);
        assertThat(readText("/d/x")).isEqualTo("y");
    }

    @Test
    void copyWithoutServerSideCopyIsUnsupported() throws IOException {
        assumeNoCapability(Capability.SERVER_SIDE_COPY);
        put("/a", "x");

        assertFailsWith(() -> provider().copy("/a", "/b"), UNSUPPORTED);
    }
}
