package io.cloudmount.engine.names;

import io.cloudmount.provider.StorageProvider;
import io.cloudmount.provider.conformance.StorageProviderContract;
import io.cloudmount.provider.memory.MemoryProvider;
import java.util.List;

/**
 * The whole provider contract through the stack a Windows drive uses ({@link DriveNaming#WINDOWS}):
 * case-insensitive lookups over the name encoding, over memory. The contract's names differ in more
 * than case, so it holds unchanged.
 */
class WindowsDriveConformanceTest extends StorageProviderContract {

    @Override
    protected StorageProvider newProvider() {
        return DriveNaming.WINDOWS.present(MemoryProvider.builder().capacity(1L << 30).listPageSize(500).build());
    }

    @Override
    protected boolean handlesSurviveDelete() {
        return true;
    }

    /** Encoded, as in {@link NameEncodingProviderConformanceTest}: the drive shows and takes encoded names. */
    @Override
    protected List<String> exoticNames() {
        return super.exoticNames().stream().map(WindowsNameCodec::encode).toList();
    }

    /** Each create of a new name lists the directory once to look for another case of it. */
    @Override
    protected int manyEntriesCount() {
        return 300;
    }
}
