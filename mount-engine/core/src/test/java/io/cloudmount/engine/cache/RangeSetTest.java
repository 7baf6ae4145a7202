package io.cloudmount.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RangeSetTest {
    private static final int SPACE = 200;

    /** Random adds and truncates; after each one every query agrees with a boolean-per-byte model. */
    @Test
    void randomOperationsAgreeWithABooleanModel() {
        for (long seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            boolean[] model = new boolean[SPACE];
            RangeSet set = new RangeSet();
            for (int op = 0; op < 60; op++) {
                if (random.nextInt(10) == 0) {
                    int size = random.nextInt(SPACE);
                    set.truncate(size);
                    for (int i = size; i < SPACE; i++) {
                        model[i] = false;
                    }
                } else {
                    int start = random.nextInt(SPACE);
                    int end = start + random.nextInt(Math.min(40, SPACE - start) + 1);
                    set.add(start, end);
                    for (int i = start; i < end; i++) {
                        model[i] = true;
                    }
                }
                assertAgrees(set, model, random, "seed " + seed + " op " + op);
            }
        }
    }

    private static void assertAgrees(RangeSet set, boolean[] model, Random random, String where) {
        assertThat(set.coveredBytes()).as(where).isEqualTo(count(model, 0, SPACE));
        assertThat(show(set.ranges())).as(where).isEqualTo(show(runs(model, 0, SPACE, true)));
        assertThat(RangeSet.decode(set.encode())).as(where).isEqualTo(set);
        for (int q = 0; q < 20; q++) {
            int start = random.nextInt(SPACE);
            int end = start + random.nextInt(SPACE - start + 1);
            assertThat(set.contains(start, end)).as(where).isEqualTo(count(model, start, end) == end - start);
            assertThat(show(set.missing(start, end))).as(where).isEqualTo(show(runs(model, start, end, false)));
            assertThat(set.coveredBytes(start, end)).as(where).isEqualTo(count(model, start, end));
            int first = start;
            while (first < end && model[first]) {
                first++;
            }
            assertThat(set.firstMissing(start, end)).as(where).isEqualTo(first);
        }
    }

    private static long count(boolean[] model, int start, int end) {
        long n = 0;
        for (int i = start; i < end; i++) {
            n += model[i] ? 1 : 0;
        }
        return n;
    }

    private static String show(List<long[]> ranges) {
        StringBuilder out = new StringBuilder();
        for (long[] range : ranges) {
            out.append(range[0]).append('-').append(range[1]).append(' ');
        }
        return out.toString();
    }

    /** Maximal runs of {@code value} in {@code [start, end)} as {start, end} pairs. */
    private static List<long[]> runs(boolean[] model, int start, int end, boolean value) {
        List<long[]> runs = new ArrayList<>();
        int i = start;
        while (i < end) {
            if (model[i] != value) {
                i++;
                continue;
            }
            int j = i;
            while (j < end && model[j] == value) {
                j++;
            }
            runs.add(new long[] {i, j});
            i = j;
        }
        return runs;
    }

    @Test
    void touchingRangesMergeIntoOne() {
        RangeSet set = new RangeSet();
        set.add(0, 10);
        set.add(20, 30);
        set.add(10, 20);
        assertThat(set.encode()).isEqualTo("0-30");
        assertThat(set.coveredBytes()).isEqualTo(30);
    }

    @Test
    void emptyRangeIsIgnoredAndAlwaysContained() {
        RangeSet set = new RangeSet();
        set.add(5, 5);
        assertThat(set.isEmpty()).isTrue();
        assertThat(set.contains(7, 7)).isTrue();
        assertThat(set.missing(3, 3)).isEmpty();
    }

    @Test
    void truncateCutsARangeThatSpansTheNewSize() {
        RangeSet set = RangeSet.decode("0-10,20-40");
        set.truncate(25);
        assertThat(set.encode()).isEqualTo("0-10,20-25");
        assertThat(set.coveredBytes()).isEqualTo(15);
        assertThat(set.end()).isEqualTo(25);
    }

    @Test
    void decodeSortsAndMergesOverlappingRanges() {
        assertThat(RangeSet.decode("50-60,0-10,5-20").encode()).isEqualTo("0-20,50-60");
        assertThat(RangeSet.decode("")).isEqualTo(new RangeSet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "10", "-5-6", "5-5", "9-3", "1-2,", "1-2,,3-4", "a-b"})
    void decodeRejectsMalformedText(String text) {
        assertThatThrownBy(() -> RangeSet.decode(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negativeOffsetsAreRejected() {
        assertThatThrownBy(() -> new RangeSet().add(-1, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
