package io.cloudmount.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** What the CLI makes of the values users type. */
class CliParsingTest {

    @Test
    void mountHelpPrintsEveryDescriptionWithoutFormatWarnings() {
        StringWriter help = new StringWriter();
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            var cli = CloudMountCommand.commandLine();
            cli.setOut(new PrintWriter(help, true));
            assertThat(cli.execute("mount", "--help")).isZero();
        } finally {
            System.setErr(stderr);
        }

        // picocli formats descriptions: a bare '%' used to print a warning per use and the raw text
        assertThat(warnings.toString(StandardCharsets.UTF_8)).doesNotContain("WARN");
        assertThat(help.toString().replaceAll("\\s+", " ")).contains("(default: 60% of the JVM's maximum heap)");
    }

    @Test
    void sizesUseBinaryUnits() {
        assertThat(ByteSize.parse("512M")).isEqualTo(512L << 20);
        assertThat(ByteSize.parse("2G")).isEqualTo(2L << 30);
        assertThat(ByteSize.parse("1.5GiB")).isEqualTo(3L << 29);
        assertThat(ByteSize.parse("4096")).isEqualTo(4096);
        assertThatThrownBy(() -> ByteSize.parse("lots")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> ByteSize.parse("-1G")).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void durationsTakeUnits() {
        DurationConverter d = new DurationConverter();
        assertThat(d.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(d.convert("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(d.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(d.convert("30")).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> d.convert("soon")).isInstanceOf(TypeConversionException.class);
        assertThat(d.convert("8760h")).isEqualTo(Duration.ofDays(365));
        for (String tooLong : new String[] {"1e400s", "1e300", "8761h", "99999999999999ms"}) {
            assertThatThrownBy(() -> d.convert(tooLong)).as(tooLong).isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining("too long");
        }
    }

    @Test
    void sourcesAreRecognised() throws Exception {
        assertThat(Source.parse("memory:")).isInstanceOf(Source.Memory.class);
        assertThat(Source.parse("s3://bucket/photos/2024/")).isEqualTo(new Source.S3("bucket", "photos/2024"));
        assertThat(Source.parse("s3://bucket")).isEqualTo(new Source.S3("bucket", ""));
        assertThatThrownBy(() -> Source.parse("s3://")).hasMessageContaining("needs a bucket");
        assertThatThrownBy(() -> Source.parse("local:")).hasMessageContaining("needs a folder");
    }

    @Test
    void plainHttpToAnotherHostIsWarnedAboutButLoopbackIsNot() {
        S3Options remote = new S3Options();
        remote.endpoint = URI.create("http://203.0.113.7:9000");
        assertThat(remote.insecureEndpointWarning()).contains("unencrypted");
        S3Options local = new S3Options();
        local.endpoint = URI.create("http://127.0.0.1:9000");
        assertThat(local.insecureEndpointWarning()).isNull();
        S3Options tls = new S3Options();
        tls.endpoint = URI.create("https://s3.example.com");
        assertThat(tls.insecureEndpointWarning()).isNull();
    }

    @Test
    void storedModificationTimesAreReadUnlessServerTimesAreAskedFor() throws Exception {
        var source = new Source.S3("bucket", "");
        S3Options defaults = new S3Options();
        new picocli.CommandLine(defaults).parseArgs();
        assertThat(defaults.settings(source).modTimesInListings()).isTrue();

        S3Options serverTimes = new S3Options();
        new picocli.CommandLine(serverTimes).parseArgs("--use-server-modtime");
        assertThat(serverTimes.settings(source).modTimesInListings()).isFalse();
    }

    @Test
    void theMultipartThresholdReachesTheS3SettingsAndBadValuesAreUsageErrors() throws Exception {
        S3Options options = new S3Options();
        assertThat(options.settings(new Source.S3("bucket", "")).transfer().multipartUploadThreshold())
                .isEqualTo(1L << 30);
        options.multipartThreshold = ByteSize.parse("64M");
        assertThat(options.settings(new Source.S3("bucket", "")).transfer().multipartUploadThreshold())
                .isEqualTo(64L << 20);
        options.multipartThreshold = ByteSize.parse("1M"); // below the 16 MiB part size
        assertThatThrownBy(() -> options.settings(new Source.S3("bucket", "")))
                .isInstanceOfSatisfying(CliFailure.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageContaining("--multipart-threshold must be between 16M and 5G");
    }

    @Test
    void bucketsAndPrefixesNoServerCouldMeanAreUsageErrors() throws Exception {
        S3Options options = new S3Options();
        for (String source : new String[] {"s3://bkt/a/../b", "s3://bkt/./b", "s3://../x", "s3://my bucket", "s3://bad!"}) {
            assertThatThrownBy(() -> options.settings((Source.S3) Source.parse(source))).as(source)
                    .isInstanceOfSatisfying(CliFailure.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                    .hasMessageMatching("(not a bucket name|prefix has a).*");
        }
    }

    @Test
    void aCacheFolderThatIsAFileOrUnderOneIsAUsageErrorSayingSo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> CacheOptions.prepareFolder(file))
                .isInstanceOfSatisfying(CliFailure.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessage("--cache-dir " + file + " is a file, not a folder");
        assertThatThrownBy(() -> CacheOptions.prepareFolder(file.resolve("cache")))
                .isInstanceOfSatisfying(CliFailure.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageStartingWith("--cache-dir " + file.resolve("cache") + " cannot be created: ")
                .hasMessageContaining("Not a directory");
        CacheOptions.prepareFolder(dir.resolve("new/cache"));
        assertThat(dir.resolve("new/cache")).isDirectory();
    }

    @Test
    void cacheFoldersAreStablePerSourceAndReadable() {
        String a = CacheOptions.driveFolder("s3://bucket/photos");
        assertThat(a).isEqualTo(CacheOptions.driveFolder("s3://bucket/photos"));
        assertThat(a).isNotEqualTo(CacheOptions.driveFolder("s3://bucket/music"));
        assertThat(a).startsWith("s3_bucket_photos-").doesNotContain("/");
    }
}
