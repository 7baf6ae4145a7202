package io.cloudmount.engine.names;

import static io.cloudmount.engine.names.StoreFiles.names;
import static io.cloudmount.engine.names.StoreFiles.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cloudmount.provider.ListPage;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.StorageProvider;
import io.cloudmount.provider.memory.MemoryProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Case-insensitive lookups over a case-sensitive store, and the rule for keys that differ only in case. */
class CaseInsensitiveProviderTest {
    private final MemoryProvider store = MemoryProvider.builder().listPageSize(2).build();
    private final CaseInsensitiveProvider drive = new CaseInsensitiveProvider(store);
    private StoreFiles files;

    @BeforeEach
    void scratch(@TempDir Path scratch) {
        files = new StoreFiles(scratch);
    }

    @Test
    void anyCaseOfEachSegmentFindsTheStoredEntry() throws IOException {
        store.mkdir("/Docs");
        store.mkdir("/Docs/Reports");
        files.put(store, "/Docs/Reports/Q1.xlsx", "numbers");

        assertThat(read(drive, "/docs/REPORTS/q1.XLSX")).isEqualTo("numbers");
        assertThat(drive.stat("/DOCS/reports/Q1.xlsx").name()).isEqualTo("Q1.xlsx");
        assertThat(names(drive, "/dOcS/rEpOrTs")).containsExactly("Q1.xlsx");
    }

    @Test
    void aNameInAnotherCaseIsSearchedForInAListingOfNamesOnly() throws IOException {
        files.put(store, "/Report.txt", "text");
        AtomicInteger fullListings = new AtomicInteger();
        StorageProvider s3Like = new PathMappingProvider(store) {
            @Override
            protected String toStore(String drivePath) {
                return drivePath;
            }

            @Override
            public ListPage list(String directory, String pageToken) throws ProviderException {
                fullListings.incrementAndGet(); // on S3: a HEAD per file
                return super.list(directory, pageToken);
            }
        };

        assertThat(new CaseInsensitiveProvider(s3Like).stat("/REPORT.TXT").name()).isEqualTo("Report.txt");
        assertThat(fullListings).hasValue(0);
    }

    @Test
    void nonAsciiLettersMatchIgnoringCaseToo() throws IOException {
        files.put(store, "/\u00C4rger \u03A3.txt", "umlaut and sigma");

        assertThat(read(drive, "/\u00E4RGER \u03C3.TXT")).isEqualTo("umlaut and sigma");
    }

    @Test
    void anExactMatchWinsOverOtherCases() throws IOException {
        files.put(store, "/Report.txt", "upper");
        files.put(store, "/report.txt", "lower");
        files.put(store, "/REPORT.txt", "shouting");

        assertThat(read(drive, "/report.txt")).isEqualTo("lower");
        assertThat(read(drive, "/Report.txt")).isEqualTo("upper");
        assertThat(read(drive, "/REPORT.txt")).isEqualTo("shouting");
    }

    @Test
    void withoutAnExactMatchTheSmallestStoredNameWins() throws IOException {
        files.put(store, "/report.txt", "lower");
        files.put(store, "/Report.txt", "upper");
        files.put(store, "/rEport.txt", "mixed");

        // "Report.txt" < "rEport.txt" < "report.txt" by String.compareTo: upper case sorts first.
        assertThat(read(drive, "/REPORT.TXT")).isEqualTo("upper");
        assertThat(drive.stat("/REPORT.TXT").name()).isEqualTo("Report.txt");
    }

    @Test
    void listingsShowEveryEntryOfACollisionUnderItsStoredName() throws IOException {
        files.put(store, "/a.txt", "1");
        files.put(store, "/A.txt", "2");
        store.mkdir("/A.TXT");

        assertThat(names(drive, "/")).containsExactlyInAnyOrder("a.txt", "A.txt", "A.TXT");
        assertThat(drive.stat("/A.TXT").isDirectory()).isTrue();
    }

    @Test
    void aDirectoryCollisionIsResolvedPerSegment() throws IOException {
        store.mkdir("/data");
        store.mkdir("/Data");
        files.put(store, "/data/only-in-lower", "lower");
        files.put(store, "/Data/only-in-upper", "upper");

        assertThat(read(drive, "/DATA/only-in-upper")).isEqualTo("upper");
        assertThat(catchThrowableOfType(() -> drive.stat("/DATA/only-in-lower"), ProviderException.NotFound.class))
                .as("the losing directory is reachable only by its exact name").isNotNull();
        assertThat(read(drive, "/data/only-in-lower")).isEqualTo("lower");
    }

    @Test
    void writingAnotherCaseOfAFileReplacesItAndKeepsTheStoredName() throws IOException {
        files.put(store, "/ReadMe.md", "old");

        files.put(drive, "/README.MD", "new");

        assertThat(names(store, "/")).containsExactly("ReadMe.md");
        assertThat(read(store, "/ReadMe.md")).isEqualTo("new");
    }

    @Test
    void newNamesAreCreatedAsTypedInsideTheMatchedDirectory() throws IOException {
        store.mkdir("/Photos");

        drive.createFile("/photos/NEW.jpg", true);
        drive.mkdir("/PHOTOS/Trip");

        assertThat(names(store, "/Photos")).containsExactlyInAnyOrder("NEW.jpg", "Trip");
    }

    @Test
    void creatingAnotherCaseOfAnExistingNameExclusivelyFails() throws IOException {
        store.mkdir("/Music");
        files.put(store, "/notes.txt", "x");

        assertThat(catchThrowableOfType(() -> drive.mkdir("/MUSIC"), ProviderException.AlreadyExists.class)).isNotNull();
        assertThat(catchThrowableOfType(() -> drive.createFile("/Notes.TXT", true), ProviderException.AlreadyExists.class))
                .isNotNull();
    }

    @Test
    void renamingToAnotherCaseOfItselfChangesTheStoredCase() throws IOException {
        files.put(store, "/photo.JPG", "pixels");

        drive.rename("/photo.JPG", "/Photo.jpg", false);

        assertThat(names(store, "/")).containsExactly("Photo.jpg");
        assertThat(read(drive, "/PHOTO.JPG")).isEqualTo("pixels");
    }

    @Test
    void renamingThroughAnotherCaseOfAFolderOnTheWayMovesNothing() throws IOException {
        store.mkdir("/docs");
        files.put(store, "/docs/a.txt", "text");

        drive.rename("/Docs/a.txt", "/docs/a.txt", true);

        assertThat(read(store, "/docs/a.txt")).isEqualTo("text");
    }

    @Test
    void aFolderIsNotMovedIntoItselfThroughAnotherCaseOfItsName() throws IOException {
        store.mkdir("/docs");
        files.put(store, "/docs/a.txt", "text");

        assertThat(catchThrowableOfType(() -> drive.rename("/docs", "/DOCS/sub", false),
                ProviderException.InvalidName.class)).isNotNull();
        assertThat(read(store, "/docs/a.txt")).isEqualTo("text");
    }

    @Test
    void renamingOntoAnotherEntryThatMatchesIgnoringCaseTargetsThatEntry() throws IOException {
        files.put(store, "/draft.txt", "new text");
        files.put(store, "/Final.txt", "old text");

        assertThat(catchThrowableOfType(() -> drive.rename("/draft.txt", "/FINAL.TXT", false),
                ProviderException.AlreadyExists.class)).isNotNull();

        drive.rename("/draft.txt", "/FINAL.TXT", true);

        assertThat(names(store, "/")).containsExactly("Final.txt");
        assertThat(read(store, "/Final.txt")).isEqualTo("new text");
    }

    @Test
    void missingPathsAreNotFoundWhateverTheirCase() throws IOException {
        store.mkdir("/Dir");

        assertThat(catchThrowableOfType(() -> drive.stat("/dir/none"), ProviderException.NotFound.class)).isNotNull();
        assertThat(catchThrowableOfType(() -> drive.stat("/nodir/none"), ProviderException.NotFound.class)).isNotNull();
    }

    @Test
    void malformedPathsFailWithInvalidName() {
        assertThat(catchThrowableOfType(() -> drive.stat("no/slash"), ProviderException.InvalidName.class)).isNotNull();
    }

    @Test
    void theWindowsStackMatchesEncodedNamesIgnoringCase() throws IOException {
        var windows = DriveNaming.WINDOWS.present(store);
        files.put(store, "/Invoice: March?.pdf", "pdf");

        assertThat(names(windows, "/")).containsExactly("Invoice\uFF1A March\uFF1F.pdf");
        assertThat(read(windows, "/INVOICE\uFF1A MARCH\uFF1F.PDF")).isEqualTo("pdf");
    }
}
