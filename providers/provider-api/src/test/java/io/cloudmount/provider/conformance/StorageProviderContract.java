package io.cloudmount.provider.conformance;

import io.cloudmount.provider.StorageProvider;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link StorageProvider} must pass. Extend it once per provider and implement
 * {@link #newProvider()}; the {@code @Nested} classes below run the whole contract against it.
 *
 * <p>Each test gets a fresh provider whose root is empty, and {@link #cleanup} runs after it.
 * Hooks with defaults ({@link #handlesSurviveDelete()}, {@link #exoticNames()},
 * {@link #manyEntriesCount()}) let a provider state what it can honestly promise; they are the only
 * knobs, capabilities decide the rest.
 */
public abstract class StorageProviderContract {

    /** Local scratch space for {@link StorageProvider#upload} sources. */
    @TempDir
    Path scratch;

    private StorageProvider provider;

    /** A new provider with an empty root; called once per test. */
    protected abstract StorageProvider newProvider() throws Exception;

    /** Releases what {@link #newProvider()} created. The default closes the provider. */
    protected void cleanup(StorageProvider provider) throws Exception {
        provider.close();
    }

    /**
     * True if an open handle keeps reading the data it opened after the object was deleted or
     * replaced by a rename (POSIX unlink semantics). Stores that stream from the remote object on each
     * read cannot promise this.
     */
    protected boolean handlesSurviveDelete() {
        return false;
    }

    /**
     * File names that must round-trip through create, list, stat and read. Override only to drop
     * names the store cannot hold, and say why in the override.
     */
    protected List<String> exoticNames() {
        return List.of(
                "with space", "emoji \uD83D\uDE00 face", "hash#tag", "what?", "100% sure", "a&b", "1+1=2",
                "\u65E5\u672C\u8A9E", "caf\u00E9", "brackets [x] {y} (z)", "quote'single", "semi;colon",
                "comma,dot.name", "tilde~dollar$", "at@caret^", " leading space", "UPPER lower");
    }

    /** How many files the paging test creates; enough to need more than one page on paging stores. */
    protected int manyEntriesCount() {
        return 1200;
    }

    @BeforeEach
    final void createProvider() throws Exception {
        provider = newProvider();
    }

    @AfterEach
    final void cleanupProvider() throws Exception {
        if (provider != null) {
            cleanup(provider);
        }
    }

    final StorageProvider provider() {
        return provider;
    }

    final Path scratch() {
        return scratch;
    }

    // One nested class per area; each only binds its contract to this kit.

    @Nested
    class Namespace extends NamespaceContract {
        @Override
        StorageProviderContract kit() {
            return StorageProviderContract.this;
        }
    }

    @Nested
    class Listing extends ListingContract {
        @Override
        StorageProviderContract kit() {
            return StorageProviderContract.this;
        }
    }

    @Nested
    class Reading extends ReadContract {
        @Override
        StorageProviderContract kit() {
            return StorageProviderContract.this;
        }
    }

    @Nested
    class Uploading extends UploadContract {
        @Override
        StorageProviderContract kit() {
            return StorageProviderContract.this;
        }
    }

    @Nested
    class Renaming extends RenameContract {
        @Override
        StorageProviderContract kit() {
            return StorageProviderContract.this;
        }
    }

    @Nested
    class KnownLayout extends KnownLayoutContract {
        @Override
        StorageProviderContract kit() {
            return StorageProviderContract.this;
        }
    }

    @Nested
    class RandomWrites extends RandomWriteContract {
        @Override
        StorageProviderContract kit() {
            return StorageProviderContract.this;
        }
    }

    @Nested
    class HandleLifetime extends HandleLifetimeContract {
        @Override
        StorageProviderContract kit() {
            return StorageProviderContract.this;
        }
    }

    @Nested
    class Metadata extends MetadataContract {
        @Override
        StorageProviderContract kit() {
            return StorageProviderContract.this;
        }
    }

    @Nested
    class Copying extends CopyContract {
        @Override
        StorageProviderContract kit() {
            return StorageProviderContract.this;
        }
    }

    @Nested
    class PathValidation extends PathValidationContract {
        @Override
        StorageProviderContract kit() {
            return StorageProviderContract.this;
        }
    }
}
