package io.cloudmount.app.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Secret Service of our own: a private D-Bus session (dbus-launch) with GNOME Keyring unlocked on
 * it, so tests never touch the developer's keyring. Programs reach it through {@link #environment()}.
 */
final class PrivateKeyring implements AutoCloseable {
    private final Map<String, String> environment;
    private final long busPid;

    private PrivateKeyring(Map<String, String> environment, long busPid) {
        this.environment = environment;
        this.busPid = busPid;
    }

    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/dbus-launch")) && Files.isExecutable(Path.of("/usr/bin/gnome-keyring-daemon"))
                && Files.isExecutable(Path.of("/usr/bin/secret-tool"));
    }

    static PrivateKeyring start(Path home) throws IOException, InterruptedException {
        Path runtime = Files.createDirectories(home.resolve("runtime"));
        Map<String, String> env = new HashMap<>(Map.of("HOME", home.toString(), "XDG_RUNTIME_DIR", runtime.toString()));
        Process bus = new ProcessBuilder("dbus-launch", "--sh-syntax").start();
        String out = new String(bus.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        bus.waitFor(10, TimeUnit.SECONDS);
        long pid = -1;
        for (String line : out.split("\n")) {
            // DBUS_SESSION_BUS_ADDRESS='unix:path=...';  and  DBUS_SESSION_BUS_PID=1234;
            String[] parts = line.split("=", 2);
            if (parts.length == 2) {
                String value = parts[1].replaceAll(";$", "").replaceAll("^'|'$", "");
                if (parts[0].equals("DBUS_SESSION_BUS_ADDRESS")) {
                    env.put("DBUS_SESSION_BUS_ADDRESS", value);
                } else if (parts[0].equals("DBUS_SESSION_BUS_PID")) {
                    pid = Long.parseLong(value);
                }
            }
        }
        ProcessBuilder keyring = new ProcessBuilder("gnome-keyring-daemon", "--unlock", "--components=secrets", "--daemonize");
        keyring.environment().putAll(env);
        Process daemon = keyring.start();
        try (var stdin = daemon.getOutputStream()) {
            stdin.write("test-keyring-password".getBytes(StandardCharsets.UTF_8)); // creates and unlocks "login"
        }
        daemon.getInputStream().readAllBytes();
        daemon.waitFor(10, TimeUnit.SECONDS);
        return new PrivateKeyring(Map.copyOf(env), pid);
    }

    Map<String, String> environment() {
        return environment;
    }

    /** Ends the bus; the keyring daemon leaves with it. */
    @Override
    public void close() {
        if (busPid > 0) {
            ProcessHandle.of(busPid).ifPresent(ProcessHandle::destroy);
        }
    }
}
