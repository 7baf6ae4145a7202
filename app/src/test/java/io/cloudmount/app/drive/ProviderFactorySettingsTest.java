package io.cloudmount.app.drive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a configured S3 drive becomes in the provider's settings. */
class ProviderFactorySettingsTest {

    private static StorageSpec.S3 drive(boolean serverModTimes) {
        return new StorageSpec.S3("http://127.0.0.1:9000", "eu-west-1", "photos", "2024", StorageSpec.S3Auth.DEFAULT_CHAIN,
                "", "", true, serverModTimes);
    }

    @Test
    void storedModificationTimesAreReadUnlessTheDriveShowsUploadTimes() throws Exception {
        assertThat(ProviderFactory.s3Settings(drive(false), Optional.empty(), false).modTimesInListings()).isTrue();
        assertThat(ProviderFactory.s3Settings(drive(true), Optional.empty(), false).modTimesInListings()).isFalse();
    }

    @Test
    void theRestOfTheSpecReachesTheSettings() throws Exception {
        var settings = ProviderFactory.s3Settings(drive(true), Optional.empty(), false);

        assertThat(settings.bucket()).isEqualTo("photos");
        assertThat(settings.prefix()).isEqualTo("2024");
        assertThat(settings.region()).isEqualTo("eu-west-1");
        assertThat(settings.pathStyle()).isTrue();
        assertThat(settings.endpoint()).hasToString("http://127.0.0.1:9000");
    }
}
