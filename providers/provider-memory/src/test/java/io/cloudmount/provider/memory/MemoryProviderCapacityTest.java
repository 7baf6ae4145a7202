package io.cloudmount.provider.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.OpenMode;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.UploadOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryProviderCapacityTest {
    private static final int MIB = 1 << 20;

    private final MemoryProvider provider = MemoryProvider.withCapacity(MIB);

    @TempDir
    Path scratch;

    @Test
    void spaceReportsTheCapacityAndWhatIsFree() throws IOException {
        assertThat(provider.space().totalBytes()).isEqualTo(MIB);
        assertThat(provider.space().freeBytes()).isEqualTo(MIB);

        write("/f", 0, 300_000);

        assertThat(provider.space().freeBytes()).isLessThanOrEqualTo(MIB - 300_000).isGreaterThan(MIB - 400_000);
    }

    @Test
    void aWriteBeyondTheCapacityFailsWithNoSpaceAndChangesNothing() throws IOException {
        write("/f", 0, 100);
        long freeBefore = provider.space().freeBytes();

        try (ObjectHandle handle = provider.open("/f", OpenMode.READ_WRITE)) {
            ByteBuffer tooBig = ByteBuffer.allocate(2 * MIB);
            assertThatThrownBy(() -> handle.write(0, tooBig)).isInstanceOf(ProviderException.NoSpace.class);
            assertThat(tooBig.position()).isZero();
        }

        assertThat(provider.stat("/f").size()).isEqualTo(100);
        assertThat(readAll("/f")).containsOnly(7);
        assertThat(provider.space().freeBytes()).isEqualTo(freeBefore);
    }

    @Test
    void deletingAFileReturnsItsSpace() throws IOException {
        write("/f", 0, 900_000);

        provider.deleteFile("/f");

        assertThat(provider.space().freeBytes()).isEqualTo(MIB);
        write("/g", 0, 900_000);
    }

    @Test
    void truncatingAFileReturnsItsSpace() throws IOException {
        provider.createFile("/f", true);
        long freeWhenEmpty = provider.space().freeBytes();
        write("/f", 0, 900_000);

        try (ObjectHandle handle = provider.open("/f", OpenMode.READ_WRITE)) {
            handle.truncate(10);
        }

        assertThat(provider.space().freeBytes()).isGreaterThanOrEqualTo(freeWhenEmpty - PagedBytes.MIN_PAGE - (1024 * 8 + 16 + 8));
    }

    @Test
    void anUnlinkedOpenFileKeepsItsSpaceUntilItsLastHandleCloses() throws IOException {
        write("/f", 0, 500_000);
        ObjectHandle handle = provider.open("/f", OpenMode.READ);

        provider.deleteFile("/f");
        assertThat(provider.space().freeBytes()).isLessThan(MIB - 500_000 + 1);

        handle.close();
        assertThat(provider.space().freeBytes()).isEqualTo(MIB);
    }

    @Test
    void aSparseWriteFarOutCostsOnlyItsPageAndThePageTableUpToIt() throws IOException {
        provider.createFile("/sparse", true);
        long freeWhenEmpty = provider.space().freeBytes();
        write("/sparse", 6L << 30, 10);

        assertThat(provider.stat("/sparse").size()).isEqualTo((6L << 30) + 10);
        // its page, one leaf of the page table and the table's 97 slots up to it
        assertThat(freeWhenEmpty - provider.space().freeBytes()).isEqualTo(PagedBytes.MIN_PAGE + 1024 * 8 + 16 + 97 * 8);
    }

    /** One byte near the largest size needs a page table of 256 Ki slots (2 MiB of heap), not just its page. */
    @Test
    void sparseWritesFarOutFillTheDriveWithTheTablesTheyNeedAndGiveThemBack() throws IOException {
        MemoryProvider small = MemoryProvider.withCapacity(4 * MIB);
        int written = 0;
        try {
            for (; written < 64; written++) {
                small.createFile("/s" + written, true);
                try (ObjectHandle handle = small.open("/s" + written, OpenMode.READ_WRITE)) {
                    handle.write(PagedBytes.MAX_SIZE - 1, ByteBuffer.wrap(new byte[] {1}));
                }
            }
        } catch (ProviderException.NoSpace full) {
            // expected: two such files fill 4 MiB
        }
        assertThat(written).isLessThan(4);

        try (ObjectHandle handle = small.open("/s0", OpenMode.READ_WRITE)) {
            long freeBefore = small.space().freeBytes();
            handle.truncate(0);
            assertThat(small.space().freeBytes() - freeBefore).isGreaterThan(2 * MIB);
        }
        for (int i = 0; i <= written; i++) {
            small.deleteFile("/s" + i);
        }
        assertThat(small.space().freeBytes()).isEqualTo(4 * MIB);
    }

    @Test
    void aWriteBeyondTheLargestFileSizeFailsWithNoSpace() throws IOException {
        provider.createFile("/f", true);

        try (ObjectHandle handle = provider.open("/f", OpenMode.READ_WRITE)) {
            assertThatThrownBy(() -> handle.write(PagedBytes.MAX_SIZE, ByteBuffer.allocate(1)))
                    .isInstanceOf(ProviderException.NoSpace.class);
            assertThatThrownBy(() -> handle.truncate(PagedBytes.MAX_SIZE + 1)).isInstanceOf(ProviderException.NoSpace.class);
        }
    }

    @Test
    void anUploadThatDoesNotFitFailsAndKeepsTheOldFile() throws IOException {
        write("/f", 0, 1000);
        Path big = Files.write(scratch.resolve("big"), new byte[2 * MIB]);

        assertThatThrownBy(() -> provider.upload("/f", big, UploadOptions.modifiedAt(Instant.EPOCH)))
                .isInstanceOf(ProviderException.NoSpace.class);

        assertThat(provider.stat("/f").size()).isEqualTo(1000);
        assertThat(readAll("/f")).containsOnly(7);
        assertThat(MIB - provider.space().freeBytes()).isLessThan(PagedBytes.PAGE_SIZE + 1);
    }

    @Test
    void aCopyThatDoesNotFitFailsAndLeavesNoTarget() throws IOException {
        write("/f", 0, 700_000);

        assertThatThrownBy(() -> provider.copy("/f", "/g")).isInstanceOf(ProviderException.NoSpace.class);

        assertThatThrownBy(() -> provider.stat("/g")).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void replacingAFileByRenameReturnsTheSpaceOfTheReplacedFile() throws IOException {
        write("/a", 0, 400_000);
        write("/b", 0, 400_000);

        provider.rename("/a", "/b", true);

        assertThat(MIB - provider.space().freeBytes()).isLessThan(400_000 + PagedBytes.PAGE_SIZE);
    }

    /** Every entry holds heap (its node, map entry and name): a drive taking empty ones without end runs the JVM out of memory. */
    @Test
    void emptyFilesAndFoldersFillTheDriveUntilNoSpaceAndGiveItBackWhenRemoved() throws IOException {
        MemoryProvider small = MemoryProvider.withCapacity(64 * 1024);
        int made = 0;
        try {
            for (; made < 100_000; made++) {
                if (made % 2 == 0) {
                    small.createFile("/f" + made, true);
                } else {
                    small.mkdir("/d" + made);
                }
            }
        } catch (ProviderException.NoSpace full) {
            // expected long before 100 000 entries
        }
        assertThat(made).isLessThan(100_000);
        assertThat(small.space().freeBytes()).isLessThan(64 * 1024);

        for (int i = 0; i < made; i++) {
            if (i % 2 == 0) {
                small.deleteFile("/f" + i);
            } else {
                small.deleteDirectory("/d" + i);
            }
        }
        assertThat(small.space().freeBytes()).isEqualTo(64 * 1024);
    }

    @Test
    void longNamesTakeSpaceToo() throws IOException {
        MemoryProvider small = MemoryProvider.withCapacity(64 * 1024);
        String longName = "n".repeat(250);
        small.createFile("/a", true);
        long freeWithShortName = small.space().freeBytes();

        small.rename("/a", "/" + longName, false);

        assertThat(small.space().freeBytes()).isLessThan(freeWithShortName);
        small.rename("/" + longName, "/a", false);
        assertThat(small.space().freeBytes()).isEqualTo(freeWithShortName);
    }

    @Test
    void aFileReplacedByRenameOrUploadGivesBackItsEntry() throws IOException {
        provider.createFile("/a", true);
        provider.createFile("/b", true);
        long freeWithTwo = provider.space().freeBytes();

        provider.rename("/a", "/b", true);
        provider.upload("/b", Files.write(scratch.resolve("empty"), new byte[0]), UploadOptions.modifiedAt(Instant.EPOCH));
        provider.deleteFile("/b");

        assertThat(provider.space().freeBytes()).isGreaterThan(freeWithTwo).isEqualTo(MIB);
    }

    @Test
    void builderRejectsANonPositiveCapacity() {
        assertThatThrownBy(() -> MemoryProvider.builder().capacity(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
    }

    private void write(String path, long position, int length) throws IOException {
        if (!exists(path)) {
            provider.createFile(path, true);
        }
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) 7);
        try (ObjectHandle handle = provider.open(path, OpenMode.READ_WRITE)) {
            handle.write(position, ByteBuffer.wrap(bytes));
        }
    }

    private boolean exists(String path) throws IOException {
        try {
            provider.stat(path);
            return true;
        } catch (ProviderException.NotFound e) {
            return false;
        }
    }

    private byte[] readAll(String path) throws IOException {
        try (ObjectHandle handle = provider.open(path, OpenMode.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) handle.size());
            handle.read(0, buffer);
            return buffer.array();
        }
    }
}
