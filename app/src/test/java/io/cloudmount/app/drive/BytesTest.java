package io.cloudmount.app.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BytesTest {
    @Test
    void sizesReadAsPeopleWriteThem() {
        assertThat(Bytes.parse("512M")).isEqualTo(512L << 20);
        assertThat(Bytes.parse("1.5 GB")).isEqualTo(3L << 29);
        assertThat(Bytes.parse("4096")).isEqualTo(4096);
        assertThat(Bytes.parse("1 B")).isEqualTo(1);
    }

    /** Settings' cache size of 0 made every later mount throw and stay "Mounting…". */
    @Test
    void aSizeBelowOneByteIsRefused() {
        assertThatThrownBy(() -> Bytes.parse("0.5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Enter a size such as 512 MB or 2 GB");
        assertThatThrownBy(() -> Bytes.parse("0.9 B")).isInstanceOf(IllegalArgumentException.class);
    }
}
