package io.cloudmount.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code cloudmount} with no arguments: the app when there is a display, one instance at a time, else the usage. */
@ExtendWith(XvfbDisplay.class)
class LauncherIT {
    @TempDir
    Path config;

    @Test
    void noArgumentsOpenTheAppAndASecondLaunchBringsItForward() throws Exception {
        Process first = launch(Map.of()).start();
        try {
            Path log = config.resolve("logs/cloudmount.log");
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(log)
                    && Files.readString(log).contains("CloudMount started"));

            Process second = launch(Map.of()).start();
            String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(second.exitValue()).isZero();
            assertThat(output).contains("CloudMount is already running; its window was brought forward.");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    Files.readString(log).contains("Another launch of CloudMount asked for the window"));
        } finally {
            first.destroy();
            first.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutADisplayTheUsageIsPrinted() throws Exception {
        ProcessBuilder builder = launch(Map.of());
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).startsWith("Usage: cloudmount");
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void anUnusableDisplayFallsBackToTheUsage() throws Exception {
        Process process = launch(Map.of("DISPLAY", ":4711")).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("cloudmount: cannot open a window").contains("Usage: cloudmount");
    }

    private ProcessBuilder launch(Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dprism.order=sw", "-Dcloudmount.config.dir=" + config,
                "-Dcloudmount.secrets=file", "-cp", System.getProperty("java.class.path"), "io.cloudmount.app.Main"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        return builder;
    }
}
