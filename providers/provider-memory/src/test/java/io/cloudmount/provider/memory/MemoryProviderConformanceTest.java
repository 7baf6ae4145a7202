package io.cloudmount.provider.memory;

import io.cloudmount.provider.StorageProvider;
import io.cloudmount.provider.conformance.StorageProviderContract;

class MemoryProviderConformanceTest extends StorageProviderContract {

    @Override
    protected StorageProvider newProvider() {
        // A small page size makes the paging test cross several pages.
        return MemoryProvider.builder().capacity(1L << 30).listPageSize(500).build();
    }

    @Override
    protected boolean handlesSurviveDelete() {
        return true;
    }
}
