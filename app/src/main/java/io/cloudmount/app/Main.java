package io.cloudmount.app;

import io.cloudmount.app.cli.CloudMountCommand;
import io.cloudmount.app.config.AppPaths;
import io.cloudmount.app.config.ConfiguredMount;
import io.cloudmount.app.ui.CloudMountApp;

/**
 * {@code cloudmount}: with no arguments and a display, the tray app; otherwise the CLI
 * ({@code cloudmount mount|unmount|list ...}, usage when no command is given).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 && CloudMountApp.displayAnnounced()) {
            int code = CloudMountApp.run();
            if (code != CloudMountApp.NO_DISPLAY) {
                System.exit(code);
            }
        }
        System.exit(CloudMountCommand.run(ConfiguredMount.expand(args, AppPaths.forCurrentUser())));
    }
}
