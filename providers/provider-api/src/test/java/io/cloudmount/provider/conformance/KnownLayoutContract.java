package io.cloudmount.provider.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The variants of delete, mkdir and rename for a caller that has just looked ({@code deleteKnownFile},
 * {@code mkdirKnownAbsent}, {@code renameKnownFile}): when the caller is right, the store ends up
 * exactly as after the checked operation.
 */
abstract class KnownLayoutContract extends ContractSupport {

    @Test
    void deleteKnownFileRemovesItAndKeepsItsDirectory() throws IOException {
        mkdirs("/d");
        put("/d/a", "alpha");

        provider().deleteKnownFile("/d/a", false);

        assertThat(exists("/d/a")).isFalse();
        assertThat(provider().stat("/d").isDirectory()).isTrue();
        assertThat(namesIn("/d")).isEmpty();
    }

    @Test
    void deleteKnownFileWithSiblingsLeavesThemAlone() throws IOException {
        put("/a", "alpha");
        put("/b", "beta");

        provider().deleteKnownFile("/a", true);

        assertThat(namesIn("/")).containsExactly("b");
        assertThat(readText("/b")).isEqualTo("beta");
    }

    @Test
    void mkdirKnownAbsentCreatesAnEmptyDirectory() throws IOException {
        mkdirs("/d");

        provider().mkdirKnownAbsent("/d/sub");

        assertThat(provider().stat("/d/sub").isDirectory()).isTrue();
        assertThat(namesIn("/d")).containsExactly("sub");
        assertThat(namesIn("/d/sub")).isEmpty();
    }

    @Test
    void renameKnownFileMovesTheContentIntoAnotherDirectory() throws IOException {
        mkdirs("/src", "/dst");
        byte[] data = content(70_000, 7);
        put("/src/f", data);

        provider().renameKnownFile("/src/f", "/dst/g", false);

        assertThat(exists("/src/f")).isFalse();
        assertThat(readAll("/dst/g")).isEqualTo(data);
        assertThat(provider().stat("/src").isDirectory()).as("the emptied source directory stays").isTrue();
    }

    @Test
    void renameKnownFileReplacesAFileAtTheTarget() throws IOException {
        put("/a", "source");
        put("/b", "target that is longer");

        provider().renameKnownFile("/a", "/b", true);

        assertThat(namesIn("/")).containsExactly("b");
        assertThat(readText("/b")).isEqualTo("source");
    }
}
