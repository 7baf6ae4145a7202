package io.cloudmount.provider.s3;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static io.cloudmount.provider.s3.S3TransferSettings.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3SettingsTest {

    @Test
    void toStringNeverShowsTheSecretOrTheSessionToken() {
        S3Settings settings = S3Settings.builder("b")
                .credentials(new S3Credentials.StaticKeys("AKIAEXAMPLEKEY", "wJalrXUtnFEMI/K7MDENG", "session-token-xyz"))
                .build();

        assertThat(settings.toString()).doesNotContain("wJalrXUtnFEMI").doesNotContain("session-token-xyz")
                .doesNotContain("AKIAEXAMPLEKEY").contains("AKIA…");
        assertThat(settings.describe()).isEqualTo("s3://b");
    }

    @Test
    void thePrefixLosesItsSlashesAndNamesTheDrive() {
        S3Settings settings = S3Settings.builder("b").prefix("/team/docs/").endpoint(URI.create("http://127.0.0.1:9000")).build();

        assertThat(settings.prefix()).isEqualTo("team/docs");
        assertThat(settings.describe()).isEqualTo("s3://b/team/docs at http://127.0.0.1:9000");
        assertThat(settings.storeName()).as("the same store at any endpoint").isEqualTo("s3://b/team/docs");
    }

    @Test
    void invalidValuesAreRejectedNamingTheSetting() {
        assertThatThrownBy(() -> S3Settings.builder("b").prefix("a//b").build()).hasMessageContaining("prefix");
        assertThatThrownBy(() -> S3Settings.builder("").build()).hasMessageContaining("bucket");
        assertThatThrownBy(() -> S3Settings.builder("b").prefix("a/../b").build()).hasMessageContaining("'..' segment");
        assertThatThrownBy(() -> S3Settings.builder("b").prefix("./a").build()).hasMessageContaining("'.' segment");
        assertThatThrownBy(() -> S3Settings.builder("b").prefix("..").build()).hasMessageContaining("'..' segment");
        for (String bucket : new String[] {"..", ".", "my bucket", "a?b", "a#b", "bück", "bad_bucket!"}) {
            assertThatThrownBy(() -> S3Settings.builder(bucket).build()).hasMessageContaining("not a bucket name");
        }
        assertThat(S3Settings.builder("Legacy_Bucket.2010").prefix("a..b/.c").build().bucket())
                .as("names S3-compatible servers accept").isEqualTo("Legacy_Bucket.2010");
        assertThat(S3Settings.builder("tenant:bucket").build().bucket()).as("Ceph's bucket of another tenant")
                .isEqualTo("tenant:bucket");
        assertThatThrownBy(() -> S3Settings.builder("b").region(" ").build()).hasMessageContaining("region");
        assertThatThrownBy(() -> S3Settings.builder("b").endpoint(URI.create("localhost")).build()).hasMessageContaining("endpoint");
        assertThatThrownBy(() -> new S3TransferSettings(8 * MIB, 4 * MIB, 5 * MIB, 5 * MIB, 4)).hasMessageContaining("uploadPartSize");
        assertThatThrownBy(() -> new S3TransferSettings(8 * MIB, 8 * MIB, 6 * 1024 * MIB, 5 * MIB, 4))
                .hasMessageContaining("multipartCopyThreshold");
    }

    @Test
    void partsGrowSoThatNoObjectNeedsMoreThanTenThousand() {
        assertThat(S3TransferSettings.partSizeFor(10 * MIB, 8 * MIB)).isEqualTo(8 * MIB);
        long huge = 200L * 1024 * 1024 * 1024;
        assertThat(huge / S3TransferSettings.partSizeFor(huge, 8 * MIB)).isLessThanOrEqualTo(S3TransferSettings.MAX_PARTS);
    }
}
