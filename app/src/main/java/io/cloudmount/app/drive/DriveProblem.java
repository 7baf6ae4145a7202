package io.cloudmount.app.drive;

/** A failure whose message is a sentence for the user (what is wrong, what to do); no stack trace is shown. */
public final class DriveProblem extends Exception {
    public DriveProblem(String message) {
        super(message);
    }

    public DriveProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
