package io.cloudmount.provider.s3;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KnownModTimesTest {
    private static final Instant WRITTEN = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant STORED_MTIME = Instant.parse("2025-12-24T18:30:00.123456789Z");

    private final KnownModTimes known = new KnownModTimes(KnownModTimes.SETTLE);

    @Test
    void aVersionHeadedLongAfterItsWriteIsKnownWhenListedAgain() {
        known.record("d/a", head("\"e1\"", WRITTEN, WRITTEN.plusSeconds(60)));

        // Listings carry milliseconds where HEAD answers carry whole seconds.
        assertThat(known.modified(listed("d/a", "\"e1\"", WRITTEN.plusMillis(250)))).isEqualTo(STORED_MTIME);
        assertThat(known.modified(listed("d/b", "\"e1\"", WRITTEN))).isNull();
    }

    @Test
    void newContentOrMetadataRewrittenInPlaceIsAnotherVersion() {
        known.record("d/a", head("\"e1\"", WRITTEN, WRITTEN.plusSeconds(60)));

        assertThat(known.modified(listed("d/a", "\"e2\"", WRITTEN))).isNull();
        // A copy onto itself with new metadata keeps the ETag and changes LastModified.
        assertThat(known.modified(listed("d/a", "\"e1\"", WRITTEN.plusSeconds(61)))).isNull();
    }

    @Test
    void anAnswerGivenSoonAfterTheWriteIsNotKept() {
        // A second write within the same LastModified second could follow and look identical.
        known.record("d/a", head("\"e1\"", WRITTEN, WRITTEN.plusSeconds(2)));

        assertThat(known.modified(listed("d/a", "\"e1\"", WRITTEN))).isNull();
    }

    @Test
    void anAnswerWithoutADateIsNotKept() {
        known.record("d/a", head("\"e1\"", WRITTEN, null));

        assertThat(known.modified(listed("d/a", "\"e1\"", WRITTEN))).isNull();
    }

    @Test
    void aVersionThisDriveWroteIsKnownUntilALaterOneIsListed() {
        known.wrote("d/a", new StoredVersion("e1", WRITTEN), STORED_MTIME);

        // Servers quote ETags in listings; the answer to a write may not.
        assertThat(known.modified(listed("d/a", "\"e1\"", WRITTEN.plusMillis(800)))).isEqualTo(STORED_MTIME);
        // A multipart upload's LastModified is when it started, before the answer.
        assertThat(known.modified(listed("d/a", "\"e1\"", WRITTEN.minusSeconds(30)))).isEqualTo(STORED_MTIME);
        assertThat(known.modified(listed("d/a", "\"e1\"", WRITTEN.plusSeconds(1)))).isNull();
        assertThat(known.modified(listed("d/a", "\"e2\"", WRITTEN))).isNull();

        known.forget("d/a");
        assertThat(known.modified(listed("d/a", "\"e1\"", WRITTEN))).isNull();
    }

    @Test
    void aWriteWhoseAnswerHasNoDateForgetsTheKey() {
        known.record("d/a", head("\"e1\"", WRITTEN, WRITTEN.plusSeconds(60)));

        known.wrote("d/a", new StoredVersion("\"e1\"", null), STORED_MTIME.plusSeconds(1));

        assertThat(known.modified(listed("d/a", "\"e1\"", WRITTEN))).isNull();
    }

    @Test
    void theNextRunKnowsWhatThisOneWrote(@TempDir Path dir) {
        Path file = dir.resolve("s3-modtimes");
        known.wrote("d/a", new StoredVersion("\"e1\"", WRITTEN), STORED_MTIME);
        known.save(file, "store");

        var next = KnownModTimes.load(file, "store", KnownModTimes.SETTLE);
        assertThat(next.modified(listed("d/a", "\"e1\"", WRITTEN.minusSeconds(5)))).isEqualTo(STORED_MTIME);
        assertThat(next.modified(listed("d/a", "\"e1\"", WRITTEN.plusSeconds(1)))).isNull();
    }

    @Test
    void aFileOfTheFirstFormatIsStillRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s3-modtimes");
        Files.write(file, List.of("cloudmount-s3-modtimes 1 store",
                "d%2Fa %22e1%22 " + WRITTEN.getEpochSecond() + " " + STORED_MTIME.getEpochSecond() + " "
                        + STORED_MTIME.getNano()));

        var next = KnownModTimes.load(file, "store", KnownModTimes.SETTLE);
        assertThat(next.modified(listed("d/a", "\"e1\"", WRITTEN))).isEqualTo(STORED_MTIME);
        assertThat(next.modified(listed("d/a", "\"e1\"", WRITTEN.minusSeconds(1)))).isNull();
    }

    @Test
    void theNextRunKnowsWhatThisOneSaved(@TempDir Path dir) {
        Path file = dir.resolve("cache/s3-modtimes");
        String oddKey = "d/with space+plus\nnewline/ä";
        known.record(oddKey, head("\"e 1\"", WRITTEN, WRITTEN.plusSeconds(60)));
        known.save(file, "s3://b at http://127.0.0.1:9000");

        var next = KnownModTimes.load(file, "s3://b at http://127.0.0.1:9000", KnownModTimes.SETTLE);
        assertThat(next.modified(listed(oddKey, "\"e 1\"", WRITTEN))).isEqualTo(STORED_MTIME);

        var otherStore = KnownModTimes.load(file, "s3://other at http://127.0.0.1:9000", KnownModTimes.SETTLE);
        assertThat(otherStore.modified(listed(oddKey, "\"e 1\"", WRITTEN))).isNull();
    }

    @Test
    void aDamagedOrMissingFileCostsOnlyTheLinesItLost(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s3-modtimes");
        known.record("a", head("\"e1\"", WRITTEN, WRITTEN.plusSeconds(60)));
        known.record("b", head("\"e2\"", WRITTEN, WRITTEN.plusSeconds(60)));
        known.save(file, "store");
        List<String> lines = Files.readAllLines(file);
        // Keep the header and the line of b; damage the other and cut off its end.
        String lineOfB = lines.stream().filter(l -> l.startsWith("b ")).findFirst().orElseThrow();
        Files.write(file, List.of(lines.get(0), "a %zz 12", lineOfB, "c \"e3\" 17000"));

        var next = KnownModTimes.load(file, "store", KnownModTimes.SETTLE);
        assertThat(next.modified(listed("a", "\"e1\"", WRITTEN))).isNull();
        assertThat(next.modified(listed("b", "\"e2\"", WRITTEN))).isEqualTo(STORED_MTIME);
        assertThat(KnownModTimes.load(dir.resolve("absent"), "store", KnownModTimes.SETTLE)
                .modified(listed("b", "\"e2\"", WRITTEN))).isNull();
    }

    private static HeadObjectResponse head(String etag, Instant lastModified, Instant answered) {
        var http = SdkHttpResponse.builder().statusCode(200);
        if (answered != null) {
            http.putHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(answered.atZone(ZoneOffset.UTC)));
        }
        return (HeadObjectResponse) HeadObjectResponse.builder().eTag(etag).lastModified(lastModified).contentLength(5L)
                .metadata(Map.of(MtimeMetadata.KEY, MtimeMetadata.format(STORED_MTIME)))
                .sdkHttpResponse(http.build()).build();
    }

    private static S3Object listed(String key, String etag, Instant lastModified) {
        return S3Object.builder().key(key).eTag(etag).lastModified(lastModified).size(5L).build();
    }
}
