package io.cloudmount.app.cli;

/** A failure the CLI reports as one line and an exit code, without a stack trace. */
final class CliFailure extends Exception {
    private final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
