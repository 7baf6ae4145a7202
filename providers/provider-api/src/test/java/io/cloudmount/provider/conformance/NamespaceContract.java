package io.cloudmount.provider.conformance;

import static io.cloudmount.provider.ProviderException.Kind.ALREADY_EXISTS;
import static io.cloudmount.provider.ProviderException.Kind.INVALID_NAME;
import static io.cloudmount.provider.ProviderException.Kind.IS_A_DIRECTORY;
import static io.cloudmount.provider.ProviderException.Kind.NOT_A_DIRECTORY;
import static io.cloudmount.provider.ProviderException.Kind.NOT_EMPTY;
import static io.cloudmount.provider.ProviderException.Kind.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.provider.Capability;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.SpaceInfo;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** stat, createFile, mkdir, deleteFile, deleteDirectory and the provider's own description. */
abstract class NamespaceContract extends ContractSupport {

    @Test
    void rootIsAnUnnamedDirectory() throws IOException {
        ObjectInfo root = provider().stat("/");

        assertThat(root.isDirectory()).isTrue();
        assertThat(root.name()).isEmpty();
    }

    @Test
    void statOfMissingPathFailsWithNotFound() {
        assertFailsWith(() -> provider().stat("/missing"), NOT_FOUND);
    }

    @Test
    void statBelowMissingDirectoryFailsWithNotFound() {
        assertFailsWith(() -> provider().stat("/missing/child"), NOT_FOUND);
    }

    @Test
    void statBelowAFileFailsWithNotFoundOrNotADirectory() throws IOException {
        put("/file", "x");

        assertFailsWith(() -> provider().stat("/file/child"), NOT_FOUND, NOT_A_DIRECTORY);
    }

    @Test
    void statReportsNameTypeAndSizeOfAFile() throws IOException {
        put("/data.bin", content(1234, 1));

        ObjectInfo info = provider().stat("/data.bin");

        assertThat(info.name()).isEqualTo("data.bin");
        assertThat(info.isFile()).isTrue();
        assertThat(info.size()).isEqualTo(1234);
    }

    @Test
    void createFileMakesAnEmptyFile() throws IOException {
        ObjectInfo created = provider().createFile("/new.txt", true);

        assertThat(created.name()).isEqualTo("new.txt");
        assertThat(created.isFile()).isTrue();
        assertThat(created.size()).isZero();
        assertThat(provider().stat("/new.txt").size()).isZero();
        assertThat(readAll("/new.txt")).isEmpty();
    }

    @Test
    void exclusiveCreateOfAnExistingFileFailsWithAlreadyExistsAndKeepsTheContent() throws IOException {
        put("/a.txt", "keep me");

        assertFailsWith(() -> provider().createFile("/a.txt", true), ALREADY_EXISTS);
        assertThat(readText("/a.txt")).isEqualTo("keep me");
    }

    @Test
    void nonExclusiveCreateTruncatesAnExistingFile() throws IOException {
        put("/a.txt", content(5000, 2));

        ObjectInfo info = provider().createFile("/a.txt", false);

        assertThat(info.size()).isZero();
        assertThat(provider().stat("/a.txt").size()).isZero();
        assertThat(readAll("/a.txt")).isEmpty();
    }

    @Test
    void createFileInMissingDirectoryFailsWithNotFound() {
        assertFailsWith(() -> provider().createFile("/missing/a.txt", true), NOT_FOUND);
    }

    @Test
    void exclusiveCreateOverADirectoryFailsWithAlreadyExists() throws IOException {
        mkdirs("/dir");

        assertFailsWith(() -> provider().createFile("/dir", true), ALREADY_EXISTS);
        assertThat(provider().stat("/dir").isDirectory()).isTrue();
    }

    @Test
    void nonExclusiveCreateOverADirectoryFailsAndKeepsTheDirectory() throws IOException {
        mkdirs("/dir");
        put("/dir/child", "x");

        assertFailsWith(() -> provider().createFile("/dir", false), IS_A_DIRECTORY, ALREADY_EXISTS);
        assertThat(readText("/dir/child")).isEqualTo("x");
    }

    @Test
    void mkdirCreatesADirectoryThatCanHoldFiles() throws IOException {
        provider().mkdir("/dir");
        put("/dir/a.txt", "hello");

        assertThat(provider().stat("/dir").isDirectory()).isTrue();
        assertThat(provider().stat("/dir").name()).isEqualTo("dir");
        assertThat(readText("/dir/a.txt")).isEqualTo("hello");
    }

    @Test
    void emptyDirectoryExistsOnItsOwn() throws IOException {
        assumeCapability(Capability.EMPTY_DIRECTORIES);

        provider().mkdir("/empty");

        assertThat(provider().stat("/empty").isDirectory()).isTrue();
        assertThat(namesIn("/")).containsExactly("empty");
    }

    @Test
    void nestedDirectoriesAreCreatedLevelByLevel() throws IOException {
        mkdirs("/a", "/a/b", "/a/b/c");
        put("/a/b/c/deep.txt", "deep");

        assertThat(readText("/a/b/c/deep.txt")).isEqualTo("deep");
        assertThat(provider().stat("/a/b").isDirectory()).isTrue();
    }

    @Test
    void mkdirInMissingParentFailsWithNotFound() {
        assertFailsWith(() -> provider().mkdir("/missing/dir"), NOT_FOUND);
    }

    @Test
    void mkdirOfAnExistingDirectoryFailsWithAlreadyExists() throws IOException {
        mkdirs("/dir");

        assertFailsWith(() -> provider().mkdir("/dir"), ALREADY_EXISTS);
    }

    @Test
    void mkdirOverAFileFailsWithAlreadyExistsAndKeepsTheFile() throws IOException {
        put("/file", "content");

        assertFailsWith(() -> provider().mkdir("/file"), ALREADY_EXISTS);
        assertThat(readText("/file")).isEqualTo("content");
    }

    @Test
    void mkdirOfRootFailsWithAlreadyExistsOrInvalidName() {
        assertFailsWith(() -> provider().mkdir("/"), ALREADY_EXISTS, INVALID_NAME);
    }

    @Test
    void mkdirBelowAFileFailsWithNotADirectoryOrNotFound() throws IOException {
        put("/file", "x");

        assertFailsWith(() -> provider().mkdir("/file/dir"), NOT_A_DIRECTORY, NOT_FOUND);
    }

    @Test
    void deleteFileRemovesItFromStatAndListing() throws IOException {
        put("/gone.txt", "bye");
        put("/stays.txt", "hi");

        provider().deleteFile("/gone.txt");

        assertFailsWith(() -> provider().stat("/gone.txt"), NOT_FOUND);
        assertThat(namesIn("/")).containsExactly("stays.txt");
    }

    @Test
    void deleteFileOfMissingPathFailsWithNotFound() {
        assertFailsWith(() -> provider().deleteFile("/missing"), NOT_FOUND);
    }

    @Test
    void deleteFileOfADirectoryFailsWithIsADirectoryAndKeepsIt() throws IOException {
        mkdirs("/dir");
        put("/dir/child", "x");

        assertFailsWith(() -> provider().deleteFile("/dir"), IS_A_DIRECTORY);
        assertThat(readText("/dir/child")).isEqualTo("x");
    }

    @Test
    void deleteDirectoryRemovesAnEmptyDirectory() throws IOException {
        mkdirs("/dir");

        provider().deleteDirectory("/dir");

        assertThat(exists("/dir")).isFalse();
        assertThat(namesIn("/")).isEmpty();
    }

    @Test
    void deleteDirectoryWithChildrenFailsWithNotEmptyAndKeepsThem() throws IOException {
        mkdirs("/dir");
        put("/dir/child", "x");

        assertFailsWith(() -> provider().deleteDirectory("/dir"), NOT_EMPTY);
        assertThat(readText("/dir/child")).isEqualTo("x");
    }

    @Test
    void deleteDirectoryOfAFileFailsWithNotADirectoryAndKeepsIt() throws IOException {
        put("/file", "x");

        assertFailsWith(() -> provider().deleteDirectory("/file"), NOT_A_DIRECTORY);
        assertThat(readText("/file")).isEqualTo("x");
    }

    @Test
    void deleteDirectoryOfRootIsRefusedWithInvalidName() {
        assertFailsWith(() -> provider().deleteDirectory("/"), INVALID_NAME);
    }

    @Test
    void deleteDirectoryOfMissingPathFailsWithNotFound() {
        assertFailsWith(() -> provider().deleteDirectory("/missing"), NOT_FOUND);
    }

    @Test
    void aFreshProviderPassesItsAccessCheck() throws IOException {
        provider().checkAccess();
    }

    @Test
    void describeNamesTheStoreInOneLine() {
        assertThat(provider().describe()).isNotBlank().doesNotContain("\n");
    }

    @Test
    void spaceReportsFreeBytesNotAboveTotal() throws IOException {
        SpaceInfo space = provider().space();

        assertThat(space.freeBytes()).isLessThanOrEqualTo(space.totalBytes());
        assertThat(space.totalBytes()).isPositive();
    }
}
