package io.cloudmount.fuse.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs ordinary tools (cp, tar, rsync, ...) the way a user would, with a deadline. */
final class Shell {
    record Result(int exitCode, String output) {
    }

    private Shell() {
    }

    static Result run(Path workDir, String script) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", "set -euo pipefail; " + script)
                .directory(workDir.toFile()).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + script);
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static String ok(Path workDir, String script) throws IOException, InterruptedException {
        Result result = run(workDir, script);
        if (result.exitCode() != 0) {
            throw new AssertionError("'" + script + "' failed with " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    static boolean available(String tool) {
        try {
            return run(Path.of("."), "command -v " + tool).exitCode() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
