package io.cloudmount.app.drive;

/** Run in a child JVM (a user namespace, where root may not write into others' folders): prints what prepare says. */
public final class MountFolderProbe {
    private MountFolderProbe() {
    }

    public static void main(String[] args) {
        DriveConfig drive = new DriveConfig("d1", "Photos", new StorageSpec.Memory(1L << 20), args[0], false, false, 0, false);
        try {
            System.out.println("prepared " + MountPoints.prepare(drive));
        } catch (DriveProblem e) {
            System.out.println("problem " + e.getMessage());
        }
    }
}
