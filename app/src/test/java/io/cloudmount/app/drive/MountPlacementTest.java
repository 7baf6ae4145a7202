package io.cloudmount.app.drive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountPlacementTest {
    @TempDir
    Path dir;

    private Optional<String> local(Path mountPoint, Path folder) {
        return MountPlacement.problem(mountPoint.toString(), Optional.of(folder), Optional.empty());
    }

    @Test
    void aFolderMountedBesideItselfIsFine() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("files"));
        Path mount = Files.createDirectories(dir.resolve("mnt"));

        assertThat(local(mount, folder)).isEmpty();
    }

    @Test
    void aMountPointInsideTheFolderIsRefused() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("files"));
        Path mount = Files.createDirectories(folder.resolve("inner"));

        assertThat(local(mount, folder)).hasValueSatisfying(m -> assertThat(m).contains("inside the drive's own folder"));
        assertThat(local(folder, folder)).isPresent();
    }

    @Test
    void aLinkToTheFolderIsNoWayAround() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("files"));
        Files.createDirectories(folder.resolve("inner"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), folder);

        assertThat(local(link.resolve("inner"), folder)).isPresent();
        assertThat(local(folder.resolve("inner"), link)).isPresent();
    }

    @Test
    void aFolderInsideTheMountPointIsRefused() throws IOException {
        Path mount = Files.createDirectories(dir.resolve("mnt"));
        Path folder = Files.createDirectories(mount.resolve("files"));

        assertThat(local(mount, folder)).hasValueSatisfying(m -> assertThat(m).contains("inside its mount point"));
    }

    @Test
    void aNamePrefixIsNotAParent() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("files"));
        Path mount = Files.createDirectories(dir.resolve("files-mnt"));

        assertThat(local(mount, folder)).isEmpty();
    }

    @Test
    void aCacheFolderInsideTheMountPointIsRefusedEvenBeforeItExists() throws IOException {
        Path mount = Files.createDirectories(dir.resolve("mnt"));

        assertThat(MountPlacement.problem(mount.toString(), Optional.empty(), Optional.of(mount.resolve("cache/drive"))))
                .hasValueSatisfying(m -> assertThat(m).contains("cache folder"));
        assertThat(MountPlacement.problem(mount.toString(), Optional.empty(), Optional.of(dir.resolve("cache"))))
                .isEmpty();
    }

    @Test
    void driveLettersAreNotChecked() {
        assertThat(MountPlacement.problem("X:", Optional.of(dir), Optional.of(dir))).isEmpty();
        assertThat(MountPlacement.problem("*", Optional.of(dir), Optional.of(dir))).isEmpty();
    }
}
