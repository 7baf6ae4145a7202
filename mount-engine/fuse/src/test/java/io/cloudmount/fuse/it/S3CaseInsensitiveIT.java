package io.cloudmount.fuse.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.engine.names.DriveNaming;
import io.cloudmount.provider.s3.S3StorageProvider;
import io.cloudmount.provider.s3.testing.S3ServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3 drive with case-insensitive names (the Windows default, switched on here with the option) through
 * a real mount: one object per name whatever case programs use, before and after the upload.
 */
class S3CaseInsensitiveIT {
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    @TempDir
    Path work;
    private String bucket;
    private MountedDrive drive;

    @BeforeEach
    void mount() throws Exception {
        bucket = S3.server().createBucket();
        var store = new S3StorageProvider(S3.server().settings(bucket).build());
        drive = S3Drives.mount(new DriveNaming(false, true).present(store), work, Duration.ofHours(1));
    }

    @AfterEach
    void unmount() throws Exception {
        drive.close();
    }

    @Test
    void aFileIsOneObjectWhateverCaseItIsWrittenAndReadIn() throws Exception {
        Path root = drive.root();
        Files.createDirectory(root.resolve("Docs"));
        Files.writeString(root.resolve("Docs/Report.txt"), "draft");

        assertThat(Files.readString(root.resolve("docs/REPORT.TXT"))).as("before the upload").isEqualTo("draft");
        Files.writeString(root.resolve("DOCS/report.TXT"), "final");

        // The kernel sends the release after close(2) returned; the upload is queued there.
        assertThat(drive.fuseMount().vfs().awaitWritersClosed(Duration.ofSeconds(30))).isTrue();
        assertThat(drive.fuseMount().vfs().flushUploads(Duration.ofSeconds(30))).isTrue();
        try (Stream<S3Object> keys = S3.server().admin().listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()) {
            assertThat(keys.map(S3Object::key)).containsExactlyInAnyOrder("Docs/", "Docs/Report.txt");
        }
        assertThat(S3.server().admin().getObjectAsBytes(b -> b.bucket(bucket).key("Docs/Report.txt")).asUtf8String())
                .isEqualTo("final");
    }

    @Test
    void movingAFileThroughAnotherCaseOfItsFolderKeepsIt() throws Exception {
        Path root = drive.root();
        Files.createDirectory(root.resolve("docs"));
        Files.writeString(root.resolve("docs/a.txt"), "not uploaded yet");

        // The kernel sees two folders, so it sends the rename(2); both paths name the same file. (mv, not
        // Files.move: with REPLACE_EXISTING that deletes the target first, which is the source too.)
        Process mv = new ProcessBuilder("mv", "Docs/a.txt", "docs/a.txt").directory(root.toFile())
                .redirectErrorStream(true).start();
        assertThat(mv.waitFor()).as(new String(mv.getInputStream().readAllBytes())).isZero();

        assertThat(Files.readString(root.resolve("docs/a.txt"))).isEqualTo("not uploaded yet");
        assertThat(drive.fuseMount().vfs().awaitWritersClosed(Duration.ofSeconds(30))).isTrue();
        assertThat(drive.fuseMount().vfs().flushUploads(Duration.ofSeconds(30))).isTrue();
        assertThat(S3.server().admin().getObjectAsBytes(b -> b.bucket(bucket).key("docs/a.txt")).asUtf8String())
                .isEqualTo("not uploaded yet");
    }
}
