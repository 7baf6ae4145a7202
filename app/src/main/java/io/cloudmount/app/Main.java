package io.cloudmount.app;

import io.cloudmount.app.cli.CloudMountCommand;
import io.cloudmount.app.config.AppPaths;
import io.cloudmount.app.config.ConfiguredMount;
import io.cloudmount.app.ui.CloudMountApp;

/**
 * {@code cloudmount}: with no arguments and a display, the tray app; otherwise the CLI
 * ({@code cloudmount mount|unmount|list ...}, usage when no command is given). {@code cloudmount demo}
 * opens the app, or without a display mounts an in-memory drive at ~/CloudMount.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        boolean demo = args.length == 1 && args[0].equals("demo");
        if ((args.length == 0 || demo) && CloudMountApp.displayAnnounced()) {
            int code = CloudMountApp.run();
            if (code != CloudMountApp.NO_DISPLAY) {
                System.exit(code);
            }
        }
        if (demo) {
            args = demoMount();
        }
        System.exit(CloudMountCommand.run(ConfiguredMount.expand(args, AppPaths.forCurrentUser())));
    }

    /**
     * {@code cloudmount demo} without a display: an in-memory drive at ~/CloudMount (no account needed),
     * served until Ctrl+C, so the README's one command shows a working drive on any machine.
     */
    private static String[] demoMount() throws java.io.IOException {
        java.nio.file.Path folder = java.nio.file.Path.of(System.getProperty("user.home"), "CloudMount");
        java.nio.file.Files.createDirectories(folder);
        System.out.println("No display: mounting an in-memory demo drive at " + folder + " (Ctrl+C unmounts it)");
        return new String[] {"mount", "memory:", folder.toString(), "--volume-name", "CloudMount-demo"};
    }
}
