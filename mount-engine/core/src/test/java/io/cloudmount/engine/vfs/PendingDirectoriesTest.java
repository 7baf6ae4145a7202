package io.cloudmount.engine.vfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal of new folders as the next mount reads it back. */
class PendingDirectoriesTest {
    @TempDir
    Path cacheDir;

    @Test
    void aLastLineCutByACrashNamesNoOtherFolder() throws Exception {
        // "+/docs/drafts" lost its end (a full disk, a machine crash): what is left names another folder.
        Files.writeString(cacheDir.resolve(PendingDirectories.FILE_NAME), "+%2Fdocs\n+%2Fdocs%2Fdr");

        PendingDirectories pending = PendingDirectories.open(cacheDir);

        assertThat(pending.paths()).as("no folder of a name never made").containsExactly("/docs");
        pending.close();
    }

    @Test
    void aCutRemovalDoesNotForgetAnotherPendingFolder() throws Exception {
        // "-/ab" (its marker is in the store) cut to "-/a": /a is still to be written.
        Files.writeString(cacheDir.resolve(PendingDirectories.FILE_NAME), "+%2Fa\n+%2Fab\n-%2Fa");

        PendingDirectories pending = PendingDirectories.open(cacheDir);

        assertThat(pending.paths()).containsExactly("/a", "/ab");
        pending.close();
    }
}
