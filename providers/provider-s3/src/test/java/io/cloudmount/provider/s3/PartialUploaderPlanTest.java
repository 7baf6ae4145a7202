package io.cloudmount.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.provider.s3.PartialUploader.Part;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which parts of a new object {@link PartialUploader#plan} copies from the old one; 10-byte parts for readability. */
class PartialUploaderPlanTest {
    private static final long P = 10;

    private static List<Boolean> copies(long size, long oldSize, long[]... changed) {
        return PartialUploader.plan(size, oldSize, P, List.of(changed)).stream().map(Part::copy).toList();
    }

    @Test
    void aPartIsSentWhenAChangedRangeTouchesItAnywhere() {
        assertThat(copies(30, 30, new long[] {15, 16})).containsExactly(true, false, true);
        assertThat(copies(30, 30, new long[] {10, 11})).as("first byte").containsExactly(true, false, true);
        assertThat(copies(30, 30, new long[] {19, 20})).as("last byte").containsExactly(true, false, true);
        assertThat(copies(40, 40, new long[] {9, 21})).as("one range over three parts").containsExactly(false, false, false, true);
        assertThat(copies(40, 40, new long[] {0, 1}, new long[] {35, 36})).containsExactly(false, true, true, false);
    }

    @Test
    void partsBeyondTheOldSizeAreSent() {
        assertThat(copies(35, 20, new long[] {20, 35})).containsExactly(true, true, false, false);
        assertThat(copies(35, 25, new long[] {25, 35})).as("a part across the old end").containsExactly(true, true, false, false);
    }

    @Test
    void aShrunkFileCopiesItsLastPartFromTheOldPrefix() {
        List<Part> plan = PartialUploader.plan(27, 40, P, List.of());
        assertThat(plan).containsExactly(new Part(1, 0, 10, true), new Part(2, 10, 20, true), new Part(3, 20, 27, true));
    }

    @Test
    void emptyRangesChangeNothing() {
        assertThat(copies(30, 30, new long[] {15, 15}, new long[] {25, 26})).containsExactly(true, true, false);
    }

    @Test
    void underTwoPartsOrWithNothingToCopyTheWholeUploadIsBetter() {
        assertThat(PartialUploader.plan(19, 19, P, List.of())).as("one part and a bit").isEmpty();
        assertThat(PartialUploader.plan(30, 30, P, List.of(new long[] {5, 6}, new long[] {15, 16}, new long[] {25, 26})))
                .as("every part changed").isEmpty();
        assertThat(PartialUploader.plan(30, 5, P, List.of(new long[] {5, 30}))).as("old object under one part").isEmpty();
    }

    @Test
    void theLocalFileIsReadOnlyWhereAPartIsSentAdjacentPartsAsOneRange() {
        List<long[]> read = PartialUploader.rangesRead(PartialUploader.plan(50, 50, P,
                List.of(new long[] {12, 13}, new long[] {25, 26}, new long[] {45, 46})), 50);
        assertThat(read).containsExactly(new long[] {10, 30}, new long[] {40, 50});
        assertThat(PartialUploader.rangesRead(List.of(), 19)).as("a whole upload").containsExactly(new long[] {0, 19});
        assertThat(PartialUploader.rangesRead(List.of(), 0)).as("an empty file").isEmpty();
    }
}
