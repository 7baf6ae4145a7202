package io.cloudmount.app.cli;

import io.cloudmount.app.drive.Bytes;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.StorageProvider;
import io.cloudmount.provider.local.LocalProvider;
import io.cloudmount.provider.memory.MemoryProvider;
import io.cloudmount.provider.s3.S3StorageProvider;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds the store for a {@link Source}. */
final class DriveFactory {
    private DriveFactory() {
    }

    static StorageProvider open(Source source, long memoryCapacity, S3Options s3, Path cacheDirectory) throws CliFailure {
        if (source instanceof Source.Memory) {
            // ByteSize takes any size, and a fraction of a byte (0.4) rounds down to none.
            if (memoryCapacity <= 0) {
                throw new CliFailure(ExitCode.USAGE, "--capacity must be larger than 0 bytes");
            }
            if (memoryCapacity > MemoryProvider.largestCapacity()) {
                throw new CliFailure(ExitCode.USAGE, "--capacity " + Bytes.format(memoryCapacity) + " is more than"
                        + " this process can keep in memory (at most " + Bytes.format(MemoryProvider.largestCapacity())
                        + " with its heap); lower it, or give Java a larger heap: CLOUDMOUNT_JAVA_OPTS=-Xmx…");
            }
            return MemoryProvider.withCapacity(memoryCapacity);
        }
        if (source instanceof Source.Local local) {
            if (!Files.exists(local.folder())) {
                throw new CliFailure(ExitCode.SOURCE_UNAVAILABLE, "local source " + local.folder() + " does not exist");
            }
            if (!Files.isDirectory(local.folder())) {
                throw new CliFailure(ExitCode.SOURCE_UNAVAILABLE, "local source " + local.folder() + " is not a folder");
            }
            try {
                return new LocalProvider(local.folder());
            } catch (ProviderException e) {
                throw new CliFailure(ExitCode.SOURCE_UNAVAILABLE, "local source " + local.folder() + ": " + e.getMessage());
            }
        }
        Source.S3 bucket = (Source.S3) source;
        String warning = s3.insecureEndpointWarning();
        if (warning != null) {
            System.err.println("cloudmount: " + warning);
        }
        return new S3StorageProvider(s3.settings(bucket).toBuilder().modTimesKeptIn(cacheDirectory).build());
    }
}
