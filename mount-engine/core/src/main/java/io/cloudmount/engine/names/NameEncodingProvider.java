package io.cloudmount.engine.names;

import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ObjectPaths;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.StorageProvider;

/**
 * Shows a store whose keys Windows cannot display (a {@code ?}, a trailing dot, {@code CON.txt})
 * under {@link WindowsNameCodec encoded} names: paths coming from the drive are decoded before they
 * reach the store, names coming from the store are encoded. The encoding is injective, so every
 * entry keeps a name of its own and none is dropped; listings keep the store's order and page tokens.
 *
 * <p>Failures pass through unchanged, so their {@link ProviderException#path()} names the store
 * path (the decoded one), which is what a log reader needs to find the key. A drive name whose
 * decoding is not a valid store path (the drive name {@code ．}, which decodes to {@code .}) fails
 * with {@link ProviderException.InvalidName} from the store.
 *
 * <p>Stateless and thread-safe.
 */
public final class NameEncodingProvider extends PathMappingProvider {

    public NameEncodingProvider(StorageProvider store) {
        super(store);
    }

    /** Validates first, so a malformed drive path fails the same way with or without this decorator. */
    @Override
    protected String toStore(String drivePath) throws ProviderException.InvalidName {
        return WindowsNameCodec.decodePath(ObjectPaths.requireValid(drivePath));
    }

    @Override
    protected ObjectInfo shown(ObjectInfo info) {
        String name = WindowsNameCodec.encode(info.name());
        return name.equals(info.name()) ? info : info.withName(name);
    }
}
