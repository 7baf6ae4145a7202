package io.cloudmount.fuse.it;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The suite on a plain folder: proves the suite's expectations are those of a real disk. */
class PlainFolderReferenceTest extends FileSystemSuite {
    @TempDir
    Path dir;

    @Override
    protected Path root() {
        return dir;
    }
}
