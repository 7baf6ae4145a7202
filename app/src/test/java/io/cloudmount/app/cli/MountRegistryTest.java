package io.cloudmount.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which process serves a mount point: only the one that registered it, not another that got its PID later. */
class MountRegistryTest {
    @TempDir
    Path dir;

    @Test
    void theRegisteringProcessIsFoundWhileItRuns() throws Exception {
        MountRegistry registry = new MountRegistry(dir.resolve("registry"));
        Path mountPoint = dir.resolve("mnt");

        registry.register(MountRegistry.Entry.ofThisProcess(mountPoint, "memory:"));

        assertThat(registry.find(mountPoint)).get().extracting(MountRegistry.Entry::pid)
                .isEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void aProcessThatOnlyHasTheSamePidIsNotTheOneThatMounted() throws Exception {
        Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
        MountRegistry registry = new MountRegistry(dir.resolve("registry"));
        Path mountPoint = dir.resolve("mnt");
        // What a mount killed with kill -9 leaves, once its PID was given to this (another) process.
        registry.register(new MountRegistry.Entry(mountPoint, ProcessHandle.current().pid(), "memory:",
                started.minusSeconds(3600)));

        assertThat(registry.find(mountPoint)).as("no SIGTERM for a process that never mounted it").isEmpty();
        assertThat(registry.all()).isEmpty();
    }
}
