package io.cloudmount.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code cloudmount list}: drives mounted by this user, one per line: mount point, source, process id;
 * then the drives configured in the app.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists mounted CloudMount drives.")
final class ListCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        List<MountRegistry.Entry> entries = MountRegistry.forCurrentUser().all();
        if (entries.isEmpty()) {
            System.out.println("No CloudMount drives are mounted.");
        }
        for (MountRegistry.Entry entry : entries) {
            System.out.println(entry.mountPoint() + "\t" + entry.source() + "\tpid " + entry.pid());
        }
        printConfiguredDrives();
        return ExitCode.OK;
    }

    /** The drives configured in the app, which {@code cloudmount mount NAME} mounts: name, storage, mount point. */
    private static void printConfiguredDrives() {
        io.cloudmount.app.config.ConfigStore config = io.cloudmount.app.config.ConfigStore.forCurrentUser();
        List<io.cloudmount.app.drive.DriveConfig> drives;
        try {
            drives = config.load().drives();
        } catch (java.io.IOException e) {
            System.err.println("cloudmount: cannot read the configured drives in " + config.file() + ": " + e.getMessage());
            return;
        }
        if (drives.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("Configured drives (cloudmount mount NAME):");
        for (io.cloudmount.app.drive.DriveConfig drive : drives) {
            System.out.println(drive.name() + "\t" + drive.storage().kindLabel() + " " + drive.storage().describe()
                    + "\t" + drive.mountPoint());
        }
    }
}
