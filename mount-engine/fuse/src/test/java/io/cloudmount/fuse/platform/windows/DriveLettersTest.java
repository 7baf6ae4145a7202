package io.cloudmount.fuse.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DriveLettersTest {

    @Test
    void firstFreeCountsDownFromZ() {
        assertThat(DriveLetters.of('C').firstFree()).contains('Z');
        assertThat(DriveLetters.of('C', 'Z', 'Y').firstFree()).contains('X');
    }

    @Test
    void lettersAreCaseInsensitive() {
        assertThat(DriveLetters.of('z', 'c').inUse()).containsExactly('C', 'Z');
        assertThat(DriveLetters.of('z').firstFree()).contains('Y');
    }

    @Test
    void aBToCAreNeverChosen() {
        Set<Character> dToZ = new java.util.TreeSet<>();
        for (char c = 'D'; c <= 'Z'; c++) {
            dToZ.add(c);
        }
        DriveLetters onlyAbcFree = () -> dToZ;

        assertThat(onlyAbcFree.firstFree()).isEmpty();
    }

    @Test
    void dIsTheLastChoice() {
        Set<Character> eToZ = new java.util.TreeSet<>();
        for (char c = 'E'; c <= 'Z'; c++) {
            eToZ.add(c);
        }
        DriveLetters onlyDFree = () -> eToZ;

        assertThat(onlyDFree.firstFree()).contains('D');
    }
}
