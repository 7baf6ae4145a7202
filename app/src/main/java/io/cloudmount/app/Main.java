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
        warnIfNamesCannotBeUnicode();
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
     * The JVM reads and writes file names in the locale's charset: under {@code LANG=C} that is ASCII,
     * and a local drive could neither show nor create non-ASCII names. {@code ./cloudmount} sets a
     * UTF-8 locale; whoever starts the JVM otherwise is told. (Windows names are UTF-16 anyway.)
     */
    private static void warnIfNamesCannotBeUnicode() {
        String charset = System.getProperty("sun.jnu.encoding", "UTF-8");
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        if (!windows && !charset.equalsIgnoreCase("UTF-8")) {
            System.err.println("cloudmount: warning: file names are read as " + charset + ", not UTF-8, so non-ASCII"
                    + " names in local folders cannot be used; start CloudMount with a UTF-8 locale (LANG=C.UTF-8)");
        }
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
