package io.cloudmount.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command. Errors are printed as one line: {@code cloudmount: <what is wrong>}. */
@Command(name = "cloudmount", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Mounts storage (memory, a local folder, S3) as a drive.",
        subcommands = {MountCommand.class, UnmountCommand.class, ListCommand.class})
public final class CloudMountCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CloudMountCommand());
        cli.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("cloudmount: " + ex.getMessage()
                    + " (see: " + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof CliFailure failure) {
                commandLine.getErr().println("cloudmount: " + failure.getMessage());
                return failure.exitCode();
            }
            throw ex;
        });
        return cli;
    }
}
