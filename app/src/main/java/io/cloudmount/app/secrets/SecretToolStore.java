package io.cloudmount.app.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The Secret Service through the {@code secret-tool} command (package libsecret-tools): used when
 * libsecret cannot be loaded in-process. The secret goes through the child's stdin, never its
 * command line (which other users can see in {@code ps}).
 */
public final class SecretToolStore implements SecretStore {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String command;
    private final Map<String, String> environment;
    private final Duration timeout;

    /** {@code environment} adds variables for the child (tests point it at a private D-Bus session). */
    public SecretToolStore(String command, Map<String, String> environment) {
        this(command, environment, TIMEOUT);
    }

    SecretToolStore(String command, Map<String, String> environment, Duration timeout) {
        this.command = command;
        this.environment = Map.copyOf(environment);
        this.timeout = timeout;
    }

    @Override
    public Optional<String> get(String key) throws SecretStoreException {
        Result result = run(null, "lookup", LibSecretStore.APPLICATION_ATTRIBUTE, LibSecretStore.APPLICATION, "key", key);
        if (result.exit == 0) {
            return Optional.of(result.stdout);
        }
        // Exit 1 without a message means "nothing matches"; with one, the service is not there.
        if (!result.stderr.isBlank()) {
            throw new SecretStoreException("secret-tool: " + result.stderr.strip());
        }
        return Optional.empty();
    }

    @Override
    public void put(String key, String secret) throws SecretStoreException {
        Result result = run(secret, "store", "--label=CloudMount " + key,
                LibSecretStore.APPLICATION_ATTRIBUTE, LibSecretStore.APPLICATION, "key", key);
        if (result.exit != 0) {
            throw new SecretStoreException("secret-tool could not store the secret: " + result.stderr.strip());
        }
    }

    @Override
    public void delete(String key) throws SecretStoreException {
        run(null, "clear", LibSecretStore.APPLICATION_ATTRIBUTE, LibSecretStore.APPLICATION, "key", key);
    }

    @Override
    public String description() {
        return "the Secret Service (GNOME Keyring, KWallet) via secret-tool";
    }

    @Override
    public boolean isSecure() {
        return true;
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    private Result run(String stdin, String... args) throws SecretStoreException {
        List<String> cmd = new ArrayList<>();
        cmd.add(command);
        cmd.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(cmd);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            // Read on their own threads: a child that never ends (a locked keyring waiting for its password)
            // keeps its output open, and reading it here would block past the time limit, for ever.
            CompletableFuture<String> out = readAsync(process.getInputStream());
            CompletableFuture<String> err = readAsync(process.getErrorStream());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new SecretStoreException("secret-tool did not answer within " + timeout.toSeconds() + " s"
                        + " (is the keyring waiting to be unlocked?)");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (CompletionException e) {
            throw new SecretStoreException("cannot read what " + command + " answered: " + e.getCause().getMessage(), e);
        } catch (IOException e) {
            throw new SecretStoreException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SecretStoreException("interrupted while talking to secret-tool", e);
        }
    }

    private static CompletableFuture<String> readAsync(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> {
            Thread reader = new Thread(task, "secret-tool-output");
            reader.setDaemon(true);
            reader.start();
        });
    }
}
