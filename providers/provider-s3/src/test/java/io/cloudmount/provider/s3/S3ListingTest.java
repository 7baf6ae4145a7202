package io.cloudmount.provider.s3;

import io.cloudmount.provider.ListPage;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.OpenMode;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.s3.testing.S3ServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How keys that other tools wrote, and many keys, look through the provider. */
class S3ListingTest {
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    private String bucket;
    private S3StorageProvider provider;

    @BeforeEach
    void openDrive() {
        bucket = S3.server().createBucket();
        provider = new S3StorageProvider(S3.server().settings(bucket).build());
    }

    @AfterEach
    void closeDrive() {
        provider.close();
    }

    @Test
    void listingPagesPastAThousandKeysAndReturnsEachOnce() throws Exception {
        IntStream.range(0, 1100).parallel().forEach(i -> putRaw(String.format("many/f%04d", i), "x"));
        var fast = new S3StorageProvider(S3.server().settings(bucket).modTimesInListings(false).build());
        try (fast) {
            ListPage first = fast.list("/many", null);
            assertThat(first.entries()).hasSize(1000);
            assertThat(first.nextPageToken()).isNotNull();

            List<String> names = new ArrayList<>(first.entries().stream().map(ObjectInfo::name).toList());
            ListPage page = first;
            while (!page.isLast()) {
                page = fast.list("/many", page.nextPageToken());
                page.entries().forEach(e -> names.add(e.name()));
            }
            assertThat(names).hasSize(1100).doesNotHaveDuplicates().isSorted();
        }
    }

    @Test
    void keysWithoutMarkersShowAsDirectories() throws Exception {
        putRaw("photos/2023/jan/a.jpg", "jpeg");
        putRaw("photos/readme.txt", "hi");

        assertThat(provider.stat("/photos").isDirectory()).isTrue();
        assertThat(provider.stat("/photos/2023/jan").isDirectory()).isTrue();
        assertThat(names("/")).containsExactly("photos");
        assertThat(provider.list("/photos", null).entries())
                .extracting(ObjectInfo::name, ObjectInfo::isDirectory)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2023", true),
                        org.assertj.core.groups.Tuple.tuple("readme.txt", false));
    }

    @Test
    void aDirectoryWithoutMarkerStaysWhenItsLastFileIsDeleted() throws Exception {
        putRaw("implied/only.txt", "x");

        provider.deleteFile("/implied/only.txt");

        assertThat(provider.stat("/implied").isDirectory()).isTrue();
        assertThat(names("/implied")).isEmpty();
    }

    @Test
    void markersOfRcloneAndS3fsAreEmptyDirectories() throws Exception {
        // rclone (--s3-directory-markers) and s3fs both write "name/" objects; s3fs adds its content type.
        S3.server().admin().putObject(b -> b.bucket(bucket).key("by-rclone/").metadata(Map.of("mtime", "1600000000.25")),
                RequestBody.empty());
        S3.server().admin().putObject(b -> b.bucket(bucket).key("by-s3fs/").contentType("application/x-directory"),
                RequestBody.empty());

        assertThat(names("/")).containsExactly("by-rclone", "by-s3fs");
        assertThat(names("/by-rclone")).isEmpty();
        assertThat(provider.stat("/by-s3fs").isDirectory()).isTrue();
        assertThat(provider.stat("/by-rclone").modified()).isEqualTo(Instant.ofEpochSecond(1600000000, 250_000_000));

        provider.deleteDirectory("/by-s3fs");
        assertThat(names("/")).containsExactly("by-rclone");
    }

    @Test
    void aDirectoryHidesAFileOfTheSameNameWhichStaysOnTheServer() throws Exception {
        putRaw("both", "I am a file");
        putRaw("both/inner", "I am inside");

        assertThat(provider.stat("/both").isDirectory()).isTrue();
        assertThat(provider.list("/", null).entries()).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("both");
            assertThat(e.isDirectory()).isTrue();
        });
        assertThatThrownBy(() -> provider.open("/both", OpenMode.READ)).isInstanceOf(ProviderException.IsADirectory.class);
        assertThat(S3.server().admin().headObject(b -> b.bucket(bucket).key("both")).contentLength()).isEqualTo(11);
    }

    @Test
    void aShadowedFileAtThePageEndIsNotListedAsAFileToo() throws Exception {
        // "x-…" sorts between "x" and "x/", so 1000 of them push the directory "x/" onto page two
        // while the shadowed file "x" sits on page one.
        putRaw("x", "shadowed");
        IntStream.range(0, 1000).parallel().forEach(i -> putRaw(String.format("x-%04d", i), "y"));
        putRaw("x/inner", "z");
        var fast = new S3StorageProvider(S3.server().settings(bucket).modTimesInListings(false).build());
        try (fast) {
            List<ObjectInfo> all = fast.listAll("/");

            assertThat(all).hasSize(1001);
            assertThat(all).filteredOn(e -> e.name().equals("x")).singleElement()
                    .satisfies(e -> assertThat(e.isDirectory()).isTrue());
        }
    }

    @Test
    void keysThatCannotBePathsAreSkipped() throws Exception {
        // "." and ".." cannot be path segments. (Keys with "//" would be skipped the same way, but
        // S3Proxy cannot store them: its HTTP layer collapses the slashes and the signature fails.)
        for (String key : List.of("odd/./dot", "odd/../up", "odd/.", "odd/..", "odd/fine")) {
            putRaw(key, "x");
        }

        assertThat(names("/odd")).containsExactly("fine");
    }

    @Test
    void theDrivePrefixIsTheRoot() throws Exception {
        putRaw("outside.txt", "not on the drive");
        putRaw("team/docs/plan.txt", "on the drive");
        var drive = new S3StorageProvider(S3.server().settings(bucket).prefix("/team/").build());
        try (drive) {
            assertThat(drive.list("/", null).entries()).extracting(ObjectInfo::name).containsExactly("docs");
            assertThat(drive.stat("/docs/plan.txt").size()).isEqualTo(12);
            drive.mkdir("/new");
        }
        assertThat(S3.server().admin().headObject(b -> b.bucket(bucket).key("team/new/")).contentLength()).isZero();
    }

    private List<String> names(String directory) throws Exception {
        return provider.list(directory, null).entries().stream().map(ObjectInfo::name).toList();
    }

    private void putRaw(String key, String content) {
        S3.server().admin().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
    }
}
