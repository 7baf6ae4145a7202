package io.cloudmount.engine;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * A tmpfs of a few MiB mounted for one test, to run the cache on a disk that really fills up (a full
 * disk cannot be simulated for the record writes, which go straight to the file system). Needs root
 * and {@code mount}: the test is skipped where it cannot mount one.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path root;
    private final Path filler;

    private SmallDisk(Path root) {
        this.root = root;
        this.filler = root.resolve("filler");
    }

    /** Mounts a tmpfs of {@code mebibytes} at a new folder under {@code parent}, or skips the test. */
    public static SmallDisk mount(Path parent, int mebibytes) throws IOException, InterruptedException {
        assumeTrue("Linux".equals(System.getProperty("os.name")), "tmpfs needs Linux");
        Path root = Files.createDirectories(parent.resolve("small-disk"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + mebibytes + "m", "tmpfs", root.toString()),
                "cannot mount a tmpfs here (not root?)");
        return new SmallDisk(root);
    }

    public Path root() {
        return root;
    }

    /** Fills what is left of the disk with a file of its own, until the disk refuses another byte. */
    public void fill() throws IOException {
        ByteBuffer block = ByteBuffer.allocate(64 << 10);
        try (FileChannel out = FileChannel.open(filler, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            while (true) {
                block.clear();
                try {
                    out.write(block);
                } catch (IOException e) {
                    if (String.valueOf(e.getMessage()).contains("No space left")) {
                        break;
                    }
                    throw e;
                }
            }
        }
        // Also the last partial block: a write of a single byte must fail now.
        try (FileChannel out = FileChannel.open(filler, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            while (true) {
                out.write(ByteBuffer.allocate(1));
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
    }

    /** Gives back what {@link #fill()} took. */
    public void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", root.toString());
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0;
    }
}
