package io.cloudmount.fuse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One java.nio.file suite, run through real mounts (memory, local) and on a plain folder as the
 * reference: every test states behaviour a program using the drive relies on.
 */
public abstract class FileSystemSuite {

    /** The folder under test: a mount point or a plain folder. Fresh and empty for each test. */
    protected abstract Path root();

    @Test
    void bytesWrittenAreReadBack() throws IOException {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(1).nextBytes(data);
        Path file = root().resolve("data.bin");
        Files.write(file, data);
        assertThat(Files.readAllBytes(file)).isEqualTo(data);
        assertThat(Files.size(file)).isEqualTo(data.length);
    }

    @Test
    void directoriesAreCreatedListedAndRemoved() throws IOException {
        Path dir = Files.createDirectories(root().resolve("a/b/c"));
        Files.writeString(dir.resolve("f.txt"), "x");
        try (Stream<Path> list = Files.list(root().resolve("a/b"))) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactly("c");
        }
        assertThatThrownBy(() -> Files.delete(root().resolve("a/b/c"))).isInstanceOf(DirectoryNotEmptyException.class);
        Files.delete(dir.resolve("f.txt"));
        Files.delete(dir);
        assertThat(Files.exists(dir)).isFalse();
    }

    @Test
    void renameReplacesAnExistingFile() throws IOException {
        Files.writeString(root().resolve("new"), "new content");
        Files.writeString(root().resolve("old"), "old content");
        Files.move(root().resolve("new"), root().resolve("old"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertThat(Files.readString(root().resolve("old"))).isEqualTo("new content");
        assertThat(Files.exists(root().resolve("new"))).isFalse();
    }

    @Test
    void renameOverAnOpenFileLeavesTheOpenReaderOnTheOldContent() throws IOException {
        Path target = root().resolve("doc.txt");
        Files.writeString(target, "version 1");
        Files.writeString(root().resolve("doc.tmp"), "version 2");
        try (FileChannel reader = FileChannel.open(target, StandardOpenOption.READ)) {
            Files.move(root().resolve("doc.tmp"), target, StandardCopyOption.REPLACE_EXISTING);
            ByteBuffer buffer = ByteBuffer.allocate(64);
            int n = reader.read(buffer, 0);
            assertThat(new String(buffer.array(), 0, n, StandardCharsets.UTF_8)).isEqualTo("version 1");
        }
        assertThat(Files.readString(target)).isEqualTo("version 2");
    }

    @Test
    void anUnlinkedOpenFileCanStillBeRead() throws IOException {
        Path file = root().resolve("temp");
        Files.writeString(file, "still readable");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Files.delete(file);
            assertThat(Files.exists(file)).isFalse();
            ByteBuffer buffer = ByteBuffer.allocate(64);
            int n = channel.read(buffer, 0);
            assertThat(new String(buffer.array(), 0, n, StandardCharsets.UTF_8)).isEqualTo("still readable");
        }
    }

    @Test
    void truncateShrinksAndGrowsWithZeros() throws IOException {
        Path file = root().resolve("t.bin");
        Files.writeString(file, "0123456789");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(4);
            assertThat(raf.length()).isEqualTo(4);
            raf.setLength(8);
        }
        assertThat(Files.readAllBytes(file)).containsExactly('0', '1', '2', '3', 0, 0, 0, 0);
    }

    @Test
    void appendAddsToTheEnd() throws IOException {
        Path file = root().resolve("log.txt");
        Files.writeString(file, "a\n");
        Files.writeString(file, "b\n", StandardOpenOption.APPEND);
        assertThat(Files.readString(file)).isEqualTo("a\nb\n");
    }

    @Test
    void createNewFailsWhenTheFileExists() throws IOException {
        Path file = root().resolve("once");
        Files.writeString(file, "first", StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        assertThatThrownBy(() -> Files.writeString(file, "second", StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("first");
    }

    @Test
    void truncateExistingOnOpenEmptiesTheFile() throws IOException {
        Path file = root().resolve("o_trunc");
        Files.writeString(file, "long old content");
        Files.writeString(file, "new", StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        assertThat(Files.readString(file)).isEqualTo("new");
    }

    @Test
    void namesWithAnyUtf8Work() throws IOException {
        List<String> names = List.of("spaces in name.txt", "emoji 🚀.txt", "日本語.txt", "ünïcödé", "#%&+;=@[]{}!");
        for (String name : names) {
            Files.writeString(root().resolve(name), name);
        }
        try (Stream<Path> list = Files.list(root())) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(names);
        }
        for (String name : names) {
            assertThat(Files.readString(root().resolve(name))).isEqualTo(name);
        }
    }

    @Test
    void aLargeDirectoryIsListedCompletely() throws IOException {
        Path dir = Files.createDirectory(root().resolve("big"));
        for (int i = 0; i < 3000; i++) {
            Files.createFile(dir.resolve("file-with-a-longish-name-" + i));
        }
        try (Stream<Path> list = Files.list(dir)) {
            assertThat(list.count()).isEqualTo(3000);
        }
    }

    @Test
    void filesAppendedToWhileTheirFolderIsBeingListedKeepTheirNewSize() throws IOException {
        Path dir = Files.createDirectory(root().resolve("logs"));
        int files = 1000; // a listing of several reads (the kernel asks for ~200 entries at a time): most arrive after the appends below
        for (int i = 0; i < files; i++) {
            Files.writeString(dir.resolve("log-" + i), "start");
        }
        byte[] more = new byte[100];
        int listed = 0;
        try (java.nio.file.DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
            java.util.Iterator<Path> entries = listing.iterator();
            entries.next(); listed++; // the folder is open and its first entries read (ls -l, a file manager)
            for (int i = 0; i < files; i++) {
                Files.write(dir.resolve("log-" + i), more, StandardOpenOption.APPEND);
            }
            for (; entries.hasNext(); entries.next()) {
                listed++;
            }
        }
        assertThat(listed).isEqualTo(files);
        for (int i = 0; i < files; i++) {
            Path log = dir.resolve("log-" + i);
            assertThat(Files.size(log)).as(log.toString()).isEqualTo(5 + more.length);
            assertThat(Files.readAllBytes(log)).as(log.toString()).hasSize(5 + more.length);
        }
    }

    @Test
    void pagesOfASharedMappingOfAnAppendingDescriptorLandAtTheirOffsets() throws IOException {
        Path file = root().resolve("mapped.bin");
        Files.write(file, new byte[100_000]);
        // Java cannot map a descriptor opened with O_APPEND; C programs (and Python's mmap) can.
        int fd = Libc.C.open(file.toString(), Libc.O_RDWR | Libc.O_APPEND);
        assertThat(fd).as("open").isNotNegative();
        com.sun.jna.Pointer pages = Libc.C.mmap(null, 100_000, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, fd, 0);
        assertThat(com.sun.jna.Pointer.nativeValue(pages)).as("mmap").isNotEqualTo(-1L);
        pages.write(0, "WORLD".getBytes(StandardCharsets.US_ASCII), 0, 5);
        assertThat(Libc.C.msync(pages, 100_000, Libc.MS_SYNC)).as("msync").isZero();
        Libc.C.munmap(pages, 100_000);
        assertThat(Libc.C.close(fd)).as("close").isZero();

        byte[] back = Files.readAllBytes(file);
        assertThat(back).as("the page is written where it was mapped, not appended").hasSize(100_000);
        assertThat(new String(back, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("WORLD");
    }

    /** The few libc calls a program mapping a file makes (Linux x86_64 and aarch64 values). */
    interface Libc extends com.sun.jna.Library {
        Libc C = com.sun.jna.Native.load("c", Libc.class);
        int O_RDWR = 2;
        int O_APPEND = 02000;
        int PROT_READ = 1;
        int PROT_WRITE = 2;
        int MAP_SHARED = 1;
        int MS_SYNC = 4;

        int open(String path, int flags);

        com.sun.jna.Pointer mmap(com.sun.jna.Pointer address, long length, int protection, int flags, int fd, long offset);

        int msync(com.sun.jna.Pointer address, long length, int flags);

        int munmap(com.sun.jna.Pointer address, long length);

        int close(int fd);
    }

    @Test
    void modificationTimesAreKept() throws IOException {
        Path file = root().resolve("dated");
        Files.writeString(file, "x");
        FileTime when = FileTime.from(Instant.parse("2021-03-04T05:06:07Z"));
        Files.setLastModifiedTime(file, when);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(when);
    }

    @Test
    void concurrentWritersToDisjointRangesAllLand() throws Exception {
        Path file = root().resolve("shared.bin");
        Files.createFile(file);
        int writers = 4;
        int blocks = 64;
        int blockSize = 16 * 1024;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        for (int b = writer; b < blocks; b += writers) {
                            ByteBuffer buf = ByteBuffer.allocate(blockSize);
                            while (buf.hasRemaining()) {
                                buf.put((byte) b);
                            }
                            buf.flip();
                            ch.write(buf, (long) b * blockSize);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        byte[] all = Files.readAllBytes(file);
        assertThat(all).hasSize(blocks * blockSize);
        for (int b = 0; b < blocks; b++) {
            assertThat(all[b * blockSize]).isEqualTo((byte) b);
            assertThat(all[(b + 1) * blockSize - 1]).isEqualTo((byte) b);
        }
    }

    @Test
    void concurrentAppendersLoseNoLine() throws Exception {
        Path file = root().resolve("append.log");
        Files.createFile(file);
        int appenders = 4;
        int lines = 200;
        ExecutorService pool = Executors.newFixedThreadPool(appenders);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int a = 0; a < appenders; a++) {
                int id = a;
                done.add(pool.submit(() -> {
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                        for (int i = 0; i < lines; i++) {
                            ch.write(ByteBuffer.wrap(("appender " + id + " line " + i + "\n").getBytes(StandardCharsets.UTF_8)));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> written = Files.readAllLines(file);
        assertThat(written).hasSize(appenders * lines);
        assertThat(written).allMatch(line -> line.matches("appender \\d line \\d+"));
    }

    @Test
    void missingFilesReportNoSuchFile() {
        assertThatThrownBy(() -> Files.readString(root().resolve("nope"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> Files.delete(root().resolve("nope"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void renameOfADirectoryMovesItsTree() throws IOException {
        Files.createDirectories(root().resolve("from/sub"));
        Files.writeString(root().resolve("from/sub/f"), "deep");
        Files.move(root().resolve("from"), root().resolve("to"));
        assertThat(Files.readString(root().resolve("to/sub/f"))).isEqualTo("deep");
        assertThat(Files.exists(root().resolve("from"))).isFalse();
    }

    @Test
    void statfsReportsSpace() throws IOException {
        assertThat(Files.getFileStore(root()).getTotalSpace()).isPositive();
    }
}
