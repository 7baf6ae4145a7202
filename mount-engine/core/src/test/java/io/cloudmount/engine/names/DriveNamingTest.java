package io.cloudmount.engine.names;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.provider.memory.MemoryProvider;
import org.junit.jupiter.api.Test;

class DriveNamingTest {

    @Test
    void windowsEncodesNamesAndIgnoresCaseByDefaultOtherSystemsShowNamesAsStored() {
        assertThat(DriveNaming.defaultFor("Windows 11")).isEqualTo(DriveNaming.WINDOWS);
        assertThat(DriveNaming.defaultFor("Linux")).isEqualTo(DriveNaming.AS_STORED);
        assertThat(DriveNaming.defaultFor(null)).isEqualTo(DriveNaming.AS_STORED);
    }

    @Test
    void caseInsensitivityWrapsTheEncodingSoItComparesTheNamesUsersSee() {
        var store = MemoryProvider.withCapacity(1 << 20);

        assertThat(DriveNaming.AS_STORED.present(store)).isSameAs(store);
        assertThat(DriveNaming.WINDOWS.present(store)).hasToString(
                "CaseInsensitiveProvider[NameEncodingProvider[" + store + "]]");
    }
}
