package io.cloudmount.fuse.nativeapi;

import com.sun.jna.Pointer;
import io.cloudmount.engine.vfs.FileAttributes;
import io.cloudmount.engine.vfs.StatFs;
import io.cloudmount.fuse.platform.Slot;
import io.cloudmount.fuse.platform.StatLayout;
import io.cloudmount.fuse.platform.StatvfsLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;

/**
 * Fills native structs from engine values using a platform layout. Writes stay inside the layout's
 * size: WinFsp hands out exactly 128 (or 160) bytes, and writing a Linux-sized stat there would
 * corrupt its memory.
 */
public final class NativeStructs {
    private final StatLayout stat;
    private final StatvfsLayout statvfs;
    private final byte[] zeroStat;

    public NativeStructs(StatLayout stat, StatvfsLayout statvfs) {
        this.stat = stat;
        this.statvfs = statvfs;
        this.zeroStat = new byte[stat.size()];
    }

    public StatLayout statLayout() {
        return stat;
    }

    /** Writes {@code attributes} into a zeroed {@code stat} buffer. */
    public void writeStat(Pointer p, FileAttributes attributes) {
        // One view and plain Java stores instead of a JNI call per field.
        writeStat(p.getByteBuffer(0, stat.size()).order(ByteOrder.nativeOrder()), 0, attributes);
    }

    /** Writes {@code attributes} into the zeroed {@code stat} at {@code at} of {@code b} (native order). */
    public void writeStat(ByteBuffer b, int at, FileAttributes attributes) {
        put(b, at, stat.mode(), attributes.posixMode());
        put(b, at, stat.nlink(), attributes.linkCount());
        put(b, at, stat.uid(), attributes.uid());
        put(b, at, stat.gid(), attributes.gid());
        put(b, at, stat.fileSize(), attributes.size());
        put(b, at, stat.blksize(), 4096);
        put(b, at, stat.blocks(), (attributes.size() + 511) / 512);
        Instant modified = attributes.modified();
        putTime(b, at, stat.atime(), modified);
        putTime(b, at, stat.mtime(), modified);
        putTime(b, at, stat.ctime(), modified);
        if (stat.birthtime() != null) {
            // Windows shows 1970 for a zero creation time; the modification time is the best we know.
            putTime(b, at, stat.birthtime(), modified);
        }
    }

    /** Only the type and permission bits (readdir without attributes). */
    public void writeMode(ByteBuffer b, int at, FileAttributes attributes) {
        put(b, at, stat.mode(), attributes.posixMode());
    }

    /** Zeroes the {@code stat} at {@code at} of {@code b}. */
    public void clearStat(ByteBuffer b, int at) {
        b.put(at, zeroStat);
    }

    public void writeStatvfs(Pointer p, StatFs fs) {
        p.setMemory(0, statvfs.size(), (byte) 0);
        p.setLong(StatvfsLayout.BSIZE, fs.blockSize());
        p.setLong(StatvfsLayout.FRSIZE, fs.blockSize());
        p.setLong(StatvfsLayout.BLOCKS, fs.totalBlocks());
        p.setLong(StatvfsLayout.BFREE, fs.freeBlocks());
        p.setLong(StatvfsLayout.BAVAIL, fs.freeBlocks());
        p.setLong(StatvfsLayout.FILES, fs.totalFiles());
        p.setLong(StatvfsLayout.FFREE, fs.freeFiles());
        p.setLong(StatvfsLayout.FAVAIL, fs.freeFiles());
        p.setLong(StatvfsLayout.NAMEMAX, fs.maxNameLength());
    }

    static void putTime(ByteBuffer b, int at, Slot slot, Instant time) {
        b.putLong(at + slot.offset(), time.getEpochSecond());
        b.putLong(at + slot.offset() + 8, time.getNano());
    }

    static void put(ByteBuffer b, int at, Slot slot, long value) {
        int i = at + slot.offset();
        switch (slot.size()) {
            case 8 -> b.putLong(i, value);
            case 4 -> b.putInt(i, (int) value);
            case 2 -> b.putShort(i, (short) value);
            case 1 -> b.put(i, (byte) value);
            default -> throw new IllegalArgumentException("not a scalar slot: " + slot);
        }
    }
}
