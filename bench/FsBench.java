// Small, dependency-free file-system micro benchmark used by bench/run.sh.
//
// Every operation is timed inside this JVM with System.nanoTime(), so JVM
// start-up is not measured. Each op prints exactly one line on success:
//     RESULT ops=<count> secs=<seconds>
// and exits non-zero (message on stderr) on the first failing file operation.
//
// java.io.File is used on purpose: its calls map to a single system call each
// (open/write/close, stat, opendir/readdir, rename, unlink), unlike some
// java.nio.file helpers that add extra lstat() calls.
//
// Usage:
//   java FsBench.java create   DIR N SIZE PREFIX
//   java FsBench.java stat     DIR N SIZE PREFIX MIN_SECS   (MIN_SECS=0: one pass)
//   java FsBench.java list     DIR EXPECTED_ENTRIES SECS
//   java FsBench.java rename   DIR N FROM_PREFIX TO_PREFIX
//   java FsBench.java delete   DIR N PREFIX
//   java FsBench.java randread FILE SECS BLOCK_SIZE [buffered|direct]   (direct = O_DIRECT)
//   java FsBench.java selftest DIR
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import com.sun.nio.file.ExtendedOpenOption;
import java.util.Locale;
import java.util.SplittableRandom;

public class FsBench {

    public static void main(String[] a) throws Exception {
        if (a.length == 0) {
            die("usage: FsBench OP ARGS...");
        }
        switch (a[0]) {
            case "create" -> create(new File(a[1]), i(a[2]), i(a[3]), a[4]);
            case "stat" -> stat(new File(a[1]), i(a[2]), Long.parseLong(a[3]), a[4], d(a[5]));
            case "list" -> list(new File(a[1]), i(a[2]), d(a[3]));
            case "rename" -> rename(new File(a[1]), i(a[2]), a[3], a[4]);
            case "delete" -> delete(new File(a[1]), i(a[2]), a[3]);
            case "randread" -> randread(new File(a[1]), d(a[2]), i(a[3]), a.length > 4 && a[4].equals("direct"));
            case "selftest" -> selftest(new File(a[1]));
            default -> die("unknown op " + a[0]);
        }
    }

    static void create(File dir, int n, int size, String prefix) throws IOException {
        byte[] buf = new byte[size];
        for (int k = 0; k < size; k++) {
            buf[k] = (byte) ('a' + k % 26);
        }
        long t0 = System.nanoTime();
        for (int k = 0; k < n; k++) {
            try (FileOutputStream out = new FileOutputStream(new File(dir, prefix + k))) {
                out.write(buf);
            }
        }
        result(n, System.nanoTime() - t0);
    }

    static void stat(File dir, int n, long size, String prefix, double minSecs) {
        File[] files = new File[n];
        for (int k = 0; k < n; k++) {
            files[k] = new File(dir, prefix + k);
        }
        long minNanos = (long) (minSecs * 1e9);
        int minPasses = minSecs > 0 ? 3 : 1;
        long ops = 0;
        int passes = 0;
        long t0 = System.nanoTime();
        long el;
        do {
            for (File f : files) {
                // File.length() is one stat(); 0 for a missing file.
                if (f.length() != size) {
                    die("stat: " + f + " has size " + f.length() + ", expected " + size);
                }
            }
            ops += n;
            passes++;
            el = System.nanoTime() - t0;
        } while (passes < minPasses || el < minNanos);
        result(ops, el);
    }

    static void list(File dir, int expected, double secs) {
        long limit = (long) (secs * 1e9);
        long count = 0;
        long t0 = System.nanoTime();
        long el;
        do {
            String[] names = dir.list();
            if (names == null) {
                die("list: cannot list " + dir);
            }
            if (names.length != expected) {
                die("list: " + dir + " has " + names.length + " entries, expected " + expected);
            }
            count++;
            el = System.nanoTime() - t0;
        } while (count < 3 || el < limit);
        result(count, el);
    }

    static void rename(File dir, int n, String from, String to) {
        long t0 = System.nanoTime();
        for (int k = 0; k < n; k++) {
            if (!new File(dir, from + k).renameTo(new File(dir, to + k))) {
                die("rename failed: " + from + k + " -> " + to + k);
            }
        }
        result(n, System.nanoTime() - t0);
    }

    static void delete(File dir, int n, String prefix) {
        long t0 = System.nanoTime();
        for (int k = 0; k < n; k++) {
            if (!new File(dir, prefix + k).delete()) {
                die("delete failed: " + prefix + k);
            }
        }
        result(n, System.nanoTime() - t0);
    }

    static void randread(File file, double secs, int bs, boolean direct) throws IOException {
        FileChannel ch;
        try {
            ch = direct
                    ? FileChannel.open(file.toPath(), StandardOpenOption.READ, ExtendedOpenOption.DIRECT)
                    : FileChannel.open(file.toPath(), StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            if (direct) {
                System.err.println("FsBench: O_DIRECT not supported: " + e);
                System.exit(3);
            }
            throw e;
        }
        try (ch) {
            long blocks = ch.size() / bs;
            if (blocks < 1) {
                die("randread: file too small");
            }
            // O_DIRECT needs an aligned buffer; 4096 covers the usual logical block sizes.
            ByteBuffer buf = ByteBuffer.allocateDirect(bs + 4096).alignedSlice(4096).limit(bs);
            SplittableRandom rnd = new SplittableRandom(42);
            long limit = (long) (secs * 1e9);
            long ops = 0;
            long t0 = System.nanoTime();
            long el;
            do {
                for (int k = 0; k < 64; k++) {
                    buf.clear().limit(bs);
                    long pos = rnd.nextLong(blocks) * bs;
                    while (buf.hasRemaining()) {
                        int r = ch.read(buf, pos + buf.position()); // pread(2)
                        if (r < 0) {
                            die("randread: unexpected EOF");
                        }
                    }
                }
                ops += 64;
                el = System.nanoTime() - t0;
            } while (el < limit);
            result(ops, el);
        }
    }

    static void selftest(File dir) throws IOException {
        // Exercise every op once on a scratch directory (also warms the class cache).
        create(dir, 3, 4096, "s");
        stat(dir, 3, 4096, "s", 0);
        list(dir, 3, 0);
        rename(dir, 3, "s", "t");
        File f = new File(dir, "t0");
        randread(f, 0.001, 4096, false);
        delete(dir, 3, "t");
    }

    static void result(long ops, long nanos) {
        System.out.printf(Locale.ROOT, "RESULT ops=%d secs=%.6f%n", ops, nanos / 1e9);
        System.out.flush();
    }

    static int i(String s) {
        return Integer.parseInt(s);
    }

    static double d(String s) {
        return Double.parseDouble(s);
    }

    static void die(String msg) {
        System.err.println("FsBench: " + msg);
        System.exit(1);
    }
}
