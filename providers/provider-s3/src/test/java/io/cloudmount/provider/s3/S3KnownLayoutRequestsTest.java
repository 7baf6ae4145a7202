package io.cloudmount.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ObjectPaths;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.s3.testing.Exchange;
import io.cloudmount.provider.s3.testing.FaultyS3Proxy;
import io.cloudmount.provider.s3.testing.RequestMatch;
import io.cloudmount.provider.s3.testing.S3ServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The requests S3 sees when the engine vouches for what it just looked up ({@code deleteKnownFile},
 * {@code mkdirKnownAbsent}, {@code renameKnownFile}) and for renames inside one directory: only the
 * requests that change something, plus what a copy needs when no listing showed it.
 */
class S3KnownLayoutRequestsTest {
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    private FaultyS3Proxy proxy;
    private String bucket;
    private S3StorageProvider provider;

    @BeforeEach
    void start() throws Exception {
        proxy = FaultyS3Proxy.inFrontOf(S3.server());
        bucket = S3.server().createBucket();
        provider = new S3StorageProvider(S3.server().settings(bucket).endpoint(proxy.endpoint()).build());
        provider.mkdir("/d");
        store("d/a", "alpha");
        store("d/b", "beta");
    }

    @AfterEach
    void stop() {
        provider.close();
        proxy.close();
    }

    @Test
    void deletingAKnownFileWithSiblingsIsOneDelete() throws Exception {
        long before = lastSequence();

        provider.deleteKnownFile("/d/a", true);

        assertThat(requestsAfter(before)).containsExactly("DELETE /d/a");
        assertThat(names("/d")).containsExactly("b");
    }

    @Test
    void deletingTheLastFileOfAnImpliedDirectoryStillKeepsTheDirectory() throws Exception {
        store("implied/only", "x"); // no marker: the directory exists through its key alone

        provider.deleteKnownFile("/implied/only", false);

        assertThat(provider.stat("/implied").isDirectory()).isTrue();
        assertThat(names("/implied")).isEmpty();
    }

    @Test
    void creatingAKnownAbsentDirectoryIsOneMarkerPut() throws Exception {
        long before = lastSequence();

        provider.mkdirKnownAbsent("/d/sub");

        assertThat(requestsAfter(before)).containsExactly("PUT /d/sub/");
        assertThat(provider.stat("/d/sub").isDirectory()).isTrue();
    }

    @Test
    void renamingAKnownFileNotYetListedIsHeadCopyAndDelete() throws Exception {
        long before = lastSequence();

        provider.renameKnownFile("/d/a", "/d/a2", true);

        assertThat(requestsEventually(before, 3)).containsExactly("HEAD /d/a", "PUT /d/a2", "DELETE /d/a");
        assertThat(names("/d")).containsExactlyInAnyOrder("a2", "b");
        assertThat(provider.stat("/d/a2").size()).isEqualTo(5);
    }

    @Test
    void renamingAListedFileIsCopyAndDelete() throws Exception {
        names("/d");
        long before = lastSequence();

        provider.renameKnownFile("/d/a", "/d/a2", true);

        assertThat(requestsEventually(before, 2)).containsExactly("PUT /d/a2", "DELETE /d/a");
        assertThat(content("d/a2")).isEqualTo("alpha");
        assertThat(names("/d")).containsExactlyInAnyOrder("a2", "b");
    }

    @Test
    void aFileReplacedElsewhereSinceItWasListedIsMovedAsItIsNow() throws Exception {
        names("/d");
        store("d/a", "replaced by another client");
        long before = lastSequence();

        provider.renameKnownFile("/d/a", "/d/a2", true);

        // The copy of the listed version is refused (If-Match), then the current one is looked up and moved.
        assertThat(requestsEventually(before, 4)).containsExactly("PUT /d/a2", "HEAD /d/a", "PUT /d/a2", "DELETE /d/a");
        assertThat(content("d/a2")).isEqualTo("replaced by another client");
        assertThat(names("/d")).containsExactlyInAnyOrder("a2", "b");
    }

    @Test
    void aFileDeletedElsewhereSinceItWasListedCannotBeMoved() throws Exception {
        names("/d");
        S3.server().admin().deleteObject(b -> b.bucket(bucket).key("d/a"));

        assertThatThrownBy(() -> provider.renameKnownFile("/d/a", "/d/a2", true))
                .isInstanceOf(ProviderException.NotFound.class);
        assertThat(names("/d")).containsExactly("b");
    }

    @Test
    void renamingAKnownFileReplacesAFileAtTheTarget() throws Exception {
        provider.renameKnownFile("/d/a", "/d/b", true);

        assertThat(names("/d")).containsExactly("b");
        assertThat(provider.stat("/d/b").size()).isEqualTo(5);
    }

    @Test
    void aCheckedRenameInsideOneDirectoryLooksUpNeitherTheParentNorTheTargetFile() throws Exception {
        long before = lastSequence();

        provider.rename("/d/a", "/d/a2", true);

        // The source is resolved (is it a directory? then HEAD), the target only as a directory.
        assertThat(requestsEventually(before, 5)).containsExactly("LIST d/a/", "HEAD /d/a", "LIST d/a2/", "PUT /d/a2",
                "DELETE /d/a");
    }

    private void store(String key, String text) {
        S3.server().admin().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(text));
    }

    private String content(String key) {
        return S3.server().admin().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    private List<String> names(String directory) throws Exception {
        return provider.list(directory, null).entries().stream().map(ObjectInfo::name).toList();
    }

    private long lastSequence() {
        List<Exchange> all = proxy.exchanges();
        return all.isEmpty() ? -1 : all.get(all.size() - 1).sequence();
    }

    /** {@link #requestsAfter} once there are {@code count}: a renamed file's old key is deleted after the rename returns. */
    private List<String> requestsEventually(long sequence, int count) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> requestsAfter(sequence).size() >= count);
        return requestsAfter(sequence);
    }

    /** Requests after {@code sequence}, as "METHOD /path" or "LIST prefix", in order. */
    private List<String> requestsAfter(long sequence) {
        RequestMatch listing = RequestMatch.listing(bucket);
        return proxy.exchanges().stream().filter(e -> e.sequence() > sequence).map(e -> {
            if (listing.matches(e.method(), e.target())) {
                return "LIST " + java.net.URLDecoder.decode(e.target().replaceAll(".*[?&]prefix=([^&]*).*", "$1"),
                        java.nio.charset.StandardCharsets.UTF_8);
            }
            String path = e.target().substring(("/" + bucket).length()).replaceAll("\\?.*", "");
            return e.method() + " " + ObjectPaths.ROOT.substring(1) + path;
        }).toList();
    }
}
