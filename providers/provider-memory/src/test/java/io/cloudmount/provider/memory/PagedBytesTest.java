package io.cloudmount.provider.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PagedBytesTest {
    private static final int PAGE = PagedBytes.PAGE_SIZE;
    /** The page table's cost for a file within its first 64 MiB: one leaf of 1024 slots, and its slot. */
    private static final long FIRST_LEAF = 1024 * 8 + 16 + 8;

    private final SpaceAccount space = new SpaceAccount(Long.MAX_VALUE);
    private final PagedBytes bytes = new PagedBytes(space);

    @Test
    void aWriteAcrossPageBoundariesReadsBackWhole() {
        byte[] data = random(3 * PAGE + 17);

        bytes.write(PAGE - 5, ByteBuffer.wrap(data));

        assertThat(read(PAGE - 5, data.length)).isEqualTo(data);
        assertThat(read(0, PAGE - 5)).containsOnly(0);
    }

    @Test
    void aSmallFileAllocatesASmallPage() {
        bytes.write(0, ByteBuffer.wrap(new byte[10]));

        assertThat(bytes.allocatedBytes()).isEqualTo(PagedBytes.MIN_PAGE + FIRST_LEAF);
        assertThat(space.used()).isEqualTo(PagedBytes.MIN_PAGE + FIRST_LEAF);
    }

    @Test
    void aPartlyFilledPageGrowsAndKeepsItsBytes() {
        bytes.write(0, ByteBuffer.wrap(new byte[] {1, 2, 3}));

        bytes.write(20_000, ByteBuffer.wrap(new byte[] {4}));

        assertThat(read(0, 3)).containsExactly(1, 2, 3);
        assertThat(read(20_000, 1)).containsExactly(4);
        assertThat(bytes.allocatedBytes()).isEqualTo(32 * 1024 + FIRST_LEAF);
    }

    @Test
    void truncateShrinksThePartialPageAndClearsItsTail() {
        bytes.write(0, ByteBuffer.wrap(random(PAGE)));

        bytes.truncate(100);
        bytes.truncate(PAGE);

        assertThat(bytes.allocatedBytes()).isEqualTo(PagedBytes.MIN_PAGE + FIRST_LEAF);
        assertThat(read(100, PAGE - 100)).containsOnly(0);
    }

    @Test
    void truncateAtAPageBoundaryFreesTheFollowingPages() {
        bytes.write(0, ByteBuffer.wrap(random(4 * PAGE)));

        bytes.truncate(2L * PAGE);

        assertThat(bytes.allocatedBytes()).isEqualTo(2L * PAGE + FIRST_LEAF);
        assertThat(space.used()).isEqualTo(2L * PAGE + FIRST_LEAF);
    }

    @Test
    void pagesFarApartCostThemselvesTheirLeavesAndTheSlotsUpToThem() {
        bytes.write(0, ByteBuffer.wrap(new byte[PAGE]));
        bytes.write(9L << 30, ByteBuffer.wrap(new byte[PAGE]));

        // 9 GiB is leaf 144 (64 MiB each): two leaves, 145 slots
        assertThat(bytes.allocatedBytes()).isEqualTo(2L * PAGE + 2 * (1024 * 8 + 16) + 145 * 8);
        assertThat(bytes.size()).isEqualTo((9L << 30) + PAGE);
    }

    @Test
    void aByteNearTheLargestSizeChargesTheWholeTableAndTruncatingGivesItBack() {
        bytes.write(PagedBytes.MAX_SIZE - 1, ByteBuffer.wrap(new byte[] {1}));

        // 16 TiB / 64 MiB = 256 Ki slots of the table, one leaf, the last page (held whole up to the byte)
        assertThat(space.used()).isEqualTo((256L << 10) * 8 + (1024 * 8 + 16) + PAGE);

        bytes.truncate(0);

        assertThat(space.used()).isZero();
        assertThat(bytes.allocatedBytes()).isZero();
    }

    @Test
    void readIntoADirectBufferSpanningAHoleReturnsZerosThere() {
        bytes.write(3L * PAGE, ByteBuffer.wrap(new byte[] {9}));
        ByteBuffer direct = ByteBuffer.allocateDirect(3 * PAGE + 1);

        assertThat(bytes.read(0, direct)).isEqualTo(3 * PAGE + 1);

        direct.flip();
        for (int i = 0; i < 3 * PAGE; i++) {
            assertThat(direct.get(i)).isZero();
        }
        assertThat(direct.get(3 * PAGE)).isEqualTo((byte) 9);
    }

    @Test
    void releaseReturnsEverything() {
        bytes.write(0, ByteBuffer.wrap(random(5 * PAGE + 3)));

        bytes.release();

        assertThat(space.used()).isZero();
        assertThat(bytes.size()).isZero();
    }

    @Test
    void allocationSizesArePowersOfTwoBetweenTheBounds() {
        assertThat(PagedBytes.allocationFor(1)).isEqualTo(PagedBytes.MIN_PAGE);
        assertThat(PagedBytes.allocationFor(4097)).isEqualTo(8192);
        assertThat(PagedBytes.allocationFor(8192)).isEqualTo(8192);
        assertThat(PagedBytes.allocationFor(PAGE - 1)).isEqualTo(PAGE);
        assertThat(PagedBytes.allocationFor(PAGE)).isEqualTo(PAGE);
    }

    private byte[] read(long position, int length) {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        int n = bytes.read(position, buffer);
        return Arrays.copyOf(buffer.array(), n);
    }

    private static byte[] random(int length) {
        byte[] data = new byte[length];
        SplittableRandom random = new SplittableRandom(length);
        for (int i = 0; i < length; i++) {
            data[i] = (byte) random.nextInt(256);
        }
        return data;
    }
}
