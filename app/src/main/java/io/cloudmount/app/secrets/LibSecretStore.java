package io.cloudmount.app.secrets;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.Optional;

/**
 * The Secret Service (GNOME Keyring, KWallet, KeePassXC) through libsecret ({@code libsecret-1.so.0})
 * called with JNA, using libsecret's simple password API and a schema of our own whose attributes
 * ({@code application=cloudmount}, {@code key=...}) find the item again.
 */
public final class LibSecretStore implements SecretStore {
    static final String APPLICATION_ATTRIBUTE = "application";
    static final String APPLICATION = "cloudmount";
    private static final String SCHEMA_NAME = "io.cloudmount.Secret";

    /** libsecret's {@code secret_password_*_sync} calls; the trailing varargs are NULL-terminated name/value pairs. */
    interface LibSecret extends Library {
        int secret_password_store_sync(Pointer schema, String collection, String label, String password,
                                       Pointer cancellable, PointerByReference error, Object... attributes);

        Pointer secret_password_lookup_sync(Pointer schema, Pointer cancellable, PointerByReference error,
                                            Object... attributes);

        int secret_password_clear_sync(Pointer schema, Pointer cancellable, PointerByReference error,
                                       Object... attributes);

        void secret_password_free(Pointer password);
    }

    interface GLib extends Library {
        void g_error_free(Pointer error);
    }

    private final LibSecret lib;
    private final GLib glib;
    /** The SecretSchema struct; kept in a field because libsecret holds on to it between calls. */
    private final Memory schema;
    // Strings the schema points to: JNA frees a Memory once it is unreachable.
    private final Memory schemaName;
    private final Memory applicationName;
    private final Memory keyName;

    private LibSecretStore(LibSecret lib, GLib glib) {
        this.lib = lib;
        this.glib = glib;
        this.schemaName = cString(SCHEMA_NAME);
        this.applicationName = cString(APPLICATION_ATTRIBUTE);
        this.keyName = cString("key");
        // struct SecretSchema { const gchar *name; SecretSchemaFlags flags;
        //   struct { const gchar *name; SecretSchemaAttributeType type; } attributes[32];
        //   gint reserved; gpointer reserved1..7; } — 592 bytes on LP64.
        this.schema = new Memory(8 + 8 + 32 * 16 + 8 + 7 * 8);
        schema.clear();
        schema.setPointer(0, schemaName);
        schema.setInt(8, 0); // SECRET_SCHEMA_NONE
        schema.setPointer(16, applicationName);
        schema.setInt(24, 0); // SECRET_SCHEMA_ATTRIBUTE_STRING
        schema.setPointer(32, keyName);
        schema.setInt(40, 0);
    }

    /**
     * Loads libsecret and checks that a Secret Service answers (a lookup of an absent item).
     *
     * @throws SecretStoreException when the library is missing or no service runs on the session bus
     */
    public static LibSecretStore open() throws SecretStoreException {
        if (Native.POINTER_SIZE != 8) {
            throw new SecretStoreException("the libsecret binding is written for 64-bit systems");
        }
        LibSecretStore store;
        try {
            store = new LibSecretStore(Native.load("secret-1", LibSecret.class), Native.load("glib-2.0", GLib.class));
        } catch (UnsatisfiedLinkError e) {
            throw new SecretStoreException("libsecret is not installed (sudo apt-get install libsecret-1-0)", e);
        }
        store.get("probe/not-a-real-key");
        return store;
    }

    @Override
    public Optional<String> get(String key) throws SecretStoreException {
        PointerByReference error = new PointerByReference();
        Pointer found = lib.secret_password_lookup_sync(schema, null, error, attributes(key));
        check(error, "look up");
        if (found == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(found.getString(0, "UTF-8"));
        } finally {
            lib.secret_password_free(found); // wipes the copy libsecret made
        }
    }

    @Override
    public void put(String key, String secret) throws SecretStoreException {
        PointerByReference error = new PointerByReference();
        // A null collection means the default one (the "login" keyring).
        lib.secret_password_store_sync(schema, null, "CloudMount " + key, secret, null, error, attributes(key));
        check(error, "store");
    }

    @Override
    public void delete(String key) throws SecretStoreException {
        PointerByReference error = new PointerByReference();
        lib.secret_password_clear_sync(schema, null, error, attributes(key));
        check(error, "delete");
    }

    @Override
    public String description() {
        return "the Secret Service (GNOME Keyring, KWallet)";
    }

    @Override
    public boolean isSecure() {
        return true;
    }

    private static Object[] attributes(String key) {
        return new Object[] {APPLICATION_ATTRIBUTE, APPLICATION, "key", key, null};
    }

    /** Turns a GError into an exception (GError: guint32 domain; gint code; gchar *message). */
    private void check(PointerByReference error, String what) throws SecretStoreException {
        Pointer gerror = error.getValue();
        if (gerror == null) {
            return;
        }
        Pointer text = gerror.getPointer(8);
        String message = text == null ? "unknown error" : text.getString(0, "UTF-8");
        glib.g_error_free(gerror);
        throw new SecretStoreException("the Secret Service could not " + what + " the secret: " + message);
    }

    private static Memory cString(String value) {
        byte[] bytes = Native.toByteArray(value, "UTF-8");
        Memory memory = new Memory(bytes.length);
        memory.write(0, bytes, 0, bytes.length);
        return memory;
    }
}
