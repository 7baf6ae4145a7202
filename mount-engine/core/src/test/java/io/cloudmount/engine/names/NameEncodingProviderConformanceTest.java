package io.cloudmount.engine.names;

import io.cloudmount.provider.StorageProvider;
import io.cloudmount.provider.conformance.StorageProviderContract;
import io.cloudmount.provider.memory.MemoryProvider;
import java.util.List;
import java.util.stream.Stream;

/** The whole provider contract through {@link NameEncodingProvider}, over memory. */
class NameEncodingProviderConformanceTest extends StorageProviderContract {

    @Override
    protected StorageProvider newProvider() {
        return new NameEncodingProvider(MemoryProvider.builder().capacity(1L << 30).listPageSize(500).build());
    }

    @Override
    protected boolean handlesSurviveDelete() {
        return true;
    }

    /**
     * The drive's namespace is the encoded one: a name round-trips when it is what a listing shows.
     * So the kit's names go in encoded ({@code what?} as {@code what？}), joined by names that
     * exercise every rule of the encoding. Left out: a fullwidth initial that must be quoted because
     * it would spell a device name ({@code ‛ＣON.txt}); its quote depends on standing first, and
     * the kit prefixes such names to make child names. {@link WindowsNameCodecTest} covers it.
     */
    @Override
    protected List<String> exoticNames() {
        List<String> windowsHostile = List.of("a:b*c", "trailing dot.", "trailing space ", "CON", "nul.txt",
                "lpt\u00B9.log", "tab\tand\u0001ctl", "pipe|lt<gt>q\"bs\\", "already\uFF1Aencoded",
                "quote\u201Bmark", "quote\u201B:", "end\uFF0E");
        return Stream.concat(super.exoticNames().stream(), windowsHostile.stream())
                .map(WindowsNameCodec::encode)
                .toList();
    }
}
