package io.cloudmount.app.ui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.app.drive.Bytes;
import io.cloudmount.app.drive.DriveConfig;
import io.cloudmount.app.drive.StorageSpec;
import io.cloudmount.app.ui.editor.DriveForm.Field;
import io.cloudmount.app.ui.editor.DriveForm.Kind;
import io.cloudmount.provider.memory.MemoryProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriveFormTest {
    @TempDir
    Path dir;

    private final DriveConfig other = new DriveConfig("o", "Photos", new StorageSpec.Memory(1024), "/mnt/photos",
            false, false, 0, false);

    private DriveForm newForm() {
        return new DriveForm(Optional.empty(), false, List.of(other), MountPointRules.LINUX);
    }

    @Test
    void aCompleteMemoryDriveIsValidAndBuildsTheDrive() {
        DriveForm form = newForm();
        form.name.set("Scratch");
        form.capacity.set("64 MB");
        form.mountPoint.set(dir.resolve("scratch").toString());

        assertThat(form.validate()).isEmpty();
        assertThat(form.toDrive().storage()).isEqualTo(new StorageSpec.Memory(64L << 20));
    }

    @Test
    void aMemoryDriveLargerThanTheAppCanHoldIsRefusedAndTheDefaultFits() {
        DriveForm form = newForm();
        assertThat(Bytes.parse(form.capacity.get())).as("the default").isLessThanOrEqualTo(MemoryProvider.largestCapacity());
        form.capacity.set(Bytes.format(Runtime.getRuntime().maxMemory()));

        assertThat(form.validateStorage()).containsEntry(Field.CAPACITY,
                "CloudMount can keep at most " + Bytes.format(MemoryProvider.largestCapacity()) + " in memory");
    }

    /** "0.5" typed meaning half a gigabyte is half a byte: it was taken as 0, and Save failed without a word. */
    @Test
    void aSizeThatRoundsToNoBytesIsAWrongField() {
        DriveForm form = newForm();
        form.name.set("Scratch");
        form.capacity.set("0.5");
        form.cacheSize.set("0.9 B");
        form.mountPoint.set(dir.resolve("scratch").toString());

        assertThat(form.validate()).containsEntry(Field.CAPACITY, "Enter a size such as 512 MB or 2 GB")
                .containsEntry(Field.CACHE_SIZE, "Enter a size such as 2 GB, or leave it empty for the default");
        form.capacity.set("0.5 GB");
        form.cacheSize.set("");
        assertThat(form.validate()).isEmpty();
        assertThat(form.toDrive().storage()).isEqualTo(new StorageSpec.Memory(512L << 20));
    }

    @Test
    void eachWrongFieldGetsItsOwnMessage() throws Exception {
        Files.writeString(dir.resolve("file.txt"), "x");
        DriveForm form = newForm();
        form.name.set("photos");
        form.kind.set(Kind.S3);
        form.endpoint.set("minio:9000");
        form.bucket.set("a/b");
        form.mountPoint.set(dir.toString());

        assertThat(form.validate()).containsEntry(Field.NAME, "Another drive is already called photos")
                .containsEntry(Field.ENDPOINT, "Use a full address such as https://s3.example.com:9000")
                .containsEntry(Field.BUCKET, "A bucket name has no slashes or spaces; put folders in Prefix")
                .containsEntry(Field.ACCESS_KEY, "Enter the access key id")
                .containsEntry(Field.SECRET_KEY, "Enter the secret access key")
                .containsEntry(Field.MOUNT_POINT,
                        "This folder is not empty; its files would be hidden while the drive is mounted");
    }

    @Test
    void anEditedS3DriveMayKeepItsStoredSecret() {
        DriveConfig s3 = new DriveConfig("s", "Cloud", new StorageSpec.S3("", "us-east-1", "bucket", "", StorageSpec.S3Auth.KEYS,
                "AKIA", "", false), dir.resolve("cloud").toString(), false, false, 0, false);
        DriveForm form = new DriveForm(Optional.of(s3), true, List.of(), MountPointRules.LINUX);

        assertThat(form.validate()).isEmpty();
        assertThat(form.typedSecret()).isEmpty();
        assertThat(form.toDrive()).isEqualTo(s3);
    }

    @Test
    void theTimeSourceOfAnS3DriveIsKeptThroughTheForm() {
        DriveConfig s3 = new DriveConfig("s", "Archive", new StorageSpec.S3("", "us-east-1", "bucket", "",
                StorageSpec.S3Auth.DEFAULT_CHAIN, "", "", false, true), dir.resolve("a").toString(), false, false, 0, false);
        DriveForm form = new DriveForm(Optional.of(s3), false, List.of(), MountPointRules.LINUX);
        assertThat(form.serverModTimes.get()).isTrue();
        assertThat(form.toDrive()).isEqualTo(s3);

        form.serverModTimes.set(false);

        assertThat(((StorageSpec.S3) form.storage()).serverModTimes()).isFalse();
    }

    @Test
    void aProfileDriveNeedsTheProfileNameOnly() {
        DriveForm form = newForm();
        form.name.set("Work");
        form.kind.set(Kind.S3);
        form.bucket.set("b");
        form.auth.set(StorageSpec.S3Auth.PROFILE);
        form.mountPoint.set(dir.resolve("w").toString());

        assertThat(form.validate()).containsOnlyKeys(Field.PROFILE);
    }

    @Test
    void aLocalDriveNeedsAnExistingFolderAndMountPointsMustDiffer() {
        DriveForm form = newForm();
        form.name.set("Docs");
        form.kind.set(Kind.LOCAL);
        form.folder.set(dir.resolve("missing").toString());
        form.mountPoint.set("/mnt/photos");

        assertThat(form.validate()).containsEntry(Field.FOLDER, "This folder does not exist")
                .containsEntry(Field.MOUNT_POINT, "Another drive already uses this mount point");
    }

    @Test
    void windowsMountPointsAreLetters() {
        assertThat(MountPointRules.WINDOWS.check("X:", false)).isEmpty();
        assertThat(MountPointRules.WINDOWS.check("*", false)).isEmpty();
        assertThat(MountPointRules.WINDOWS.check("C:\\Cloud", false)).contains("Choose a drive letter, or * for the first free one");
    }
}
