package io.cloudmount.provider.memory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The bytes of one file, kept in lazily allocated pages of at most {@link #PAGE_SIZE} bytes.
 *
 * <p>Pages sit in a two-level table (a growable array of leaves, each holding {@code 1024} pages,
 * that is 64 MiB), so a sparse file with data at 5 GiB costs one leaf and one page, not an array
 * sized for the whole offset range. Holes are {@code null} and read as zeros. A page that is only
 * partly written is allocated at the next power of two at or above the bytes it needs (at least
 * {@link #MIN_PAGE}) and grows on demand, so small files do not each pin 64 KiB.
 *
 * <p>Reads and writes copy straight between the caller's buffer (heap or direct) and the pages:
 * {@link ByteBuffer#put(byte[], int, int)} and {@link ByteBuffer#get(byte[], int, int)} are single
 * memory copies, with no intermediate array per call.
 *
 * <p>Invariant: every byte of a page at or beyond {@link #size()} is zero. Truncation clears (or
 * frees) what it cuts, so growing a file again never has to clear anything.
 *
 * <p>Not thread-safe: {@link MemFile} guards it with its lock. Allocated bytes are charged to the
 * shared {@link SpaceAccount} before any byte changes, so a write that does not fit changes nothing.
 * The page table is charged too ({@link #REFERENCE_BYTES} a slot, {@link #LEAF_BYTES} a leaf): one byte
 * written near {@link #MAX_SIZE} needs a table of 256 Ki slots, far more heap than its page.
 */
final class PagedBytes {
    static final int PAGE_SHIFT = 16;
    static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    /** Smallest page allocation; a partly filled page grows by doubling from here. */
    static final int MIN_PAGE = 4096;
    /** Largest file size: 16 TiB keeps the leaf table at 256 Ki references or fewer. */
    static final long MAX_SIZE = 1L << 44;

    private static final int PAGE_MASK = PAGE_SIZE - 1;
    private static final int LEAF_SHIFT = 10;
    private static final int LEAF_SIZE = 1 << LEAF_SHIFT;
    private static final int LEAF_MASK = LEAF_SIZE - 1;
    /** Heap of one slot of the page table, at most (without compressed references). */
    static final int REFERENCE_BYTES = 8;
    /** Heap of one leaf: its slots and an array header. */
    static final int LEAF_BYTES = LEAF_SIZE * REFERENCE_BYTES + 16;
    private static final byte[][][] NO_LEAVES = new byte[0][][];
    private static final byte[] ZEROS = new byte[PAGE_SIZE];

    private final SpaceAccount space;
    private byte[][][] leaves = NO_LEAVES;
    private long size;
    /** Bytes of all pages, leaves and table slots held; exactly what this object has charged to {@link #space}. */
    private long allocated;

    PagedBytes(SpaceAccount space) {
        this.space = space;
    }

    long size() {
        return size;
    }

    long allocatedBytes() {
        return allocated;
    }

    /** Reads up to {@code dst.remaining()} bytes at {@code position}; 0 at or past the end. */
    int read(long position, ByteBuffer dst) {
        if (position >= size || !dst.hasRemaining()) {
            return 0;
        }
        int total = (int) Math.min(dst.remaining(), size - position);
        long pos = position;
        int left = total;
        while (left > 0) {
            int offset = (int) (pos & PAGE_MASK);
            int n = Math.min(PAGE_SIZE - offset, left);
            byte[] page = pageAt(pos >>> PAGE_SHIFT);
            int fromPage = page == null ? 0 : Math.max(0, Math.min(n, page.length - offset));
            if (fromPage > 0) {
                dst.put(page, offset, fromPage);
            }
            if (fromPage < n) {
                putZeros(dst, n - fromPage);
            }
            pos += n;
            left -= n;
        }
        return total;
    }

    /**
     * Writes all of {@code src} at {@code position}; the caller keeps {@code position + remaining}
     * within {@link #MAX_SIZE}.
     *
     * @return false, with nothing changed and {@code src} untouched, if the pages do not fit
     */
    boolean write(long position, ByteBuffer src) {
        int length = src.remaining();
        if (length == 0) {
            return true;
        }
        long end = position + length;
        if (!space.tryReserve(growthFor(position, end))) {
            return false;
        }
        long pos = position;
        while (pos < end) {
            int offset = (int) (pos & PAGE_MASK);
            int n = (int) Math.min(PAGE_SIZE - offset, end - pos);
            byte[] page = pageWithRoom(pos >>> PAGE_SHIFT, offset + n);
            src.get(page, offset, n);
            pos += n;
        }
        size = Math.max(size, end);
        return true;
    }

    /** Sets the size. Growing allocates nothing (holes read as zeros); shrinking frees and clears. */
    void truncate(long newSize) {
        if (newSize >= size) {
            size = newSize;
            return;
        }
        long keptPages = (newSize + PAGE_SIZE - 1) >>> PAGE_SHIFT;
        freePagesFrom(keptPages);
        int tail = (int) (newSize & PAGE_MASK);
        if (tail != 0) {
            trimPage(keptPages - 1, tail);
        }
        size = newSize;
    }

    /** Makes this (empty) object a copy of {@code source}; false, with nothing charged, if it does not fit. */
    boolean copyFrom(PagedBytes source) {
        if (!space.tryReserve(source.allocated)) {
            return false;
        }
        byte[][][] copy = new byte[source.leaves.length][][];
        for (int i = 0; i < copy.length; i++) {
            byte[][] leaf = source.leaves[i];
            if (leaf != null) {
                copy[i] = new byte[LEAF_SIZE][];
                for (int j = 0; j < LEAF_SIZE; j++) {
                    copy[i][j] = leaf[j] == null ? null : leaf[j].clone();
                }
            }
        }
        leaves = copy;
        size = source.size;
        allocated = source.allocated;
        return true;
    }

    /**
     * Appends everything {@code in} yields, reading straight into the pages.
     *
     * @return false if the space ran out (what was loaded stays charged until {@link #release()})
     */
    boolean load(ReadableByteChannel in, LongConsumer progress) throws IOException {
        while (size < MAX_SIZE) {
            int offset = (int) (size & PAGE_MASK);
            long index = size >>> PAGE_SHIFT;
            byte[] page = pageAt(index);
            if (page == null || page.length < PAGE_SIZE) {
                if (!space.tryReserve(PAGE_SIZE - (page == null ? 0 : page.length) + tableGrowthFor(index, index))) {
                    return false;
                }
                page = pageWithRoom(index, PAGE_SIZE);
            }
            int n = in.read(ByteBuffer.wrap(page, offset, PAGE_SIZE - offset));
            if (n < 0) {
                if (offset != 0) {
                    trimPage(index, offset);
                } else if (pageAt(index) != null) {
                    freePagesFrom(index);
                }
                progress.accept(size);
                return true;
            }
            size += n;
            progress.accept(size);
        }
        return false;
    }

    /** Frees every page and returns its bytes to the account. */
    void release() {
        space.release(allocated);
        allocated = 0;
        leaves = NO_LEAVES;
        size = 0;
    }

    /** Bytes that writing {@code [position, end)} would add to the allocation. */
    private long growthFor(long position, long end) {
        long growth = tableGrowthFor(position >>> PAGE_SHIFT, (end - 1) >>> PAGE_SHIFT);
        for (long index = position >>> PAGE_SHIFT; index <= (end - 1) >>> PAGE_SHIFT; index++) {
            long pageStart = index << PAGE_SHIFT;
            int needed = (int) Math.min(PAGE_SIZE, end - pageStart);
            byte[] page = pageAt(index);
            int have = page == null ? 0 : page.length;
            if (needed > have) {
                growth += allocationFor(needed) - have;
            }
        }
        return growth;
    }

    /**
     * Bytes of table slots and leaves that allocating every page from {@code first} to {@code last} would
     * add ({@link #setPage} grows the table to exactly the slots it needs).
     */
    private long tableGrowthFor(long first, long last) {
        int firstLeaf = (int) (first >>> LEAF_SHIFT);
        int lastLeaf = (int) (last >>> LEAF_SHIFT);
        long growth = Math.max(0, lastLeaf + 1 - leaves.length) * (long) REFERENCE_BYTES;
        for (int leafIndex = firstLeaf; leafIndex <= lastLeaf; leafIndex++) {
            if (leafIndex >= leaves.length || leaves[leafIndex] == null) {
                growth += LEAF_BYTES;
            }
        }
        return growth;
    }

    /** The page at {@code index}, grown to hold {@code needed} bytes; the growth is already reserved. */
    private byte[] pageWithRoom(long index, int needed) {
        byte[] page = pageAt(index);
        int have = page == null ? 0 : page.length;
        if (have >= needed) {
            return page;
        }
        int length = allocationFor(needed);
        byte[] grown = page == null ? new byte[length] : Arrays.copyOf(page, length);
        setPage(index, grown);
        allocated += length - have;
        return grown;
    }

    /** Clears page {@code index} from {@code keep} on, shrinking it when a smaller allocation fits. */
    private void trimPage(long index, int keep) {
        byte[] page = pageAt(index);
        if (page == null || keep >= page.length) {
            return;
        }
        int fit = allocationFor(keep);
        if (fit < page.length) {
            setPage(index, Arrays.copyOf(page, fit));
            Arrays.fill(pageAt(index), keep, fit, (byte) 0);
            space.release(page.length - fit);
            allocated -= page.length - fit;
        } else {
            Arrays.fill(page, keep, page.length, (byte) 0);
        }
    }

    private void freePagesFrom(long firstFreed) {
        long freed = 0;
        for (int leafIndex = (int) (firstFreed >>> LEAF_SHIFT); leafIndex < leaves.length; leafIndex++) {
            byte[][] leaf = leaves[leafIndex];
            if (leaf == null) {
                continue;
            }
            int from = leafIndex == (int) (firstFreed >>> LEAF_SHIFT) ? (int) (firstFreed & LEAF_MASK) : 0;
            for (int j = from; j < LEAF_SIZE; j++) {
                if (leaf[j] != null) {
                    freed += leaf[j].length;
                    leaf[j] = null;
                }
            }
        }
        // Leaves from here on are all gone: drop their slots and the leaves themselves.
        int keptLeaves = (int) ((firstFreed + LEAF_SIZE - 1) >>> LEAF_SHIFT);
        if (keptLeaves < leaves.length) {
            for (int leafIndex = keptLeaves; leafIndex < leaves.length; leafIndex++) {
                if (leaves[leafIndex] != null) {
                    freed += LEAF_BYTES;
                }
            }
            freed += (long) (leaves.length - keptLeaves) * REFERENCE_BYTES;
            leaves = keptLeaves == 0 ? NO_LEAVES : Arrays.copyOf(leaves, keptLeaves);
        }
        space.release(freed);
        allocated -= freed;
    }

    private byte[] pageAt(long index) {
        int leafIndex = (int) (index >>> LEAF_SHIFT);
        if (leafIndex >= leaves.length) {
            return null;
        }
        byte[][] leaf = leaves[leafIndex];
        return leaf == null ? null : leaf[(int) (index & LEAF_MASK)];
    }

    private void setPage(long index, byte[] page) {
        int leafIndex = (int) (index >>> LEAF_SHIFT);
        // Exactly the slots needed (charged by tableGrowthFor): growing by doubling would hold slots never charged.
        if (leafIndex >= leaves.length) {
            allocated += (long) (leafIndex + 1 - leaves.length) * REFERENCE_BYTES;
            leaves = Arrays.copyOf(leaves, leafIndex + 1);
        }
        if (leaves[leafIndex] == null) {
            leaves[leafIndex] = new byte[LEAF_SIZE][];
            allocated += LEAF_BYTES;
        }
        leaves[leafIndex][(int) (index & LEAF_MASK)] = page;
    }

    /** Next power of two at or above {@code needed}, within {@code [MIN_PAGE, PAGE_SIZE]}. */
    static int allocationFor(int needed) {
        if (needed <= MIN_PAGE) {
            return MIN_PAGE;
        }
        return Math.min(PAGE_SIZE, Integer.highestOneBit(needed - 1) << 1);
    }

    private static void putZeros(ByteBuffer dst, int count) {
        int left = count;
        while (left > 0) {
            int n = Math.min(left, ZEROS.length);
            dst.put(ZEROS, 0, n);
            left -= n;
        }
    }
}
