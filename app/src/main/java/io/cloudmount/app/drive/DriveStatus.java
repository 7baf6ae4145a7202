package io.cloudmount.app.drive;

import java.util.Objects;

/**
 * A drive's state plus, for {@link DriveState#ERROR}, a sentence the user can act on (never a stack
 * trace), and for {@link DriveState#MOUNTED} where it is mounted.
 */
public record DriveStatus(DriveState state, String message) {
    public static final DriveStatus UNMOUNTED = new DriveStatus(DriveState.UNMOUNTED, "");

    public DriveStatus {
        Objects.requireNonNull(state, "state");
        message = message == null ? "" : message;
    }

    public static DriveStatus of(DriveState state) {
        return new DriveStatus(state, "");
    }

    public static DriveStatus error(String message) {
        return new DriveStatus(DriveState.ERROR, message);
    }

    /** What the state column shows. */
    public String describe() {
        return message.isEmpty() ? state.label() : state.label() + ": " + message;
    }
}
