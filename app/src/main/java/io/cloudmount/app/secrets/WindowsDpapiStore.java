package io.cloudmount.app.secrets;

import com.sun.jna.platform.win32.Crypt32Util;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * Windows: secrets encrypted with DPAPI for the current user (CryptProtectData), kept in a file under
 * %APPDATA%\CloudMount. Only this Windows account on this machine can decrypt them. Thin on purpose:
 * it cannot be tested here; the file format is the fallback store's, holding ciphertext.
 */
public final class WindowsDpapiStore implements SecretStore {
    private final FileSecretStore file;

    public WindowsDpapiStore(Path file) {
        this.file = new FileSecretStore(file);
    }

    @Override
    public Optional<String> get(String key) throws SecretStoreException {
        Optional<String> sealed = file.get(key);
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] clear = Crypt32Util.cryptUnprotectData(Base64.getDecoder().decode(sealed.get()));
            return Optional.of(new String(clear, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new SecretStoreException("Windows could not decrypt the secret (was it saved by another user?)", e);
        }
    }

    @Override
    public void put(String key, String secret) throws SecretStoreException {
        byte[] sealed = Crypt32Util.cryptProtectData(secret.getBytes(StandardCharsets.UTF_8));
        file.put(key, Base64.getEncoder().encodeToString(sealed));
    }

    @Override
    public void delete(String key) throws SecretStoreException {
        file.delete(key);
    }

    @Override
    public String description() {
        return "Windows Data Protection (DPAPI) for your account";
    }

    @Override
    public boolean isSecure() {
        return true;
    }
}
