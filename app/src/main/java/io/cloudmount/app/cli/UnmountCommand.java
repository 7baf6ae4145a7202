package io.cloudmount.app.cli;

import io.cloudmount.app.system.DriveUsers;
import io.cloudmount.fuse.MountTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cloudmount unmount MOUNTPOINT}: asks the CloudMount process serving the mount to unmount
 * (SIGTERM: it finishes what it has to and exits cleanly) and waits until the mount is gone. A FUSE
 * mount without a live CloudMount process behind it is unmounted directly.
 */
@Command(name = "unmount", aliases = "umount", mixinStandardHelpOptions = true,
        description = "Unmounts a drive mounted by cloudmount mount.")
final class UnmountCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MOUNTPOINT")
    Path mountPoint;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3600",
            description = "How long to wait for pending uploads and the unmount (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--no-wait", description = "Do not wait for pending uploads: they stay journaled and resume at the next mount.")
    boolean noWait;

    @Option(names = "--force", description = "Unmount even while programs use the drive: they get errors, and what they"
            + " have not saved yet is lost.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        Path target = MountTable.canonical(mountPoint); // the mount registered it so, links resolved
        Optional<MountRegistry.Entry> entry = MountRegistry.forCurrentUser().find(target);
        if (entry.isPresent()) {
            MountRegistry registry = MountRegistry.forCurrentUser();
            ProcessHandle process = ProcessHandle.of(entry.get().pid()).orElse(null);
            String outcome = "";
            if (process != null && process.isAlive()) {
                refuseIfInUse(target, process.pid());
                if (noWait) {
                    Files.writeString(registry.noWaitFile(target), "no-wait\n");
                }
                process.destroy(); // SIGTERM: the process finishes pending uploads, then unmounts
                awaitExit(process, registry.statusFile(target), target);
                Path status = registry.statusFile(target);
                outcome = Files.exists(status) ? Files.readString(status).trim() : "";
            }
            Files.deleteIfExists(registry.noWaitFile(target));
            Files.deleteIfExists(registry.statusFile(target));
            awaitGone(target, Duration.ofSeconds(10));
            System.out.println("Unmounted " + target);
            if (outcome.startsWith(UploadDrain.FAILED_MARK)) {
                System.err.println("cloudmount: " + outcome.substring(UploadDrain.FAILED_MARK.length()));
                return ExitCode.FAILED;
            }
            return ExitCode.OK;
        }
        Optional<MountTable.Entry> mounted = MountTable.find(target);
        if (mounted.isEmpty()) {
            throw new CliFailure(ExitCode.NOT_MOUNTED, target + " is not mounted");
        }
        if (!mounted.get().isFuse()) {
            throw new CliFailure(ExitCode.NOT_MOUNTED, target + " is a " + mounted.get().type() + " mount, not a CloudMount drive");
        }
        unmountOrphan(target);
        System.out.println("Unmounted " + target);
        return ExitCode.OK;
    }

    /** As {@code umount}: a drive that programs still use is left alone, unless {@code --force}. */
    private void refuseIfInUse(Path target, long mountProcess) throws CliFailure {
        if (force) {
            return;
        }
        List<DriveUsers.User> users = DriveUsers.of(target).stream().filter(u -> u.pid() != mountProcess).toList();
        if (!users.isEmpty()) {
            throw new CliFailure(ExitCode.BUSY, "the drive at " + target + " is in use by "
                    + users.stream().map(DriveUsers.User::toString).collect(Collectors.joining("; "))
                    + ". Close those files and folders, or unmount with --force");
        }
    }

    /** A FUSE mount whose process is gone or unknown: fusermount3 -u, and lazily if it is dead. */
    private void unmountOrphan(Path target) throws CliFailure, IOException, InterruptedException {
        if (MountTable.isStale(target)) {
            if (!MountTable.lazyUnmount(target)) {
                throw new CliFailure(ExitCode.FAILED, "could not clear the dead mount at " + target);
            }
            return;
        }
        refuseIfInUse(target, -1);
        Process process = new ProcessBuilder("fusermount3", "-u", target.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new CliFailure(ExitCode.FAILED, "could not unmount " + target + ": " + output);
        }
    }

    /** Waits for the mount process, printing its upload progress whenever it changes. */
    private void awaitExit(ProcessHandle process, Path statusFile, Path target) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        String shown = "";
        while (true) {
            try {
                process.onExit().get(1, TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                String status = Files.exists(statusFile) ? Files.readString(statusFile).trim() : "";
                if (!status.isEmpty() && !status.equals(shown) && !status.startsWith(UploadDrain.FAILED_MARK)) {
                    System.out.println(status);
                    shown = status;
                }
                if (System.nanoTime() > deadline) {
                    throw new CliFailure(ExitCode.FAILED, "the drive at " + target + " did not unmount within "
                            + timeoutSeconds + " s (process " + process.pid() + " still running); "
                            + "cloudmount unmount --no-wait leaves pending uploads for the next mount");
                }
            }
        }
    }

    private static void awaitGone(Path target, Duration timeout) throws InterruptedException, CliFailure {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (MountTable.find(target).filter(MountTable.Entry::isFuse).isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new CliFailure(ExitCode.FAILED, "the mount at " + target + " is still there");
            }
            Thread.onSpinWait();
            TimeUnit.MILLISECONDS.sleep(20); // polling the kernel's mount table: there is nothing to wait on
        }
    }
}
