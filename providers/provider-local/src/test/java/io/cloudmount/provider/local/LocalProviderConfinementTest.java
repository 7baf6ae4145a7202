package io.cloudmount.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.OpenMode;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.UploadOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Escape attempts through symbolic links: nothing outside the drive folder is ever listed, read or changed. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "creating symbolic links needs extra privileges on Windows")
class LocalProviderConfinementTest {
    private static final FileTime OUTSIDE_TIME = FileTime.from(Instant.parse("2001-01-01T00:00:00Z"));

    @TempDir
    Path temp;

    private Path drive;
    private Path outside;
    private Path secret;
    private LocalProvider provider;

    @BeforeEach
    void createDriveNextToAnOutsideFolder() throws IOException {
        drive = Files.createDirectories(temp.resolve("drive"));
        outside = Files.createDirectories(temp.resolve("outside"));
        secret = Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.setLastModifiedTime(secret, OUTSIDE_TIME);
        Files.writeString(drive.resolve("inside.txt"), "inside");
        provider = new LocalProvider(drive);
    }

    /**
     * A folder path checked a moment ago is trusted for a second; a link the drive itself moved there
     * since (rmdir, then a rename of the link) must be checked again, not trusted.
     */
    @Test
    void aLinkMovedWhereTheDriveJustRemovedAFolderIsNotTrustedAsThatFolder() throws IOException {
        Path shared = Files.createDirectories(drive.resolve("shared"));
        Files.writeString(shared.resolve("keep.txt"), "kept");
        Files.createSymbolicLink(drive.resolve("lnk"), shared);
        provider.mkdir("/a");
        provider.mkdir("/a/sub"); // checked and trusted

        provider.deleteDirectory("/a/sub");
        provider.rename("/lnk", "/a/sub", false);

        assertAccessDenied(() -> provider.deleteFile("/a/sub/keep.txt"));
        assertThat(shared.resolve("keep.txt")).hasContent("kept");
    }

    @Test
    void aLinkLeadingOutsideMovedOverATrustedFolderPathIsStillRefused() throws IOException {
        Files.createDirectories(drive.resolve("p"));
        Files.createSymbolicLink(drive.resolve("p/out"), outside);
        provider.mkdir("/q");
        provider.mkdir("/q/out"); // checked and trusted
        provider.deleteDirectory("/q/out");
        provider.deleteDirectory("/q");

        provider.rename("/p", "/q", false);

        assertAccessDenied(() -> provider.open("/q/out/secret.txt", OpenMode.READ));
        assertAccessDenied(() -> provider.createFile("/q/out/new.txt", true));
        assertThat(outside.resolve("new.txt")).doesNotExist();
    }

    @Test
    void aLinkToAnOutsideFileIsHiddenFromListings() throws IOException {
        Files.createSymbolicLink(drive.resolve("escape"), secret);

        assertThat(names("/")).containsExactly("inside.txt");
    }

    @Test
    void aLinkToAnOutsideFileCannotBeStattedOrOpened() throws IOException {
        Files.createSymbolicLink(drive.resolve("escape"), secret);

        assertAccessDenied(() -> provider.stat("/escape"));
        assertAccessDenied(() -> provider.open("/escape", OpenMode.READ));
        assertAccessDenied(() -> provider.open("/escape", OpenMode.READ_WRITE));
    }

    @Test
    void aRelativeLinkClimbingOutIsRefused() throws IOException {
        Files.createSymbolicLink(drive.resolve("climb"), Path.of("../outside/secret.txt"));

        assertAccessDenied(() -> provider.stat("/climb"));
        assertThat(names("/")).doesNotContain("climb");
    }

    @Test
    void aLinkedDirectoryLeadingOutsideExposesNothing() throws IOException {
        Files.createSymbolicLink(drive.resolve("outdir"), outside);

        assertThat(names("/")).containsExactly("inside.txt");
        assertAccessDenied(() -> provider.stat("/outdir"));
        assertAccessDenied(() -> provider.list("/outdir", null));
        assertAccessDenied(() -> provider.stat("/outdir/secret.txt"));
        assertAccessDenied(() -> provider.open("/outdir/secret.txt", OpenMode.READ));
    }

    @Test
    void nothingCanBeCreatedThroughALinkedDirectoryLeadingOutside() throws IOException {
        Files.createSymbolicLink(drive.resolve("outdir"), outside);
        Path source = Files.writeString(temp.resolve("upload-source"), "planted");

        assertAccessDenied(() -> provider.createFile("/outdir/planted", true));
        assertAccessDenied(() -> provider.mkdir("/outdir/planted-dir"));
        assertAccessDenied(() -> provider.upload("/outdir/planted", source, UploadOptions.modifiedAt(Instant.EPOCH)));
        assertAccessDenied(() -> provider.rename("/inside.txt", "/outdir/moved", false));
        assertAccessDenied(() -> provider.copy("/inside.txt", "/outdir/copied"));

        try (var listing = Files.list(outside)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("secret.txt");
        }
        assertThat(Files.readString(drive.resolve("inside.txt"))).isEqualTo("inside");
    }

    @Test
    void nothingOutsideCanBeChangedThroughALinkedDirectory() throws IOException {
        Files.createSymbolicLink(drive.resolve("outdir"), outside);

        assertAccessDenied(() -> provider.createFile("/outdir/secret.txt", false));
        assertAccessDenied(() -> provider.deleteFile("/outdir/secret.txt"));
        assertAccessDenied(() -> provider.rename("/outdir/secret.txt", "/stolen", false));
        assertAccessDenied(() -> provider.setModifiedTime("/outdir/secret.txt", Instant.EPOCH));
        assertAccessDenied(() -> provider.setMode("/outdir/secret.txt", 0777));

        assertSecretUntouched();
    }

    @Test
    void aLinkToAnOutsideFileCannotBeTruncatedOrChanged() throws IOException {
        Files.createSymbolicLink(drive.resolve("escape"), secret);

        assertAccessDenied(() -> provider.createFile("/escape", false));
        assertAccessDenied(() -> provider.setModifiedTime("/escape", Instant.EPOCH));
        assertAccessDenied(() -> provider.setMode("/escape", 0777));
        assertAccessDenied(() -> provider.copy("/escape", "/copied"));

        assertSecretUntouched();
        assertThat(Files.exists(drive.resolve("copied"))).isFalse();
    }

    @Test
    void uploadOverAnEscapingLinkReplacesTheLinkNotTheOutsideFile() throws IOException {
        Files.createSymbolicLink(drive.resolve("escape"), secret);
        Path source = Files.writeString(temp.resolve("upload-source"), "new");

        provider.upload("/escape", source, UploadOptions.modifiedAt(Instant.EPOCH));

        assertThat(Files.isSymbolicLink(drive.resolve("escape"))).isFalse();
        assertThat(Files.readString(drive.resolve("escape"))).isEqualTo("new");
        assertSecretUntouched();
    }

    @Test
    void deletingAnEscapingLinkRemovesOnlyTheLink() throws IOException {
        Files.createSymbolicLink(drive.resolve("escape"), secret);

        provider.deleteFile("/escape");

        assertThat(Files.exists(drive.resolve("escape"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertSecretUntouched();
    }

    @Test
    void aLinkInsideTheDriveIsFollowedUnderItsOwnName() throws IOException {
        Files.createDirectories(drive.resolve("real-dir"));
        Files.writeString(drive.resolve("real-dir/file.txt"), "through the link");
        Files.createSymbolicLink(drive.resolve("alias.txt"), drive.resolve("inside.txt"));
        Files.createSymbolicLink(drive.resolve("alias-dir"), Path.of("real-dir"));

        ObjectInfo file = provider.stat("/alias.txt");
        assertThat(file.name()).isEqualTo("alias.txt");
        assertThat(file.isFile()).isTrue();
        assertThat(file.size()).isEqualTo(6);
        assertThat(provider.stat("/alias-dir").isDirectory()).isTrue();
        assertThat(names("/alias-dir")).containsExactly("file.txt");
        assertThat(read("/alias-dir/file.txt")).isEqualTo("through the link");
        assertThat(names("/")).containsExactlyInAnyOrder("inside.txt", "real-dir", "alias.txt", "alias-dir");
    }

    @Test
    void aDanglingLinkIsHiddenAndNotFound() throws IOException {
        Files.createSymbolicLink(drive.resolve("dangling"), drive.resolve("nothing-here"));

        assertThat(names("/")).containsExactly("inside.txt");
        assertThatThrownBy(() -> provider.stat("/dangling")).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void deleteDirectoryOfALinkedDirectoryRemovesOnlyTheLink() throws IOException {
        Files.createDirectories(drive.resolve("real-dir"));
        Files.writeString(drive.resolve("real-dir/keep.txt"), "keep");
        Files.createSymbolicLink(drive.resolve("alias-dir"), Path.of("real-dir"));

        provider.deleteDirectory("/alias-dir");

        assertThat(Files.exists(drive.resolve("alias-dir"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.readString(drive.resolve("real-dir/keep.txt"))).isEqualTo("keep");
    }

    @Test
    void nothingIsDeletedThroughALinkedDirectory() throws IOException {
        // rm -rf project/ walks into project/shared (listed as a folder) before removing it
        Files.createDirectories(drive.resolve("shared/sub"));
        Files.writeString(drive.resolve("shared/keep.txt"), "keep");
        Files.createDirectories(drive.resolve("project"));
        Files.createSymbolicLink(drive.resolve("project/shared"), Path.of("../shared"));

        assertAccessDenied(() -> provider.deleteFile("/project/shared/keep.txt"));
        assertAccessDenied(() -> provider.deleteDirectory("/project/shared/sub"));
        provider.deleteDirectory("/project/shared");
        provider.deleteDirectory("/project");

        assertThat(Files.readString(drive.resolve("shared/keep.txt"))).isEqualTo("keep");
        assertThat(drive.resolve("shared/sub")).isDirectory();
        assertThat(drive.resolve("project")).doesNotExist();
    }

    /** A folder the drive just made inside a linked folder is itself reached through the link. */
    @Test
    void nothingIsDeletedInAFolderJustCreatedThroughALinkedDirectory() throws IOException {
        Files.createDirectories(drive.resolve("shared"));
        Files.createDirectories(drive.resolve("project"));
        Files.createSymbolicLink(drive.resolve("project/shared"), Path.of("../shared"));
        provider.mkdir("/project/shared/sub");
        provider.createFile("/project/shared/sub/keep.txt", true);

        assertAccessDenied(() -> provider.deleteFile("/project/shared/sub/keep.txt"));

        assertThat(drive.resolve("shared/sub/keep.txt")).exists();
    }

    /** Re-pointing a link is a change the drive does not see: what lies below it must be checked again. */
    @Test
    void aFolderJustCreatedThroughALinkIsNotTrustedOnceTheLinkLeadsOutside() throws IOException {
        Files.createDirectories(drive.resolve("real-dir"));
        Path alias = Files.createSymbolicLink(drive.resolve("alias"), Path.of("real-dir"));
        provider.mkdir("/alias/new");
        Files.createDirectories(outside.resolve("new"));
        // Another program points the link outside.
        Files.delete(alias);
        Files.createSymbolicLink(alias, outside);

        assertAccessDenied(() -> provider.createFile("/alias/new/planted", true));

        assertThat(outside.resolve("new/planted")).doesNotExist();
    }

    /** Another program swaps a folder the drive just used for a link leading outside: nothing outside is read. */
    @Test
    void aFolderSwappedForALinkLeadingOutsideRightAfterUseExposesNothing() throws IOException {
        provider.mkdir("/d");
        provider.createFile("/d/own.txt", true);
        assertThat(provider.stat("/d/own.txt").size()).isZero(); // /d checked and trusted
        Files.delete(drive.resolve("d/own.txt"));
        Files.delete(drive.resolve("d"));
        Files.createSymbolicLink(drive.resolve("d"), outside);

        assertAccessDenied(() -> provider.stat("/d/secret.txt"));
        assertAccessDenied(() -> provider.open("/d/secret.txt", OpenMode.READ));
        assertAccessDenied(() -> provider.setModifiedTime("/d/secret.txt", Instant.EPOCH));
        assertSecretUntouched();
    }

    @Test
    void filesInLinkedDirectoriesCanStillBeReadAndWritten() throws IOException {
        Files.createDirectories(drive.resolve("shared"));
        Files.createSymbolicLink(drive.resolve("alias"), Path.of("shared"));

        provider.upload("/alias/new.txt", Files.writeString(temp.resolve("src"), "via the link"),
                UploadOptions.modifiedAt(Instant.parse("2020-01-01T00:00:00Z")));

        assertThat(Files.readString(drive.resolve("shared/new.txt"))).isEqualTo("via the link");
        assertThat(read("/alias/new.txt")).isEqualTo("via the link");
    }

    @Test
    void theDriveFolderItselfMayBeALink() throws IOException {
        Path alias = Files.createSymbolicLink(temp.resolve("drive-alias"), drive);

        LocalProvider viaAlias = new LocalProvider(alias);

        assertThat(viaAlias.list("/", null).entries()).extracting(ObjectInfo::name).containsExactly("inside.txt");
    }

    private void assertSecretUntouched() throws IOException {
        assertThat(Files.readString(secret)).isEqualTo("secret");
        assertThat(Files.getLastModifiedTime(secret)).isEqualTo(OUTSIDE_TIME);
    }

    private static void assertAccessDenied(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(ProviderException.AccessDenied.class);
    }

    private java.util.List<String> names(String directory) throws IOException {
        return provider.list(directory, null).entries().stream().map(ObjectInfo::name).toList();
    }

    private String read(String path) throws IOException {
        try (ObjectHandle handle = provider.open(path, OpenMode.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) handle.size());
            handle.read(0, buffer);
            return new String(buffer.array(), StandardCharsets.UTF_8);
        }
    }
}
