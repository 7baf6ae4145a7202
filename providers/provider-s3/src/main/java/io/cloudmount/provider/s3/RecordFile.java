package io.cloudmount.provider.s3;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small text file of records that the drive keeps in its cache folder for its next run: one record a
 * line, a kind ({@code +}, {@code -}) and fields URL-encoded, separated by spaces, under a header line
 * naming the format and the store, so a file written for another bucket is never applied to this one.
 *
 * <p>Records are appended as things happen and the whole file is rewritten to compact it, through a
 * temporary file and a rename, so a kill leaves the old file or the new one, never half of one. A last
 * line without its newline was cut by a kill and is ignored: it may name a shorter, other key. Not
 * forced to disk: a killed process keeps what it wrote; only a machine crash can lose the last lines.
 */
final class RecordFile {
    /** What {@link #read} found. */
    enum State { MISSING, FOREIGN, UNREADABLE, READ }

    /** One line: its kind as written and its fields decoded. */
    record Entry(String kind, List<String> fields) {
        Entry(String kind, String... fields) {
            this(kind, List.of(fields));
        }
    }

    /** The entries of a file as read; empty unless {@link State#READ}. */
    record Contents(State state, List<Entry> entries, IOException failure) {
    }

    private final Path file;
    private final String header;
    /** After the drive closed, a thread still stuck in a request must not change the file any more. */
    private volatile boolean frozen;
    /** Whether this run has made sure the file ends with a whole line (appends come under the owner's lock). */
    private boolean tailChecked;

    /**
     * @param file   {@code null}: nothing is recorded (a drive without cache folder)
     * @param format names the format and its version, e.g. {@code cloudmount-s3-deferred-deletes 1}
     * @param store  the store the records are about ({@code StorageProvider.describe()})
     */
    RecordFile(Path file, String format, String store) {
        this.file = file;
        this.header = format + " " + encode(store);
    }

    boolean exists() {
        return file != null;
    }

    Path path() {
        return file;
    }

    Contents read() {
        if (file == null) {
            return new Contents(State.MISSING, List.of(), null);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Contents(State.MISSING, List.of(), null);
        } catch (IOException e) {
            return new Contents(State.UNREADABLE, List.of(), e);
        }
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals(header)) {
            return new Contents(State.FOREIGN, List.of(), null);
        }
        int complete = text.endsWith("\n") ? lines.size() : lines.size() - 1;
        List<Entry> entries = new ArrayList<>();
        for (String line : lines.subList(1, Math.max(1, complete))) {
            String[] f = line.split(" ");
            try {
                entries.add(new Entry(f[0], Arrays.stream(f, 1, f.length).map(RecordFile::decode).toList()));
            } catch (IllegalArgumentException damaged) {
                // a bad %XX escape: the entry is lost, as if it had never been written
            }
        }
        return new Contents(State.READ, entries, null);
    }

    /** Adds one entry, writing the header first if the file is new. */
    void append(Entry entry) throws IOException {
        if (file == null || frozen) {
            return;
        }
        if (!tailChecked) {
            dropCutLine();
            tailChecked = true;
        }
        if (!Files.exists(file)) {
            Files.writeString(file, header + "\n", StandardCharsets.UTF_8);
        }
        Files.writeString(file, line(entry), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /**
     * A last line cut by a kill, a crash or a full disk is ignored when read, but an entry appended after
     * it would be glued onto it and lost with it: the first append of a run cuts it off.
     */
    private void dropCutLine() throws IOException {
        byte[] text;
        try {
            text = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return;
        }
        int end = text.length;
        while (end > 0 && text[end - 1] != '\n') {
            end--;
        }
        if (end == text.length) {
            return;
        }
        if (end == 0) {
            Files.delete(file); // not even the header is whole: start the file anew
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(end);
        }
    }

    /** Replaces the file with just these entries, or removes it if there are none. */
    void rewrite(List<Entry> entries) throws IOException {
        if (file == null || frozen) {
            return;
        }
        if (entries.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        StringBuilder text = new StringBuilder(header).append('\n');
        entries.forEach(entry -> text.append(line(entry)));
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void delete() throws IOException {
        if (file != null && !frozen) {
            Files.deleteIfExists(file);
        }
    }

    /** The drive closed: the file stays as it is for the next mount. */
    void freeze() {
        frozen = true;
    }

    private static String line(Entry entry) {
        StringBuilder line = new StringBuilder(entry.kind());
        entry.fields().forEach(field -> line.append(' ').append(encode(field)));
        return line.append('\n').toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
