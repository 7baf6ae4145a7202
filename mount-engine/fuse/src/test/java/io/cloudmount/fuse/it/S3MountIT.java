package io.cloudmount.fuse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cloudmount.provider.s3.testing.S3ServerExtension;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The java.nio suite through a real mount of an S3 bucket (write-back cache, S3-compatible server on loopback). */
class S3MountIT extends FileSystemSuite {
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    @TempDir
    Path work;
    private MountedDrive drive;

    @BeforeEach
    void mount() throws Exception {
        drive = S3Drives.mount(S3.server(), work, Duration.ofMillis(100));
    }

    @AfterEach
    void unmount() throws Exception {
        assertThat(drive.fuseMount().vfs().flushUploads(Duration.ofSeconds(60))).as("uploads finish").isTrue();
        drive.close();
    }

    @Override
    protected Path root() {
        return drive.root();
    }

    @Test
    void writtenFilesReachTheBucket() throws Exception {
        Files.writeString(root().resolve("in-bucket.txt"), "uploaded");
        await().atMost(Duration.ofSeconds(20)).until(() -> drive.fuseMount().vfs().pendingUploads().isEmpty());
        assertThat(drive.fuseMount().vfs().provider().stat("/in-bucket.txt").size()).isEqualTo(8);
    }

    /**
     * {@code mv -T new old}, a build tool's {@code rename(tmpdir, outdir)}: rename(2) replaces a folder only
     * when it is empty, and a file still waiting for its upload is in it although the bucket lacks it.
     */
    @Test
    void aRenameDoesNotReplaceAFolderHoldingAFileNotUploadedYet() throws Exception {
        try (MountedDrive held = mountWithUploadsHeldBack()) {
            Path m = held.root();
            Files.createDirectories(m.resolve("empty"));
            Files.writeString(Files.createDirectories(m.resolve("full")).resolve("pending.txt"), "kept");

            assertThatThrownBy(() -> Files.move(m.resolve("empty"), m.resolve("full"), StandardCopyOption.ATOMIC_MOVE))
                    .isInstanceOf(FileSystemException.class).hasMessageContaining("not empty");

            assertThat(Files.readString(m.resolve("full/pending.txt"))).isEqualTo("kept");
            assertThat(held.fuseMount().vfs().flushUploads(Duration.ofSeconds(60))).isTrue();
            assertThat(held.fuseMount().vfs().provider().stat("/full/pending.txt").size()).isEqualTo(4);
        }
    }

    /**
     * A new folder's marker is written by the upload queue, seconds after the mkdir: the bucket keeps the
     * time the drive showed, so the folder's time does not jump when it is listed again or remounted.
     */
    @Test
    void aNewFolderKeepsItsTimeWhenItReachesTheBucket() throws Exception {
        try (MountedDrive held = mountWithUploadsHeldBack()) {
            Path made = Files.createDirectory(held.root().resolve("made"));
            Instant shown = Files.getLastModifiedTime(made).toInstant();

            assertThat(held.fuseMount().vfs().flushUploads(Duration.ofSeconds(60))).isTrue();

            assertThat(held.fuseMount().vfs().provider().stat("/made").modified()).isEqualTo(shown);
        }
    }

    /** A second drive on a fresh bucket whose uploads wait until the test flushes them. */
    private MountedDrive mountWithUploadsHeldBack() throws Exception {
        return S3Drives.mount(S3.server(), Files.createDirectories(work.resolve("held")), Duration.ofHours(1));
    }

    @Test
    void aPathWhoseS3KeyWouldPassTheLimitIsRefusedAsTooLongAndNeverReachesTheBucket() throws Exception {
        String name = "n".repeat(250); // each name is fine (at most 255 bytes); S3 keys have at most 1024
        Path deep = Files.createDirectories(root().resolve(name).resolve(name).resolve(name).resolve(name)); // 1004
        Files.writeString(deep.resolve("ok.txt"), "kept");

        // Before, all three were made on the drive; the upload alone was refused, after close() had returned.
        assertThatThrownBy(() -> Files.writeString(deep.resolve(name + ".txt"), "x"))
                .isInstanceOf(FileSystemException.class).hasMessageContaining("File name too long");
        assertThatThrownBy(() -> Files.createDirectory(deep.resolve(name)))
                .isInstanceOf(FileSystemException.class).hasMessageContaining("File name too long");
        assertThatThrownBy(() -> Files.move(deep.resolve("ok.txt"), deep.resolve(name + ".txt")))
                .isInstanceOf(FileSystemException.class).hasMessageContaining("File name too long");

        assertThat(drive.fuseMount().vfs().flushUploads(Duration.ofSeconds(60))).isTrue();
        assertThat(drive.fuseMount().vfs().pendingUploads()).as("nothing half-made waits for an upload").isEmpty();
        try (var listing = Files.list(deep)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("ok.txt");
        }
        assertThat(Files.readString(deep.resolve("ok.txt"))).isEqualTo("kept");
    }
}
