package io.cloudmount.fuse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Model-based random testing: the same random operations are applied to the drive under test and to
 * a plain folder (the model); after every step the outcomes (success or the exception type) and the
 * whole trees, contents included, must be equal. On a mismatch the failure names the seed and step,
 * so the run can be replayed.
 */
final class RandomOperations {
    private static final String[] NAMES = {"a", "b", "c", "dir1", "dir2", "x y", "ü"};

    private final Path tested;
    private final Path model;
    private final Random random;
    private final long seed;
    private final List<String> log = new ArrayList<>();

    RandomOperations(Path tested, Path model, long seed) {
        this.tested = tested;
        this.model = model;
        this.seed = seed;
        this.random = new Random(seed);
    }

    void run(int steps) throws IOException {
        for (int step = 0; step < steps; step++) {
            Op op = nextOp();
            String expected = outcome(op, model);
            String actual = outcome(op, tested);
            log.add(step + ": " + op + " -> " + expected);
            assertThat(actual).as(context(step, op)).isEqualTo(expected);
            Map<String, String> actualTree;
            try {
                actualTree = snapshot(tested);
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new AssertionError("walking the drive failed; " + context(step, op), e);
            }
            assertThat(actualTree).as(context(step, op)).isEqualTo(snapshot(model));
        }
    }

    private String context(int step, Op op) {
        int from = Math.max(0, log.size() - 15);
        return "seed " + seed + ", step " + step + ", " + op + "; recent steps:\n" + String.join("\n", log.subList(from, log.size()));
    }

    private record Op(String kind, String path, String other, long offset, int length, byte fill) {
        @Override
        public String toString() {
            return kind + " " + path + (other != null ? " -> " + other : "") + (length > 0 || offset > 0 ? " @" + offset + "+" + length : "");
        }
    }

    private Op nextOp() {
        String[] kinds = {"create", "create", "write", "write", "write", "truncate", "rename", "rename", "mkdir", "rmdir",
            "unlink", "read", "read"};
        String kind = kinds[random.nextInt(kinds.length)];
        long offset = random.nextInt(4) == 0 ? random.nextInt(300_000) : random.nextInt(5000);
        int length = random.nextInt(4) == 0 ? random.nextInt(200_000) : random.nextInt(3000);
        return new Op(kind, randomPath(), kind.equals("rename") ? randomPath() : null, offset, length, (byte) random.nextInt(256));
    }

    private String randomPath() {
        int depth = 1 + random.nextInt(3);
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            path.append(i == 0 ? "" : "/").append(NAMES[random.nextInt(NAMES.length)]);
        }
        return path.toString();
    }

    /** Applies the op under {@code root}; returns "ok ..." or the exception's type. */
    private static String outcome(Op op, Path root) {
        Path p = root.resolve(op.path());
        try {
            switch (op.kind()) {
                case "create" -> Files.write(p, filled(op.length(), op.fill()));
                case "write" -> {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                        ch.write(ByteBuffer.wrap(filled(op.length(), op.fill())), op.offset());
                    }
                }
                case "truncate" -> {
                    try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
                        raf.setLength(op.offset());
                    }
                }
                case "rename" -> Files.move(p, root.resolve(op.other()), StandardCopyOption.REPLACE_EXISTING);
                case "mkdir" -> Files.createDirectory(p);
                case "rmdir" -> {
                    if (!Files.isDirectory(p)) {
                        return "not a directory";
                    }
                    Files.delete(p);
                }
                case "unlink" -> {
                    if (Files.isDirectory(p)) {
                        return "is a directory";
                    }
                    Files.delete(p);
                }
                case "read" -> {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                        ByteBuffer buf = ByteBuffer.allocate(op.length());
                        int n = ch.read(buf, op.offset());
                        return "ok read " + n + " " + Arrays.hashCode(Arrays.copyOf(buf.array(), Math.max(n, 0)));
                    }
                }
                default -> throw new IllegalStateException(op.kind());
            }
            return "ok";
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        }
    }

    private static byte[] filled(int length, byte fill) {
        byte[] data = new byte[length];
        Arrays.fill(data, fill);
        for (int i = 0; i < length; i += 4096) {
            data[i] = (byte) (i / 4096); // not all equal, so a block at the wrong offset shows
        }
        return data;
    }

    /** Relative path to "dir" or the content's hash and size. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String rel = root.relativize(p).toString();
                if (Files.isDirectory(p)) {
                    tree.put(rel, "dir");
                } else {
                    byte[] content = Files.readAllBytes(p);
                    tree.put(rel, content.length + ":" + Arrays.hashCode(content));
                }
            }
        }
        return tree;
    }
}
