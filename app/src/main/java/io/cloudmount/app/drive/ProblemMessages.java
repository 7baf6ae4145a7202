package io.cloudmount.app.drive;

import io.cloudmount.fuse.MountException;
import io.cloudmount.provider.ProviderException;

/**
 * Turns failures into one sentence a user can act on. Providers and the mount engine already put the
 * specifics (which bucket, which endpoint, which folder) into their messages; this adds the headline
 * and drops the technical prefix. Nothing here ever shows a stack trace or a secret.
 */
public final class ProblemMessages {
    private ProblemMessages() {
    }

    public static String of(Throwable failure) {
        if (failure instanceof DriveProblem problem) {
            return problem.getMessage();
        }
        if (failure instanceof ProviderException provider) {
            return of(provider);
        }
        if (failure instanceof MountException mount) {
            return mount.getMessage();
        }
        return "Unexpected " + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage()) + " (details in the log)";
    }

    static String of(ProviderException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return switch (e.kind()) {
            case ACCESS_DENIED -> "Access denied: " + parenthesised(message);
            case NOT_FOUND -> message.contains("bucket") ? "Bucket not found: " + parenthesised(message)
                    : "Not found: " + e.path();
            case UNAVAILABLE -> "Cannot reach the storage: " + afterPrefix(message);
            case NO_SPACE -> "The storage is full: " + afterPrefix(message);
            default -> "The storage reported a problem: " + message;
        };
    }

    /** "access denied: / (the secret key does not match ...)" → "the secret key does not match ...". */
    private static String parenthesised(String message) {
        int open = message.indexOf(" (");
        return open >= 0 && message.endsWith(")") ? message.substring(open + 2, message.length() - 1) : afterPrefix(message);
    }

    /** "store unavailable for /: cannot connect to ..." → "cannot connect to ...". */
    private static String afterPrefix(String message) {
        int colon = message.indexOf(": ");
        return colon >= 0 ? message.substring(colon + 2) : message;
    }
}
