package io.cloudmount.app.secrets;

/**
 * Runs in a child JVM whose environment points at a {@link PrivateKeyring} (libsecret reads the bus
 * address from the process environment, which a running JVM cannot change): stores, reads and
 * deletes a secret through {@link LibSecretStore}, and prints what it read.
 */
public final class LibSecretProbe {
    private LibSecretProbe() {
    }

    public static void main(String[] args) throws Exception {
        LibSecretStore store = LibSecretStore.open();
        store.put("drive/probe/s3-secret-key", args[0]);
        String read = store.get("drive/probe/s3-secret-key").orElse("<missing>");
        store.delete("drive/probe/s3-secret-key");
        String afterDelete = store.get("drive/probe/s3-secret-key").orElse("<missing>");
        System.out.println("read=" + read + " afterDelete=" + afterDelete);
    }
}
