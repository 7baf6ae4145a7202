package io.cloudmount.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.s3.testing.Fault;
import io.cloudmount.provider.s3.testing.FaultyS3Proxy;
import io.cloudmount.provider.s3.testing.RequestMatch;
import io.cloudmount.provider.s3.testing.S3ServerExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A renamed file's old key is deleted after the rename returns (DeferredDeletes): hidden until then,
 * never deleting what was written there afterwards, journaled across a kill, batched.
 */
class S3DeferredDeletesTest {
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    /** Single deletes and DeleteObjects batches. */
    private static final List<RequestMatch> DELETES = List.of(RequestMatch.method("DELETE"), RequestMatch.of("POST", "[?&]delete"));

    @TempDir
    Path cacheDir;

    private FaultyS3Proxy proxy;
    private String bucket;

    @BeforeEach
    void start() throws Exception {
        proxy = FaultyS3Proxy.inFrontOf(S3.server());
        bucket = S3.server().createBucket();
        store("d/a", "alpha");
        store("d/b", "beta");
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    @Test
    void aRenamedFilesOldNameIsGoneFromTheDriveAtOnceAndFromTheBucketSoonAfter() throws Exception {
        refuseDeletes(1000);
        try (var provider = provider()) {
            provider.renameKnownFile("/d/a", "/d/a2", true);

            // The delete keeps failing: the bucket still has the old key, the drive shows the move done.
            await().atMost(Duration.ofSeconds(10)).until(() -> countDeletes() >= 1);
            assertThat(exists("d/a")).isTrue();
            assertThat(names(provider)).containsExactlyInAnyOrder("a2", "b");
            assertThatThrownBy(() -> provider.stat("/d/a")).isInstanceOf(ProviderException.NotFound.class);
            assertThat(content("d/a2")).isEqualTo("alpha");

            proxy.clearFaults(); // the server accepts deletes again: the worker's retry goes through
            await().atMost(Duration.ofSeconds(20)).until(() -> !exists("d/a"));
            assertThat(names(provider)).containsExactlyInAnyOrder("a2", "b");
        }
        assertThat(cacheDir.resolve(S3StorageProvider.DEFERRED_DELETES_FILE)).as("nothing left to do").doesNotExist();
    }

    @Test
    void aNameWrittenAgainBeforeItsOldKeyWasDeletedKeepsTheNewContent() throws Exception {
        refuseDeletes(1); // the background delete of d/a fails once, then waits to retry
        try (var provider = provider()) {
            provider.renameKnownFile("/d/a", "/d/tmp", true);
            await().atMost(Duration.ofSeconds(10)).until(() -> countDeletes() >= 1);
            provider.renameKnownFile("/d/tmp", "/d/a", true); // mv a tmp; mv tmp a

            await().atMost(Duration.ofSeconds(20)).until(() -> !exists("d/tmp"));
            assertThat(content("d/a")).as("the late delete of the first move must not remove the second's copy")
                    .isEqualTo("alpha");
            assertThat(names(provider)).containsExactlyInAnyOrder("a", "b");
        }
    }

    @Test
    void aDeleteRetriedAfterARefusalLeavesAloneWhatAnotherClientWroteAtTheOldNameMeanwhile() throws Exception {
        RequestMatch deleteOfA = RequestMatch.object("DELETE", bucket, "d/a");
        proxy.inject(deleteOfA, 1000, Fault.slowDown()); // refused until the other client has written
        Path journal = cacheDir.resolve(S3StorageProvider.DEFERRED_DELETES_FILE);
        try (var provider = provider()) {
            provider.renameKnownFile("/d/a", "/d/a2", true);
            await().atMost(Duration.ofSeconds(10)).until(() -> proxy.count(deleteOfA) >= 1);
            store("d/a", "written by another client"); // straight to the server, as another client would
            proxy.clearFaults();

            await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(journal)); // the retry is done
            assertThat(names(provider)).as("the other client's file shows").containsExactlyInAnyOrder("a", "a2", "b");
        }
        assertThat(content("d/a")).as("another client's object is left alone").isEqualTo("written by another client");
        assertThat(content("d/a2")).isEqualTo("alpha");
    }

    @Test
    void renamesLeftUndoneWhenTheDriveClosedAreFinishedByTheNextMountUnlessAnotherClientRewroteTheOldKey()
            throws Exception {
        store("d/c", "gamma");
        refuseDeletes(1000);
        Path journal = cacheDir.resolve(S3StorageProvider.DEFERRED_DELETES_FILE);
        try (var first = provider()) {
            first.renameKnownFile("/d/a", "/d/a2", true);
            first.renameKnownFile("/d/c", "/d/c2", true);
            // Recorded before the renames returned, so a kill from here on loses nothing either.
            assertThat(Files.readString(journal)).contains("d%2Fa").contains("d%2Fc");
            await().atMost(Duration.ofSeconds(10)).until(() -> countDeletes() >= 1);
        } // closed while the server refuses deletes: both stay journaled
        store("d/c", "written elsewhere after the rename");
        proxy.clearFaults();

        try (var next = provider()) {
            assertThat(names(next)).as("hidden at once").containsExactlyInAnyOrder("a2", "b", "c2");
            await().atMost(Duration.ofSeconds(20)).until(() -> !exists("d/a"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(journal));
            assertThat(names(next)).as("the rewritten key shows again").containsExactlyInAnyOrder("a2", "b", "c", "c2");
        }
        assertThat(content("d/c")).as("another client's object is left alone").isEqualTo("written elsewhere after the rename");
    }

    @Test
    void manyRenamesInOneFolderShareFewDeleteRequests() throws Exception {
        for (int i = 0; i < 40; i++) {
            store("d/f" + i, "file " + i);
        }
        try (var provider = provider()) {
            names(provider);
            long before = proxy.exchanges().size();
            for (int i = 0; i < 40; i++) {
                provider.renameKnownFile("/d/f" + i, "/d/g" + i, true);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> names(provider).size() == 42 && allGone(40));
            long copies = proxy.exchanges().stream().skip(before).filter(e -> e.method().equals("PUT")).count();
            assertThat(copies).isEqualTo(40);
            long checks = proxy.exchanges().stream().skip(before)
                    .filter(e -> e.method().equals("HEAD") && e.target().matches("/" + bucket + "/d/f\\d+")).count();
            assertThat(checks).as("a first attempt sends no version check").isZero();
        }
        assertThat(countDeletes()).as("one request per batch, not per file").isLessThan(40);
        assertThat(S3.server().admin().listObjectsV2(b -> b.bucket(bucket).prefix("d/g")).keyCount()).isEqualTo(40);
    }

    @Test
    void aFolderLookupAnsweredBeforeARenameInsideItStillFindsTheFolder() throws Exception {
        // d has no marker: it exists through its keys. A lookup lists its first key (d/a); the answer
        // comes back after d/a has been renamed away and hidden.
        RequestMatch listing = RequestMatch.listing(bucket);
        refuseDeletes(1000);
        try (var provider = provider()) {
            proxy.inject(listing, 1, Fault.delay(Duration.ofMillis(1500)));
            var stat = CompletableFuture.supplyAsync(() -> {
                try {
                    return provider.stat("/d");
                } catch (ProviderException e) {
                    throw new CompletionException(e);
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.count(listing) >= 1);
            provider.renameKnownFile("/d/a", "/d/c", true);

            assertThat(stat.join().isDirectory()).isTrue();
        }
    }

    @Test
    void aFolderMovedAwayIsNotListedUnderItsOldNameWhileAnOldNameInsideItWaits() throws Exception {
        store("d/sub/f", "f");
        store("d/sub/x", "x");
        proxy.inject(RequestMatch.object("DELETE", bucket, "d/sub/f"), 1, Fault.slowDown());
        try (var provider = provider()) {
            provider.renameKnownFile("/d/sub/f", "/d/sub/g", true);
            await().atMost(Duration.ofSeconds(10)).until(() -> countDeletes() >= 1); // refused once: still waiting
            provider.rename("/d/sub", "/d/sub2", false);

            assertThatThrownBy(() -> provider.stat("/d/sub")).isInstanceOf(ProviderException.NotFound.class);
            assertThat(provider.list("/d", null).entries().stream().map(ObjectInfo::name))
                    .containsExactlyInAnyOrder("a", "b", "sub2");
        }
    }

    @Test
    void aThousandOldNamesWaitingInAFolderDoNotHideIt() throws Exception {
        for (int i = 0; i < 1000; i++) {
            store(String.format("e/%04d", i), "x");
        }
        refuseDeletes(100_000);
        try (var provider = provider()) {
            for (int i = 0; i < 1000; i++) {
                provider.renameKnownFile(String.format("/e/%04d", i), String.format("/e/z%04d", i), true);
            }

            assertThat(provider.stat("/e").isDirectory()).isTrue();
            assertThat(provider.list("/e", null).entries()).isEmpty(); // page 1: only old names
            assertThat(provider.listAll("/e")).hasSize(1000);
        }
    }

    @Test
    void aTornJournalLineCostsAtMostThatEntry() throws Exception {
        S3Settings settings = settings();
        Files.writeString(cacheDir.resolve(S3StorageProvider.DEFERRED_DELETES_FILE),
                "cloudmount-s3-deferred-deletes 1 " + URLEncoder.encode(settings.storeName(), StandardCharsets.UTF_8)
                        + "\n+ %22abc%22 d%2Fa\n+ %22abc%22 d%2");
        try (var provider = new S3StorageProvider(settings)) {
            assertThat(names(provider)).contains("b");
        }
    }

    @Test
    void aJournalLineCutBeforeItsNewlineIsIgnored() throws Exception {
        // A kill during the write of "+ etag d/ab\n" could leave "+ etag d/a": another, real key.
        String etag = S3.server().admin().headObject(b -> b.bucket(bucket).key("d/a")).eTag();
        S3Settings settings = settings();
        Files.writeString(cacheDir.resolve(S3StorageProvider.DEFERRED_DELETES_FILE),
                "cloudmount-s3-deferred-deletes 1 " + URLEncoder.encode(settings.storeName(), StandardCharsets.UTF_8)
                        + "\n+ " + URLEncoder.encode(etag, StandardCharsets.UTF_8) + " d%2Fa");
        try (var provider = new S3StorageProvider(settings)) {
            assertThat(names(provider)).containsExactlyInAnyOrder("a", "b");
        }
        assertThat(content("d/a")).isEqualTo("alpha");
    }

    @Test
    void closingWhileTheServerHangsKeepsTheJournal() throws Exception {
        Path journal = cacheDir.resolve(S3StorageProvider.DEFERRED_DELETES_FILE);
        refuseDeletes(1000);
        try (var first = provider()) {
            first.renameKnownFile("/d/a", "/d/a2", true);
            await().atMost(Duration.ofSeconds(10)).until(() -> countDeletes() >= 1);
        }
        proxy.clearFaults();
        // The next run first checks d/a's version (journaled by an earlier run); the server hangs on it.
        RequestMatch check = RequestMatch.object("HEAD", bucket, "d/a");
        proxy.inject(check, 1, Fault.delay(Duration.ofSeconds(20)));
        var second = new S3StorageProvider(S3.server().settings(bucket).endpoint(proxy.endpoint()).maxAttempts(4)
                .modTimesKeptIn(cacheDir).build());
        await().atMost(Duration.ofSeconds(10)).until(() -> proxy.count(check) >= 1);

        second.close(); // gives up after its wait, interrupting the stuck request

        await().atMost(Duration.ofSeconds(60)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().endsWith("-deferred-deletes") && t.isAlive()));
        assertThat(journal).as("d/a was not deleted: it stays journaled").exists();
        assertThat(exists("d/a")).isTrue();
    }

    @Test
    void anEarlierRunsOldNameThatAnotherClientRewroteIsNeverDeletedToMakeRoom() throws Exception {
        store("t/x", "v1");
        store("t/keep", "k");
        store("s/f", "f");
        proxy.inject(RequestMatch.object("DELETE", bucket, "t/x"), 1000, Fault.slowDown());
        try (var first = provider()) {
            first.renameKnownFile("/t/x", "/t/x2", true); // journaled with v1's ETag, never deleted
        }
        proxy.clearFaults();
        store("t/x", "v2 written elsewhere");
        S3.server().admin().deleteObject(b -> b.bucket(bucket).key("t/x2"));
        S3.server().admin().deleteObject(b -> b.bucket(bucket).key("t/keep"));
        proxy.inject(RequestMatch.object("HEAD", bucket, "t/x"), 1000, Fault.slowDown());
        try (var next = provider()) {
            // t looks absent (its only key is hidden); moving s there first settles t/x, whose version
            // cannot be checked while the server refuses: the move fails rather than delete it.
            assertThatThrownBy(() -> next.rename("/s", "/t", false)).isInstanceOf(ProviderException.Unavailable.class);
            assertThat(content("t/x")).isEqualTo("v2 written elsewhere");

            proxy.clearFaults();
            next.rename("/s", "/t", false);
        }
        assertThat(content("t/x")).as("another client's object is left alone").isEqualTo("v2 written elsewhere");
        assertThat(content("t/f")).isEqualTo("f");
    }

    private boolean allGone(int n) {
        for (int i = 0; i < n; i++) {
            if (exists("d/f" + i)) {
                return false;
            }
        }
        return true;
    }

    private S3Settings settings() {
        return S3.server().settings(bucket).endpoint(proxy.endpoint()).maxAttempts(1).modTimesKeptIn(cacheDir).build();
    }

    private S3StorageProvider provider() {
        return new S3StorageProvider(settings());
    }

    private void refuseDeletes(int times) {
        DELETES.forEach(match -> proxy.inject(match, times, Fault.slowDown()));
    }

    private int countDeletes() {
        return DELETES.stream().mapToInt(proxy::count).sum();
    }

    private List<String> names(S3StorageProvider provider) throws ProviderException {
        return provider.list("/d", null).entries().stream().map(ObjectInfo::name).toList();
    }

    private void store(String key, String text) {
        S3.server().admin().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(text));
    }

    private boolean exists(String key) {
        try {
            S3.server().admin().headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    private String content(String key) {
        return new String(S3.server().admin().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray(),
                StandardCharsets.UTF_8);
    }
}
