package io.cloudmount.fuse.nativeapi;

import com.sun.jna.Pointer;
import io.cloudmount.engine.vfs.FileAttributes;
import io.cloudmount.engine.vfs.StatFs;
import io.cloudmount.fuse.platform.Slot;
import io.cloudmount.fuse.platform.StatLayout;
import io.cloudmount.fuse.platform.StatvfsLayout;
import java.time.Instant;

/**
 * Fills native structs from engine values using a platform layout. Writes stay inside the layout's
 * size: WinFsp hands out exactly 128 (or 160) bytes, and writing a Linux-sized stat there would
 * corrupt its memory.
 */
public final class NativeStructs {
    private final StatLayout stat;
    private final StatvfsLayout statvfs;

    public NativeStructs(StatLayout stat, StatvfsLayout statvfs) {
        this.stat = stat;
        this.statvfs = statvfs;
    }

    public StatLayout statLayout() {
        return stat;
    }

    /** Writes {@code attributes} into a zeroed {@code stat} buffer. */
    public void writeStat(Pointer p, FileAttributes attributes) {
        put(p, stat.mode(), attributes.posixMode());
        put(p, stat.nlink(), attributes.linkCount());
        put(p, stat.uid(), attributes.uid());
        put(p, stat.gid(), attributes.gid());
        put(p, stat.fileSize(), attributes.size());
        put(p, stat.blksize(), 4096);
        put(p, stat.blocks(), (attributes.size() + 511) / 512);
        Instant modified = attributes.modified();
        putTime(p, stat.atime(), modified);
        putTime(p, stat.mtime(), modified);
        putTime(p, stat.ctime(), modified);
        if (stat.birthtime() != null) {
            // Windows shows 1970 for a zero creation time; the modification time is the best we know.
            putTime(p, stat.birthtime(), modified);
        }
    }

    /** Only the type and permission bits (readdir without attributes). */
    public void writeMode(Pointer p, FileAttributes attributes) {
        put(p, stat.mode(), attributes.posixMode());
    }

    public void clearStat(Pointer p) {
        p.setMemory(0, stat.size(), (byte) 0);
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

    static void putTime(Pointer p, Slot slot, Instant time) {
        p.setLong(slot.offset(), time.getEpochSecond());
        p.setLong(slot.offset() + 8, time.getNano());
    }

    static void put(Pointer p, Slot slot, long value) {
        switch (slot.size()) {
            case 8 -> p.setLong(slot.offset(), value);
            case 4 -> p.setInt(slot.offset(), (int) value);
            case 2 -> p.setShort(slot.offset(), (short) value);
            case 1 -> p.setByte(slot.offset(), (byte) value);
            default -> throw new IllegalArgumentException("not a scalar slot: " + slot);
        }
    }
}
