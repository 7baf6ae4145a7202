package io.cloudmount.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code cloudmount list}: drives mounted by this user, one per line: mount point, source, process id. */
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
        return ExitCode.OK;
    }
}
