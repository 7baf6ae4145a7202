package io.cloudmount.provider.conformance;

import static io.cloudmount.provider.ProviderException.Kind.ALREADY_EXISTS;
import static io.cloudmount.provider.ProviderException.Kind.INVALID_NAME;
import static io.cloudmount.provider.ProviderException.Kind.IS_A_DIRECTORY;
import static io.cloudmount.provider.ProviderException.Kind.NOT_EMPTY;
import static io.cloudmount.provider.ProviderException.Kind.NOT_FOUND;
import static io.cloudmount.provider.ProviderException.Kind.UNSUPPORTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.provider.Capability;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** rename of files and (with DIRECTORY_RENAME) of whole directories. */
abstract class RenameContract extends ContractSupport {

    @Test
    void renameMovesAFileWithItsContent() throws IOException {
        byte[] data = content(70_000, 1);
        put("/a", data);

        provider().rename("/a", "/b", false);

        assertThat(exists("/a")).isFalse();
        assertThat(readAll("/b")).isEqualTo(data);
        assertThat(namesIn("/")).containsExactly("b");
    }

    @Test
    void renameMovesAFileIntoAnotherDirectory() throws IOException {
        mkdirs("/src", "/dst");
        put("/src/f", "moved");

        provider().rename("/src/f", "/dst/g", false);

        assertThat(namesIn("/src")).isEmpty();
        assertThat(readText("/dst/g")).isEqualTo("moved");
    }

    @Test
    void renameOntoAnExistingFileWithoutReplaceFailsWithAlreadyExistsAndKeepsBoth() throws IOException {
        put("/a", "source");
        put("/b", "target");

        assertFailsWith(() -> provider().rename("/a", "/b", false), ALREADY_EXISTS);
        assertThat(readText("/a")).isEqualTo("source");
        assertThat(readText("/b")).isEqualTo("target");
    }

    @Test
    void renameOntoAnExistingFileWithReplaceReplacesIt() throws IOException {
        put("/a", "source");
        put("/b", "target that is longer");

        provider().rename("/a", "/b", true);

        assertThat(exists("/a")).isFalse();
        assertThat(readText("/b")).isEqualTo("source");
        assertThat(provider().stat("/b").size()).isEqualTo(6);
    }

    @Test
    void renameOntoItselfWithReplaceKeepsTheFile() throws IOException {
        put("/a", "still here");

        provider().rename("/a", "/a", true);

        assertThat(readText("/a")).isEqualTo("still here");
    }

    @Test
    void renameKeepsTheModificationTime() throws IOException {
        assumeCapability(Capability.MODIFICATION_TIMES);
        put("/a", content(10, 2), SOME_TIME);

        provider().rename("/a", "/b", false);

        assertThat(provider().stat("/b").modified()).isEqualTo(SOME_TIME);
    }

    @Test
    void renameOfAMissingSourceFailsWithNotFound() {
        assertFailsWith(() -> provider().rename("/missing", "/b", false), NOT_FOUND);
    }

    @Test
    void renameIntoAMissingDirectoryFailsWithNotFoundAndKeepsTheSource() throws IOException {
        put("/a", "x");

        assertFailsWith(() -> provider().rename("/a", "/missing/b", false), NOT_FOUND);
        assertThat(readText("/a")).isEqualTo("x");
    }

    @Test
    void renameOfAFileOntoADirectoryFailsAndKeepsBoth() throws IOException {
        put("/a", "x");
        mkdirs("/dir");
        put("/dir/child", "y");

        assertFailsWith(() -> provider().rename("/a", "/dir", true), IS_A_DIRECTORY, ALREADY_EXISTS, NOT_EMPTY);
        assertThat(readText("/a")).isEqualTo("x");
        assertThat(readText("/dir/child")).isEqualTo("y");
    }

    @Test
    void renameOfTheRootIsRefusedWithInvalidName() {
        assertFailsWith(() -> provider().rename("/", "/x", false), INVALID_NAME);
    }

    @Test
    void renameOntoTheRootIsRefused() throws IOException {
        put("/a", "x");

        assertFailsWith(() -> provider().rename("/a", "/", true), INVALID_NAME, ALREADY_EXISTS, IS_A_DIRECTORY);
        assertThat(readText("/a")).isEqualTo("x");
    }

    @Test
    void renameOfADirectoryMovesItsWholeSubtree() throws IOException {
        assumeCapability(Capability.DIRECTORY_RENAME);
        mkdirs("/d", "/d/sub");
        put("/d/a.txt", "a");
        put("/d/sub/b.txt", "b");

        provider().rename("/d", "/e", false);

        assertThat(exists("/d")).isFalse();
        assertThat(namesIn("/")).containsExactly("e");
        assertThat(namesIn("/e")).containsExactlyInAnyOrder("a.txt", "sub");
        assertThat(readText("/e/a.txt")).isEqualTo("a");
        assertThat(readText("/e/sub/b.txt")).isEqualTo("b");
    }

    @Test
    void renameOfADirectoryOntoAnEmptyDirectoryWithReplaceReplacesIt() throws IOException {
        assumeCapability(Capability.DIRECTORY_RENAME);
        assumeCapability(Capability.EMPTY_DIRECTORIES);
        mkdirs("/d", "/empty");
        put("/d/a.txt", "a");

        provider().rename("/d", "/empty", true);

        assertThat(exists("/d")).isFalse();
        assertThat(readText("/empty/a.txt")).isEqualTo("a");
    }

    @Test
    void renameOfADirectoryOntoANonEmptyDirectoryFailsAndKeepsBoth() throws IOException {
        assumeCapability(Capability.DIRECTORY_RENAME);
        mkdirs("/d", "/full");
        put("/d/a.txt", "a");
        put("/full/b.txt", "b");

        assertFailsWith(() -> provider().rename("/d", "/full", true), NOT_EMPTY, ALREADY_EXISTS);
        assertThat(readText("/d/a.txt")).isEqualTo("a");
        assertThat(readText("/full/b.txt")).isEqualTo("b");
    }

    @Test
    void renameOfADirectoryOntoAnExistingDirectoryWithoutReplaceFailsWithAlreadyExists() throws IOException {
        assumeCapability(Capability.DIRECTORY_RENAME);
        mkdirs("/d", "/other");
        put("/d/a.txt", "a");
        put("/other/b.txt", "b");

        assertFailsWith(() -> provider().rename("/d", "/other", false), ALREADY_EXISTS);
        assertThat(readText("/d/a.txt")).isEqualTo("a");
    }

    @Test
    void renameOfADirectoryIntoItsOwnSubtreeFailsWithInvalidName() throws IOException {
        assumeCapability(Capability.DIRECTORY_RENAME);
        mkdirs("/d", "/d/sub");
        put("/d/sub/f", "x");

        assertFailsWith(() -> provider().rename("/d", "/d/sub/moved", false), INVALID_NAME);
        assertThat(readText("/d/sub/f")).isEqualTo("x");
    }

    @Test
    void renameOfANonEmptyDirectoryWithoutDirectoryRenameIsUnsupported() throws IOException {
        assumeNoCapability(Capability.DIRECTORY_RENAME);
        mkdirs("/d");
        put("/d/a.txt", "a");

        assertFailsWith(() -> provider().rename("/d", "/e", false), UNSUPPORTED);
        assertThat(readText("/d/a.txt")).isEqualTo("a");
    }
}
