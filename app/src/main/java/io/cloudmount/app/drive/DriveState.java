package io.cloudmount.app.drive;

/** Where a drive is in its life; transitions are made by {@link DriveStateMachine}. */
public enum DriveState {
    UNMOUNTED("Not mounted"),
    MOUNTING("Mounting…"),
    MOUNTED("Mounted"),
    UNMOUNTING("Unmounting…"),
    ERROR("Error");

    private final String label;

    DriveState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A mount or unmount is under way: neither may start now. */
    public boolean isBusy() {
        return this == MOUNTING || this == UNMOUNTING;
    }

    /** A mount may start (after an error the user may retry). */
    public boolean canMount() {
        return this == UNMOUNTED || this == ERROR;
    }
}
