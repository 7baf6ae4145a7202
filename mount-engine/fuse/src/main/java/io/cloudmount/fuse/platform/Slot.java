package io.cloudmount.fuse.platform;

/** Where one field of a native struct lives: byte offset and width (1, 2, 4, 8, or 16 for a timespec). */
public record Slot(int offset, int size) {
    public Slot {
        if (offset < 0 || !(size == 1 || size == 2 || size == 4 || size == 8 || size == 16)) {
            throw new IllegalArgumentException("bad slot " + offset + "/" + size);
        }
    }

    public int end() {
        return offset + size;
    }
}
