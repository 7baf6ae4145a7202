package io.cloudmount.app.secrets;

import java.util.Optional;

/**
 * Where drive secrets (S3 secret keys) live: the OS secret store where there is one, else a file only
 * the user can read, which the UI flags. Keys are opaque strings chosen by the caller
 * ({@code drive/<id>/s3-secret-key}). Calls may block (a keyring may ask to be unlocked): never call
 * them on the FX thread. Implementations never log secrets.
 */
public interface SecretStore {

    Optional<String> get(String key) throws SecretStoreException;

    void put(String key, String secret) throws SecretStoreException;

    /** Removes the secret; removing one that is not there is not an error. */
    void delete(String key) throws SecretStoreException;

    /** Where the secrets go, for people: "the Secret Service (GNOME Keyring, KWallet)". */
    String description();

    /**
     * False for the fallback file: anyone who can read the user's files (a backup, another program)
     * can read the secrets. The UI shows a warning then.
     */
    boolean isSecure();
}
