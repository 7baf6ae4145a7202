package io.cloudmount.app.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Linux Secret Service for real (GNOME Keyring on a private D-Bus), through libsecret and secret-tool. */
class SecretServiceIT {
    @TempDir
    static Path home;
    private static PrivateKeyring keyring;

    @BeforeAll
    static void startKeyring() throws Exception {
        Assumptions.assumeTrue(PrivateKeyring.available(),
                "needs dbus-launch, gnome-keyring-daemon and secret-tool (apt-get install dbus-x11 gnome-keyring libsecret-tools)");
        keyring = PrivateKeyring.start(home);
    }

    @AfterAll
    static void stopKeyring() {
        if (keyring != null) {
            keyring.close();
        }
    }

    @Test
    void secretToolStoresReadsAndDeletes() throws Exception {
        SecretToolStore store = new SecretToolStore("/usr/bin/secret-tool", keyring.environment());

        store.put("drive/1/s3-secret-key", "wJalrXUtnFEMI/K7MDENG");
        assertThat(store.get("drive/1/s3-secret-key")).contains("wJalrXUtnFEMI/K7MDENG");
        store.delete("drive/1/s3-secret-key");
        assertThat(store.get("drive/1/s3-secret-key")).isEmpty();
    }

    @Test
    void libsecretThroughJnaStoresReadsAndDeletes() throws Exception {
        ProcessBuilder child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                LibSecretProbe.class.getName(), "s3cr3t-through-jna"));
        child.environment().putAll(keyring.environment());
        child.environment().remove("DISPLAY"); // no D-Bus autolaunch: the private bus or nothing
        child.redirectErrorStream(true);
        Process process = child.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output).contains("read=s3cr3t-through-jna afterDelete=<missing>");
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void withoutAServiceLibsecretSaysWhy() throws Exception {
        ProcessBuilder child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                LibSecretProbe.class.getName(), "x"));
        child.environment().put("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + home.resolve("no-bus"));
        child.environment().remove("DISPLAY");
        child.redirectErrorStream(true);
        Process process = child.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);

        assertThat(output).contains("SecretStoreException: the Secret Service could not look up the secret");
        assertThat(process.exitValue()).isNotZero();
    }
}
