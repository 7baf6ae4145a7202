package io.cloudmount.app.secrets;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The explicit fallback: secrets in {@code secrets.json} beside the configuration, readable only by
 * the user (mode 0600, set before a byte is written). Base64 only keeps them from being read over a
 * shoulder; it is not encryption, which is why {@link #isSecure()} is false and the UI says so.
 */
public final class FileSecretStore implements SecretStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path file;

    public FileSecretStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<String> get(String key) throws SecretStoreException {
        String encoded = read().get(key);
        return encoded == null ? Optional.empty()
                : Optional.of(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void put(String key, String secret) throws SecretStoreException {
        TreeMap<String, String> all = read();
        all.put(key, Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        write(all);
    }

    @Override
    public synchronized void delete(String key) throws SecretStoreException {
        TreeMap<String, String> all = read();
        if (all.remove(key) != null) {
            write(all);
        }
    }

    @Override
    public String description() {
        return "a file only you can read (" + file + ")";
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    private TreeMap<String, String> read() throws SecretStoreException {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<TreeMap<String, String>>() { });
        } catch (IOException e) {
            throw new SecretStoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(TreeMap<String, String> all) throws SecretStoreException {
        try {
            Files.createDirectories(file.getParent());
            Path temp = POSIX
                    ? Files.createTempFile(file.getParent(), "secrets", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(file.getParent(), "secrets", ".tmp");
            Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new SecretStoreException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
