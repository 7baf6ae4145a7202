package io.cloudmount.engine.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.cloudmount.engine.vfs.VfsFiles.read;
import static io.cloudmount.engine.vfs.VfsFiles.write;
import static org.awaitility.Awaitility.await;

import io.cloudmount.engine.FsError;
import io.cloudmount.engine.FsErrors;
import io.cloudmount.engine.names.CaseInsensitiveProvider;
import io.cloudmount.engine.writeback.UploadStatus;
import io.cloudmount.engine.writeback.WritebackSettings;
import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.OpenMode;
import io.cloudmount.provider.UploadOptions;
import io.cloudmount.provider.memory.MemoryProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A case-insensitive drive (the Windows default) over the write-back cache: one file per stored name,
 * whatever case a program uses, before and after the upload.
 */
class CachedCaseInsensitiveVfsTest {
    @TempDir
    Path cacheDir;
    private final MemoryProvider memory = MemoryProvider.withCapacity(64L << 20);
    private Vfs vfs;

    @BeforeEach
    void caseInsensitiveCachedDrive() throws IOException {
        vfs = Vfs.cached(new CaseInsensitiveProvider(memory), VfsOptions.defaults(),
                CacheSettings.defaults(cacheDir.resolve("cache")).withWriteback(heldBack()));
    }

    /** Uploads wait until flushed, so every file is still only in the cache when the test acts. */
    private static WritebackSettings heldBack() {
        WritebackSettings wb = WritebackSettings.defaults();
        return new WritebackSettings(Duration.ofHours(1), wb.maxConcurrent(), wb.maxAttempts(), Duration.ofMillis(20),
                Duration.ofMillis(200), wb.drainTimeout());
    }

    @AfterEach
    void close() throws IOException {
        vfs.close();
    }

    @Test
    void aFileNotUploadedYetIsReadUnderAnyCase() throws Exception {
        vfs.mkdir("/Docs", 0755);
        write(vfs, "/Docs/Report.txt", "draft");

        assertThat(read(vfs, "/docs/REPORT.TXT")).isEqualTo("draft");
        assertThat(vfs.getattr("/DOCS/report.txt").size()).isEqualTo(5);
        assertThat(names("/dOcS")).containsExactly("Report.txt");
    }

    @Test
    void writingUnderAnotherCaseRewritesTheSameFile() throws Exception {
        write(vfs, "/notes.txt", "one");
        write(vfs, "/NOTES.TXT", "two, longer");

        assertThat(names("/")).containsExactly("notes.txt");
        assertThat(vfs.pendingUploads()).extracting(UploadStatus::path).containsExactly("/notes.txt");
        upload();
        assertThat(memory.listAll("/")).extracting(ObjectInfo::name).containsExactly("notes.txt");
        assertThat(stored("/notes.txt")).isEqualTo("two, longer");
    }

    @Test
    void aStoredFileIsFoundUnderAnyCaseAlsoOnceItsFolderIsListed() throws Exception {
        memory.mkdir("/d");
        putInStore("/d/Readme.md", "stored");

        assertThat(names("/d")).containsExactly("Readme.md");
        assertThat(read(vfs, "/D/README.MD")).isEqualTo("stored");
    }

    @Test
    void namesThatDifferOnlyInCaseResolveToTheSmallestAsEverywhere() throws Exception {
        putInStore("/report.txt", "lower");
        putInStore("/Report.txt", "upper");

        assertThat(read(vfs, "/REPORT.TXT")).isEqualTo("upper");
        assertThat(read(vfs, "/report.txt")).as("an exact name wins").isEqualTo("lower");
    }

    @Test
    void renamingToAnotherCaseOfItselfChangesTheStoredNameAlsoWhileOpen() throws Exception {
        write(vfs, "/x.txt", "text");
        long fh = vfs.open("/X.TXT", OpenFlags.READ_WRITE);

        vfs.rename("/X.TXT", "/X.txt", false);
        vfs.write(fh, 4, ByteBuffer.wrap(" more".getBytes(StandardCharsets.UTF_8)));
        vfs.release(fh);

        assertThat(names("/")).containsExactly("X.txt");
        upload();
        assertThat(memory.listAll("/")).extracting(ObjectInfo::name).containsExactly("X.txt");
        assertThat(stored("/X.txt")).isEqualTo("text more");
    }

    @Test
    void aFileRenamedUnderAnotherCaseWhileOpenIsUploadedOnlyUnderItsNewName() throws Exception {
        write(vfs, "/a.txt", "first");
        long fh = vfs.open("/A.TXT", OpenFlags.READ_WRITE);

        vfs.rename("/A.TXT", "/b.txt", false);
        vfs.write(fh, 5, ByteBuffer.wrap(", then more".getBytes(StandardCharsets.UTF_8)));
        assertThat(vfs.getattr(fh).name()).isEqualTo("b.txt");
        vfs.release(fh);

        upload();
        assertThat(memory.listAll("/")).extracting(ObjectInfo::name).containsExactly("b.txt");
        assertThat(stored("/b.txt")).isEqualTo("first, then more");
    }

    @Test
    void aNewNameInAnUnlistedFolderIsMatchedAgainstNamesOnlyWhereAListingCostsARequestPerEntry() throws Exception {
        memory.mkdir("/d");
        for (int i = 0; i < 20; i++) {
            putInStore("/d/f" + i, "stored " + i);
        }
        var s3Like = CountingProvider.withStatCheaperThanListing(memory);
        Vfs drive = Vfs.cached(new CaseInsensitiveProvider(s3Like), VfsOptions.defaults(),
                CacheSettings.defaults(cacheDir.resolve("cache2")));
        try {
            long fh = drive.create("/D/New.txt", 0644, OpenFlags.READ_WRITE);
            drive.release(fh);
            fh = drive.create("/d/F7", 0644, OpenFlags.READ_WRITE); // O_TRUNC of the stored f7
            drive.release(fh);

            assertThat(s3Like.listings.get()).as("no listing with its request per entry").isZero();
            assertThat(s3Like.nameListings.get()).isPositive();
            assertThat(drive.getattr("/d/new.txt").name()).isEqualTo("New.txt");
            assertThat(drive.getattr("/d/f7").size()).as("the stored f7, emptied").isZero();
        } finally {
            drive.close();
        }
    }

    @Test
    void renamingThroughAnotherCaseOfAFolderOnTheWayMovesNothingAndLosesNothing() throws Exception {
        vfs.mkdir("/docs", 0755);
        write(vfs, "/docs/a.txt", "not uploaded yet");

        vfs.rename("/Docs/a.txt", "/docs/a.txt", false); // both name the same file

        assertThat(read(vfs, "/docs/a.txt")).isEqualTo("not uploaded yet");
        upload();
        assertThat(stored("/docs/a.txt")).isEqualTo("not uploaded yet");
    }

    @Test
    void aFolderCannotBeMovedIntoItselfThroughAnotherCaseOfItsName() throws Exception {
        for (boolean folderInStore : new boolean[] {true, false}) {
            // Without modes (S3), a new folder waits for the upload queue like a file.
            var store = folderInStore ? memory : CountingProvider.withoutPosixModes(memory);
            Vfs drive = Vfs.cached(new CaseInsensitiveProvider(store), VfsOptions.defaults(),
                    CacheSettings.defaults(cacheDir.resolve("cache-" + folderInStore)).withWriteback(heldBack()));
            try {
                String docs = "/docs-" + folderInStore;
                drive.mkdir(docs, 0755);
                write(drive, docs + "/f.txt", "kept");

                assertThatThrownBy(() -> drive.rename(docs, docs.toUpperCase(java.util.Locale.ROOT) + "/sub", false))
                        .satisfies(e -> assertThat(FsErrors.classify(e, "rename", docs)).isEqualTo(FsError.EINVAL));

                assertThat(read(drive, docs + "/f.txt")).isEqualTo("kept");
                assertThat(drive.flushUploads(Duration.ofSeconds(10))).isTrue();
                await().atMost(Duration.ofSeconds(10)).until(() -> drive.pendingUploads().isEmpty());
                assertThat(stored(docs + "/f.txt")).isEqualTo("kept");
            } finally {
                drive.close();
            }
        }
    }

    @Test
    void whileTheStoreIsDownNamesInAnotherCaseAndNewFilesUseTheLastListing() throws Exception {
        putInStore("/photo.jpg", "pixels");
        var s3Like = CountingProvider.withStatCheaperThanListing(memory);
        Vfs drive = Vfs.cached(new CaseInsensitiveProvider(s3Like), VfsOptions.defaults(),
                CacheSettings.defaults(cacheDir.resolve("cache2")).withMetadataTtl(Duration.ZERO));
        try {
            long dh = drive.opendir("/"); // a listing, kept for when the store cannot be reached
            drive.readdir(dh);
            drive.releasedir(dh);

            s3Like.unavailable = true;
            assertThat(drive.getattr("/PHOTO.JPG").name()).isEqualTo("photo.jpg");
            write(drive, "/New.txt", "written offline");
            assertThat(read(drive, "/new.TXT")).isEqualTo("written offline");
        } finally {
            s3Like.unavailable = false;
            drive.close();
        }
    }

    private void upload() throws InterruptedException {
        assertThat(vfs.flushUploads(Duration.ofSeconds(10))).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> vfs.pendingUploads().isEmpty());
    }

    private void putInStore(String path, String content) throws IOException {
        Path temp = Files.writeString(cacheDir.resolve("put.tmp"), content);
        memory.upload(path, temp, UploadOptions.modifiedAt(Instant.now()));
    }

    private String stored(String path) throws IOException {
        try (ObjectHandle h = memory.open(path, OpenMode.READ)) {
            ByteBuffer buf = ByteBuffer.allocate((int) h.size());
            h.read(0, buf);
            return new String(buf.array(), StandardCharsets.UTF_8);
        }
    }

    private List<String> names(String directory) throws IOException {
        long dh = vfs.opendir(directory);
        try {
            return vfs.readdir(dh).stream().map(FileAttributes::name).filter(n -> !n.equals(".") && !n.equals(".."))
                    .toList();
        } finally {
            vfs.releasedir(dh);
        }
    }
}
