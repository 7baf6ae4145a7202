package io.cloudmount.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** {@code cloudmount} run as a separate process, as a user runs it, with its own runtime directory. */
final class CliProcess implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();

    private CliProcess(Process process) {
        this.process = process;
        pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true);
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false);
    }

    static CliProcess start(Path runtimeDir, List<String> jvmOptions, String... args) throws IOException {
        return start(runtimeDir, java.util.Map.of(), jvmOptions, args);
    }

    /**
     * With extra environment variables. Every inherited AWS_* variable is removed first, so that a
     * developer's or CI's AWS settings never reach a test.
     */
    static CliProcess start(Path runtimeDir, java.util.Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.cloudmount.app.Main");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().put("XDG_RUNTIME_DIR", runtimeDir.toString());
        builder.environment().put("XDG_CACHE_HOME", runtimeDir.resolve("cache").toString());
        builder.environment().putAll(env);
        return new CliProcess(builder.start());
    }

    static CliProcess start(Path runtimeDir, String... args) throws IOException {
        return start(runtimeDir, List.of(), args);
    }

    /** Runs a command to completion and returns its exit code. */
    static Finished run(Path runtimeDir, String... args) throws Exception {
        return run(runtimeDir, List.of(), args);
    }

    static Finished run(Path runtimeDir, List<String> jvmOptions, String... args) throws Exception {
        try (CliProcess cli = start(runtimeDir, jvmOptions, args)) {
            int code = cli.waitFor(Duration.ofSeconds(60));
            return new Finished(code, String.join("\n", cli.stdoutLines()), cli.stderr());
        }
    }

    record Finished(int exitCode, String stdout, String stderr) {
    }

    /** Waits for a stdout line containing {@code text}; fails with everything printed so far. */
    String awaitLine(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = stdout.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.contains(text)) {
                return line;
            }
            if (line == null && !process.isAlive() && stdout.isEmpty()) {
                break;
            }
        }
        throw new AssertionError("no line with '" + text + "' within " + timeout + "; stderr:\n" + stderr);
    }

    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("cloudmount did not exit within " + timeout + "; stderr:\n" + stderr);
        }
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    List<String> stdoutLines() {
        List<String> lines = new ArrayList<>();
        stdout.drainTo(lines);
        return lines;
    }

    String stderr() {
        return stderr.toString();
    }

    private void pump(BufferedReader reader, boolean out) {
        Thread t = new Thread(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (out) {
                        stdout.add(line);
                    } else {
                        stderr.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "cli-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
