package io.cloudmount.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.provider.s3.RecordFile.Entry;
import io.cloudmount.provider.s3.RecordFile.State;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache folder's record files: what the next run reads back after appends, kills and rewrites. */
class RecordFileTest {
    @TempDir
    Path dir;

    private RecordFile file(String store) {
        return new RecordFile(dir.resolve("records"), "test-records 1", store);
    }

    @Test
    void appendedEntriesComeBackWithAnyCharactersInTheirFields() throws Exception {
        RecordFile records = file("s3://bucket");
        records.append(new Entry("+", "\"etag\"", "dir/a name with spaces+plus%.txt"));
        records.append(new Entry("-", "dir/ünï/x"));

        RecordFile.Contents read = file("s3://bucket").read();

        assertThat(read.state()).isEqualTo(State.READ);
        assertThat(read.entries()).containsExactly(new Entry("+", "\"etag\"", "dir/a name with spaces+plus%.txt"),
                new Entry("-", "dir/ünï/x"));
    }

    @Test
    void aLastLineCutByAKillIsIgnored() throws Exception {
        RecordFile records = file("s3://bucket");
        records.append(new Entry("+", "e1", "dir/complete"));
        Files.writeString(dir.resolve("records"), "+ e2 dir/cut-sho", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        assertThat(records.read().entries()).containsExactly(new Entry("+", "e1", "dir/complete"));
    }

    @Test
    void theNextRunAppendsAfterALineCutByAKillNotOntoIt() throws Exception {
        file("s3://bucket").append(new Entry("+", "e1", "dir/complete"));
        Files.writeString(dir.resolve("records"), "+ e2 dir/cut-sho", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        RecordFile nextRun = file("s3://bucket");
        nextRun.append(new Entry("+", "e3", "dir/after"));

        assertThat(nextRun.read().entries()).containsExactly(new Entry("+", "e1", "dir/complete"),
                new Entry("+", "e3", "dir/after"));
    }

    @Test
    void anotherStoresFileIsForeignAndAMissingOneEmpty() throws Exception {
        assertThat(file("s3://bucket").read().state()).isEqualTo(State.MISSING);
        file("s3://other").append(new Entry("+", "e", "k"));

        RecordFile.Contents read = file("s3://bucket").read();

        assertThat(read.state()).isEqualTo(State.FOREIGN);
        assertThat(read.entries()).isEmpty();
    }

    @Test
    void aRewriteKeepsJustTheGivenEntriesAndAnEmptyOneRemovesTheFile() throws Exception {
        RecordFile records = file("s3://bucket");
        records.append(new Entry("+", "e1", "a"));
        records.append(new Entry("+", "e2", "b"));

        records.rewrite(List.of(new Entry("+", "e2", "b")));
        assertThat(records.read().entries()).containsExactly(new Entry("+", "e2", "b"));
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");

        records.rewrite(List.of());
        assertThat(dir.resolve("records")).doesNotExist();
    }

    @Test
    void aFrozenFileIsNoLongerChanged() throws Exception {
        RecordFile records = file("s3://bucket");
        records.append(new Entry("+", "e1", "a"));
        records.freeze();

        records.append(new Entry("-", "a"));
        records.rewrite(List.of());
        records.delete();

        assertThat(records.read().entries()).containsExactly(new Entry("+", "e1", "a"));
    }
}
