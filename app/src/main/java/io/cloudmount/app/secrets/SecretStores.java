package io.cloudmount.app.secrets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the best secret store of this machine: DPAPI on Windows; on Linux the Secret Service through
 * libsecret, else through secret-tool; else the warned fallback file. The system property
 * {@code cloudmount.secrets} ({@code file}, {@code libsecret}, {@code secret-tool}) forces one.
 * May block for a few seconds (D-Bus): call it off the FX thread.
 */
public final class SecretStores {
    private static final Logger LOG = LoggerFactory.getLogger(SecretStores.class);

    private SecretStores() {
    }

    public static SecretStore detect(Path configDir) {
        Path fallback = configDir.resolve("secrets.json");
        String forced = System.getProperty("cloudmount.secrets", "").toLowerCase(Locale.ROOT);
        if (forced.equals("file")) {
            return new FileSecretStore(fallback);
        }
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return new WindowsDpapiStore(configDir.resolve("secrets.dpapi.json"));
        }
        if (!forced.equals("secret-tool")) {
            try {
                return LibSecretStore.open();
            } catch (SecretStoreException | RuntimeException | LinkageError e) {
                LOG.info("libsecret is not usable ({}); trying secret-tool", e.getMessage());
            }
        }
        Path secretTool = Path.of("/usr/bin/secret-tool");
        if (Files.isExecutable(secretTool)) {
            SecretToolStore store = new SecretToolStore(secretTool.toString(), Map.of());
            try {
                store.get("probe/not-a-real-key");
                return store;
            } catch (SecretStoreException e) {
                LOG.info("secret-tool is not usable ({})", e.getMessage());
            }
        }
        LOG.warn("No Secret Service is running: S3 secret keys are kept in {}, readable by anything that can read"
                + " your files. Install and start gnome-keyring (or KWallet) to keep them safer.", fallback);
        return new FileSecretStore(fallback);
    }
}
