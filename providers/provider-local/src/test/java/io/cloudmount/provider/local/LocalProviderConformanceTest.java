package io.cloudmount.provider.local;

import io.cloudmount.provider.StorageProvider;
import io.cloudmount.provider.conformance.StorageProviderContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LocalProviderConformanceTest extends StorageProviderContract {

    @TempDir
    Path folder;

    @Override
    protected StorageProvider newProvider() throws Exception {
        return new LocalProvider(Files.createDirectories(folder.resolve("drive")));
    }

    /** POSIX keeps unlinked open files; Windows refuses to delete them. */
    @Override
    protected boolean handlesSurviveDelete() {
        return !System.getProperty("os.name").startsWith("Windows");
    }
}
