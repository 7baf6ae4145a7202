package io.cloudmount.app.secrets;

/** The secret store could not be used; the message says why (never the secret). */
public final class SecretStoreException extends Exception {
    public SecretStoreException(String message) {
        super(message);
    }

    public SecretStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
