package io.cloudmount.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.OpenMode;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.SpaceInfo;
import io.cloudmount.provider.UploadOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The folder is mirrored 1:1: what the provider does is what the folder shows, and the other way round. */
class LocalProviderTest {
    private static final Instant TIME = Instant.parse("2022-02-02T02:02:02Z");

    @TempDir
    Path folder;

    private LocalProvider provider;

    @BeforeEach
    void openProvider() throws IOException {
        provider = new LocalProvider(folder);
    }

    @Test
    void aMissingFolderFailsWithNotFoundNamingIt() {
        Path missing = folder.resolve("does-not-exist");

        assertThatThrownBy(() -> new LocalProvider(missing))
                .isInstanceOf(ProviderException.NotFound.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void aFileAsTheFolderFailsWithNotADirectory() throws IOException {
        Path file = Files.writeString(folder.resolve("file"), "x");

        assertThatThrownBy(() -> new LocalProvider(file)).isInstanceOf(ProviderException.NotADirectory.class);
    }

    @Test
    void filesWrittenThroughTheProviderAppearInTheFolder() throws IOException {
        provider.mkdir("/dir");
        provider.createFile("/dir/a.txt", true);
        try (ObjectHandle handle = provider.open("/dir/a.txt", OpenMode.READ_WRITE)) {
            handle.write(0, ByteBuffer.wrap("mirrored".getBytes(StandardCharsets.UTF_8)));
        }

        assertThat(Files.readString(folder.resolve("dir/a.txt"))).isEqualTo("mirrored");
    }

    @Test
    void filesPutIntoTheFolderAppearThroughTheProvider() throws IOException {
        Files.writeString(folder.resolve("outside-made.txt"), "hello");

        assertThat(provider.stat("/outside-made.txt").size()).isEqualTo(5);
        assertThat(provider.list("/", null).entries()).hasSize(1);
    }

    @Test
    void listingComesInOnePage() throws IOException {
        for (int i = 0; i < 1500; i++) {
            Files.createFile(folder.resolve("f" + i));
        }

        var page = provider.list("/", null);

        assertThat(page.entries()).hasSize(1500);
        assertThat(page.isLast()).isTrue();
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void setModeChangesTheFilesPermissions() throws IOException {
        Files.writeString(folder.resolve("f"), "x");

        provider.setMode("/f", 0640);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("f")))).isEqualTo("rw-r-----");
        assertThat(provider.stat("/f").mode()).isEqualTo(0640);
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void uploadKeepsThePermissionsOfTheFileItReplaces() throws IOException {
        Files.writeString(folder.resolve("f"), "old");
        Files.setPosixFilePermissions(folder.resolve("f"), PosixFilePermissions.fromString("rw-------"));

        provider.upload("/f", Files.writeString(folder.resolve("src"), "new"), UploadOptions.modifiedAt(TIME));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("f")))).isEqualTo("rw-------");
    }

    @Test
    void setModifiedTimeChangesTheFilesTime() throws IOException {
        Files.writeString(folder.resolve("f"), "x");

        provider.setModifiedTime("/f", TIME);

        assertThat(Files.getLastModifiedTime(folder.resolve("f")).toInstant()).isEqualTo(TIME);
    }

    @Test
    void uploadLeavesNoTemporaryFileBehind() throws IOException {
        Path source = Files.writeString(folder.resolve("src"), "content");

        provider.upload("/target", source, UploadOptions.modifiedAt(TIME));

        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("src", "target");
        }
    }

    @Test
    void temporaryUploadFilesAreHiddenFromListings() throws IOException {
        Files.writeString(folder.resolve(AtomicFileWriter.TEMP_PREFIX + "1234"), "partial");

        assertThat(provider.list("/", null).entries()).isEmpty();
    }

    @Test
    void spaceComesFromTheFolderStore() throws IOException {
        SpaceInfo space = provider.space();

        assertThat(space.totalBytes()).isEqualTo(Files.getFileStore(folder).getTotalSpace());
        assertThat(space.freeBytes()).isPositive();
    }

    @Test
    void truncateUpLeavesAHoleOfZeros() throws IOException {
        Files.writeString(folder.resolve("f"), "abc");

        try (ObjectHandle handle = provider.open("/f", OpenMode.READ_WRITE)) {
            handle.truncate(1 << 20);
        }

        byte[] bytes = Files.readAllBytes(folder.resolve("f"));
        assertThat(bytes).hasSize(1 << 20);
        assertThat(bytes[3]).isZero();
        assertThat(bytes[(1 << 20) - 1]).isZero();
    }
}
