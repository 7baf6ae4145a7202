package io.cloudmount.engine.names;

import static io.cloudmount.engine.names.StoreFiles.names;
import static io.cloudmount.engine.names.StoreFiles.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cloudmount.provider.ListPage;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.memory.MemoryProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decorator over a store that holds keys Windows refuses. */
class NameEncodingProviderTest {
    private final MemoryProvider store = MemoryProvider.builder().listPageSize(3).build();
    private final NameEncodingProvider drive = new NameEncodingProvider(store);
    private StoreFiles files;

    @BeforeEach
    void scratch(@TempDir Path scratch) {
        files = new StoreFiles(scratch);
    }

    @Test
    void listingShowsEveryStoreKeyEncodedAndDropsNone() throws IOException {
        List<String> storeNames = List.of("a:b", "what?", "CON.txt", "trailing.", "trailing ", "tab\there",
                "pipe|star*", "quote\"lt<gt>", "back\\slash", "already\uFF1A", "plain.txt");
        for (String name : storeNames) {
            files.put(store, "/" + name, name);
        }

        List<String> shown = names(drive, "/");

        assertThat(shown).containsExactlyInAnyOrder("a\uFF1Ab", "what\uFF1F", "\uFF23ON.txt", "trailing\uFF0E",
                "trailing\u2420", "tab\u2409here", "pipe\uFF5Cstar\uFF0A", "quote\uFF02lt\uFF1Cgt\uFF1E",
                "back\uFF3Cslash", "already\u201B\uFF1A", "plain.txt");
        for (String name : shown) {
            assertThat(read(drive, "/" + name)).as(name).isEqualTo(WindowsNameCodec.decode(name));
        }
    }

    @Test
    void listingKeepsTheStoresPagesAndOrder() throws IOException {
        for (int i = 0; i < 8; i++) {
            files.put(store, "/f" + i + "?", "x");
        }
        List<String> storePages = new ArrayList<>();
        List<String> drivePages = new ArrayList<>();
        String token = null;
        do {
            ListPage storePage = store.list("/", token);
            ListPage drivePage = drive.list("/", token);
            storePage.entries().forEach(e -> storePages.add(WindowsNameCodec.encode(e.name())));
            drivePage.entries().forEach(e -> drivePages.add(e.name()));
            assertThat(drivePage.nextPageToken()).isEqualTo(storePage.nextPageToken());
            token = storePage.nextPageToken();
        } while (token != null);

        assertThat(drivePages).hasSize(8).isEqualTo(storePages);
    }

    @Test
    void statShowsTheEncodedNameAndTheStoresAttributes() throws IOException {
        files.put(store, "/dir:x", "ignored");
        store.deleteFile("/dir:x");
        store.mkdir("/dir:x");
        files.put(store, "/dir:x/nul", "12345");

        var info = drive.stat("/dir\uFF1Ax/\uFF4Eul");

        assertThat(info.name()).isEqualTo("\uFF4Eul");
        assertThat(info.size()).isEqualTo(5);
        assertThat(drive.stat("/dir\uFF1Ax").isDirectory()).isTrue();
    }

    @Test
    void whatTheDriveCreatesLandsUnderTheDecodedKey() throws IOException {
        drive.mkdir("/Q\uFF1F");
        files.put(drive, "/Q\uFF1F/\uFF21UX.c", "device");
        var created = drive.createFile("/Q\uFF1F/end\uFF0E", true);

        assertThat(created.name()).isEqualTo("end\uFF0E");
        assertThat(names(store, "/Q?")).containsExactlyInAnyOrder("AUX.c", "end.");
        assertThat(read(store, "/Q?/AUX.c")).isEqualTo("device");
    }

    @Test
    void renameCopyAndDeleteWorkOnDecodedKeys() throws IOException {
        files.put(store, "/a|b", "content");

        drive.rename("/a\uFF5Cb", "/c\uFF1Cd ", false);
        drive.copy("/c\uFF1Cd ", "/copy\u2420");

        assertThat(names(store, "/")).containsExactlyInAnyOrder("c<d ", "copy ");
        drive.deleteFile("/copy\u2420");
        assertThat(names(drive, "/")).containsExactly("c\uFF1Cd\u2420");
    }

    @Test
    void aStoreKeyThatAlreadyLooksEncodedStaysDistinctFromTheKeyItLooksLike() throws IOException {
        files.put(store, "/x?", "raw question mark");
        files.put(store, "/x\uFF1F", "fullwidth question mark");

        assertThat(names(drive, "/")).containsExactlyInAnyOrder("x\uFF1F", "x\u201B\uFF1F");
        assertThat(read(drive, "/x\uFF1F")).isEqualTo("raw question mark");
        assertThat(read(drive, "/x\u201B\uFF1F")).isEqualTo("fullwidth question mark");
    }

    @Test
    void malformedPathsFailWithInvalidNameBeforeDecoding() {
        var failure = catchThrowableOfType(() -> drive.stat("relative\uFF1F"), ProviderException.InvalidName.class);

        assertThat(failure).isNotNull();
    }

    @Test
    void aMissingEntryIsNotFound() {
        assertThat(catchThrowableOfType(() -> drive.stat("/none\uFF1F"), ProviderException.NotFound.class)).isNotNull();
    }
}
