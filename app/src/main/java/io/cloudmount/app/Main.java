package io.cloudmount.app;

import io.cloudmount.app.cli.CloudMountCommand;

/** {@code cloudmount [command]}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(CloudMountCommand.run(args));
    }
}
