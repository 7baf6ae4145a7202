package io.cloudmount.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudmount.fuse.MountTable;
import io.cloudmount.provider.s3.testing.Fault;
import io.cloudmount.provider.s3.testing.FaultyS3Proxy;
import io.cloudmount.provider.s3.testing.RequestMatch;
import io.cloudmount.provider.s3.testing.S3ServerExtension;
import io.cloudmount.provider.s3.testing.S3TestServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** {@code cloudmount mount s3://...} as a user runs it, against the S3-compatible server on 127.0.0.1. */
class S3CliIT {
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();
    private static final Duration READY = Duration.ofSeconds(40);

    @TempDir
    Path work;

    private Map<String, String> keys() {
        return Map.of("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY);
    }

    private String[] mountArgs(String bucket, Path mp, String... extra) {
        return mountArgs(S3.server().endpoint(), bucket, mp, extra);
    }

    /** Through {@code endpoint}: a fault-injecting proxy in front of the server. */
    private static String[] mountArgs(java.net.URI endpoint, String bucket, Path mp, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("mount", "s3://" + bucket, mp.toString(),
                "--endpoint", endpoint.toString(), "--path-style", "--region", S3TestServer.REGION));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** {@code cloudmount unmount} of a mount that must end cleanly: both commands exit 0. */
    private void unmountCleanly(CliProcess mount, Path mp) throws Exception {
        assertThat(CliProcess.run(work, "unmount", mp.toString()).exitCode()).isZero();
        assertThat(mount.waitFor(Duration.ofSeconds(60))).isZero();
    }

    /** The S3 server behind a proxy that refuses every upload of {@code key} (403 AccessDenied). */
    private static FaultyS3Proxy refusingUploadsOf(String bucket, String key) throws Exception {
        FaultyS3Proxy refusing = FaultyS3Proxy.inFrontOf(S3.server());
        refusing.inject(RequestMatch.object("PUT", bucket, key), 1000, new Fault.Status(403, "AccessDenied"));
        return refusing;
    }

    /** A mount straight to the server, unmounted cleanly, leaves {@code key} in the bucket with {@code text}. */
    private void assertTheNextMountUploads(String bucket, Path mp, String key, String text) throws Exception {
        try (CliProcess again = CliProcess.start(work, keys(), List.of(), mountArgs(bucket, mp, "--write-back", "0s"))) {
            again.awaitLine("ready", READY);
            unmountCleanly(again, mp);
        }
        assertThat(objectText(bucket, key)).isEqualTo(text);
    }

    private String objectText(String bucket, String key) {
        return S3.server().admin().getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toBytes()).asUtf8String();
    }

    private boolean objectExists(String bucket, String key) {
        try {
            S3.server().admin().headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Test
    void filesWrittenThroughTheMountLandInTheBucketAndUnmountWaitsForThem() throws Exception {
        String bucket = S3.server().createBucket();
        Path mp = Files.createDirectories(work.resolve("mnt"));
        try (CliProcess mount = CliProcess.start(work, keys(), List.of(), mountArgs(bucket, mp, "--write-back", "1h"))) {
            mount.awaitLine("ready", READY);
            Files.createDirectories(mp.resolve("docs"));
            Files.writeString(mp.resolve("docs/report.txt"), "quarterly numbers");
            Files.createDirectories(mp.resolve("docs/empty/nested"));
            assertThat(objectExists(bucket, "docs/report.txt")).as("write-back: not uploaded yet").isFalse();
            assertThat(objectExists(bucket, "docs/empty/nested/")).as("new folders too").isFalse();
            assertThat(mp.resolve("docs/empty/nested")).isEmptyDirectory();

            CliProcess.Finished unmount = CliProcess.run(work, "unmount", mp.toString());
            assertThat(unmount.exitCode()).as(unmount.stderr()).isZero();
            assertThat(mount.waitFor(Duration.ofSeconds(60))).isZero();
        }
        assertThat(objectText(bucket, "docs/report.txt")).isEqualTo("quarterly numbers");
        assertThat(objectExists(bucket, "docs/empty/nested/")).as("the empty folder's marker").isTrue();
    }

    @Test
    void afterKillMinus9PendingFilesAndFoldersShowAtOnceAndAreUploadedByTheNextMount() throws Exception {
        String bucket = S3.server().createBucket();
        Path mp = Files.createDirectories(work.resolve("mnt"));
        try (CliProcess first = CliProcess.start(work, keys(), List.of(), mountArgs(bucket, mp, "--write-back", "1h"))) {
            first.awaitLine("ready", READY);
            Files.writeString(mp.resolve("unsent.txt"), "survives kill -9");
            Files.createDirectories(mp.resolve("new/inner"));
            first.process().destroyForcibly().waitFor();
        }
        assertThat(objectExists(bucket, "unsent.txt")).isFalse();
        assertThat(objectExists(bucket, "new/inner/")).isFalse();
        try (CliProcess second = CliProcess.start(work, keys(), List.of(), mountArgs(bucket, mp, "--write-back", "1h"))) {
            second.awaitLine("ready", READY);
            assertThat(Files.readString(mp.resolve("unsent.txt"))).as("shown before it is uploaded").isEqualTo("survives kill -9");
            assertThat(mp.resolve("new/inner")).as("so is the folder").isEmptyDirectory();
            unmountCleanly(second, mp);
        }
        assertThat(objectText(bucket, "unsent.txt")).isEqualTo("survives kill -9");
        assertThat(objectExists(bucket, "new/inner/")).isTrue();
    }

    @Test
    void theMountAfterAKillDuringAMultipartUploadAbortsItsOrphanedParts() throws Exception {
        String bucket = S3.server().createBucket();
        Path mp = Files.createDirectories(work.resolve("mnt"));
        byte[] big = new byte[40 << 20];
        new java.util.Random(7).nextBytes(big);
        try (io.cloudmount.provider.s3.testing.FaultyS3Proxy slow =
                     io.cloudmount.provider.s3.testing.FaultyS3Proxy.inFrontOf(S3.server())) {
            // Every part upload hangs: the process is killed with its multipart upload started.
            slow.inject(io.cloudmount.provider.s3.testing.RequestMatch.object("PUT", bucket, "big.bin"), 1000,
                    io.cloudmount.provider.s3.testing.Fault.delay(Duration.ofMinutes(5)));
            String[] args = mountArgs(slow.endpoint(), bucket, mp, "--write-back", "0s", "--multipart-threshold", "16M");
            try (CliProcess first = CliProcess.start(work, keys(), List.of(), args)) {
                first.awaitLine("ready", READY);
                Files.write(mp.resolve("big.bin"), big);
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        !S3.server().admin().listMultipartUploads(b -> b.bucket(bucket)).uploads().isEmpty());
                first.process().destroyForcibly().waitFor();
            }
        }
        try (CliProcess second = CliProcess.start(work, keys(), List.of(), mountArgs(bucket, mp, "--write-back", "0s"))) {
            second.awaitLine("ready", READY);
            await().atMost(Duration.ofSeconds(60)).until(() -> objectExists(bucket, "big.bin"));
            unmountCleanly(second, mp);
            assertThat(second.stderr()).contains("Aborted 1 multipart upload(s)");
        }
        assertThat(S3.server().admin().getObject(b -> b.bucket(bucket).key("big.bin"), ResponseTransformer.toBytes())
                .asByteArray()).isEqualTo(big);
        assertThat(S3.server().admin().listMultipartUploads(b -> b.bucket(bucket)).uploads())
                .as("no parts left behind").isEmpty();
    }

    @Test
    void anUploadTheStoreRefusesMakesUnmountSaySoAndFailAndTheNextMountSendsIt() throws Exception {
        String bucket = S3.server().createBucket();
        Path mp = Files.createDirectories(work.resolve("mnt"));
        try (FaultyS3Proxy refusing = refusingUploadsOf(bucket, "refused.txt")) {
            String[] args = mountArgs(refusing.endpoint(), bucket, mp, "--write-back", "1h");
            try (CliProcess mount = CliProcess.start(work, keys(), List.of(), args)) {
                mount.awaitLine("ready", READY);
                Files.writeString(mp.resolve("refused.txt"), "kept for later");

                CliProcess.Finished unmount = CliProcess.run(work, "unmount", mp.toString());

                assertThat(unmount.exitCode()).as(unmount.stderr()).isEqualTo(ExitCode.FAILED);
                assertThat(unmount.stderr()).contains("1 upload(s) failed").contains("/refused.txt")
                        .contains("tried again at the next mount");
                assertThat(mount.waitFor(Duration.ofSeconds(60))).isZero();
            }
        }
        assertThat(MountTable.find(mp)).as("unmounted all the same").isEmpty();
        assertTheNextMountUploads(bucket, mp, "refused.txt", "kept for later");
    }

    /** Uploads that failed before the unmount was asked for: nothing to wait for, but still reported. */
    @Test
    void anUploadThatFailedBeforeTheSignalIsStillReportedAndItsStatusDoesNotOutliveTheMount() throws Exception {
        String bucket = S3.server().createBucket();
        Path mp = Files.createDirectories(work.resolve("mnt"));
        try (FaultyS3Proxy refusing = refusingUploadsOf(bucket, "refused.txt")) {
            try (CliProcess mount = CliProcess.start(work, keys(), List.of(),
                    mountArgs(refusing.endpoint(), bucket, mp, "--write-back", "0s"))) {
                mount.awaitLine("ready", READY);
                Files.writeString(mp.resolve("refused.txt"), "kept for later");
                await().atMost(Duration.ofSeconds(30)).untilAsserted(
                        () -> assertThat(mount.stderr()).contains("Upload of /refused.txt failed after"));

                // Ctrl+C (not `cloudmount unmount`, which would clear the status it reads): the failure is
                // still reported, and its status line stays behind in the registry.
                new ProcessBuilder("kill", "-TERM", Long.toString(mount.pid())).start().waitFor();

                assertThat(mount.waitFor(Duration.ofSeconds(60))).isZero();
                assertThat(mount.stderr()).contains("1 upload(s) failed").contains("/refused.txt");
            }
        }
        // The next mount here, unmounted cleanly (the upload now succeeds), does not report the old failure.
        assertTheNextMountUploads(bucket, mp, "refused.txt", "kept for later");
    }

    @Test
    void aRenameKilledBeforeTheOldNameWasDeletedIsFinishedByTheNextMount() throws Exception {
        String bucket = S3.server().createBucket();
        S3.server().admin().putObject(b -> b.bucket(bucket).key("docs/a.txt"), RequestBody.fromString("alpha"));
        S3.server().admin().putObject(b -> b.bucket(bucket).key("docs/keep.txt"), RequestBody.fromString("keep"));
        Path mp = Files.createDirectories(work.resolve("mnt"));
        try (FaultyS3Proxy proxy = FaultyS3Proxy.inFrontOf(S3.server())) {
            // The server refuses every delete, so the old name is still in the bucket at the kill.
            List<RequestMatch> deletes = List.of(RequestMatch.method("DELETE"), RequestMatch.of("POST", "[?&]delete"));
            deletes.forEach(match -> proxy.inject(match, 100_000, Fault.slowDown()));
            String[] args = mountArgs(proxy.endpoint(), bucket, mp, "--write-back", "1h");
            try (CliProcess first = CliProcess.start(work, keys(), List.of(), args)) {
                first.awaitLine("ready", READY);
                Files.move(mp.resolve("docs/a.txt"), mp.resolve("docs/b.txt"));
                assertThat(names(mp.resolve("docs"))).containsExactlyInAnyOrder("b.txt", "keep.txt");
                await().atMost(Duration.ofSeconds(30)).until(() -> deletes.stream().mapToInt(proxy::count).sum() >= 1);
                first.process().destroyForcibly().waitFor();
            }
            assertThat(objectExists(bucket, "docs/a.txt")).as("killed before the old name was deleted").isTrue();
            proxy.clearFaults();

            try (CliProcess second = CliProcess.start(work, keys(), List.of(), args)) {
                second.awaitLine("ready", READY);
                assertThat(names(mp.resolve("docs"))).as("the old name stays hidden").containsExactlyInAnyOrder("b.txt", "keep.txt");
                await().atMost(Duration.ofSeconds(30)).until(() -> !objectExists(bucket, "docs/a.txt"));
                unmountCleanly(second, mp);
            }
        }
        assertThat(objectText(bucket, "docs/b.txt")).isEqualTo("alpha");
        assertThat(objectText(bucket, "docs/keep.txt")).isEqualTo("keep");
    }

    private static List<String> names(Path directory) throws java.io.IOException {
        try (var entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void unmountNoWaitLeavesUploadsForTheNextMount() throws Exception {
        String bucket = S3.server().createBucket();
        Path mp = Files.createDirectories(work.resolve("mnt"));
        try (CliProcess mount = CliProcess.start(work, keys(), List.of(), mountArgs(bucket, mp, "--write-back", "1h"))) {
            mount.awaitLine("ready", READY);
            Files.writeString(mp.resolve("later.txt"), "resumed");
            assertThat(CliProcess.run(work, "unmount", "--no-wait", mp.toString()).exitCode()).isZero();
            assertThat(mount.waitFor(Duration.ofSeconds(60))).isZero();
        }
        assertThat(objectExists(bucket, "later.txt")).isFalse();
        try (CliProcess again = CliProcess.start(work, keys(), List.of(), mountArgs(bucket, mp, "--write-back", "0s"))) {
            again.awaitLine("ready", READY);
            await().atMost(Duration.ofSeconds(30)).until(() -> objectExists(bucket, "later.txt"));
            again.process().destroy();
            assertThat(again.waitFor(Duration.ofSeconds(60))).isZero();
        }
        assertThat(objectText(bucket, "later.txt")).isEqualTo("resumed");
        assertThat(MountTable.find(mp)).isEmpty();
    }

    @Test
    void aSecondInterruptStopsWaitingAndTheNextMountResumesTheUpload() throws Exception {
        String bucket = S3.server().createBucket();
        Path mp = Files.createDirectories(work.resolve("mnt"));
        try (io.cloudmount.provider.s3.testing.FaultyS3Proxy slow =
                     io.cloudmount.provider.s3.testing.FaultyS3Proxy.inFrontOf(S3.server())) {
            // The server refuses every upload of the file (503, never stored): the unmount keeps waiting on it.
            slow.inject(io.cloudmount.provider.s3.testing.RequestMatch.object("PUT", bucket, "slow.txt"), 100_000,
                    io.cloudmount.provider.s3.testing.Fault.slowDown());
            String[] args = mountArgs(slow.endpoint(), bucket, mp, "--write-back", "1h");
            try (CliProcess mount = CliProcess.start(work, keys(), List.of(), args)) {
                mount.awaitLine("ready", READY);
                Files.writeString(mp.resolve("slow.txt"), "left for later");
                new ProcessBuilder("kill", "-TERM", Long.toString(mount.pid())).start().waitFor();
                // untilAsserted: a failure shows the mount's whole log.
                await().atMost(Duration.ofSeconds(30)).untilAsserted(
                        () -> assertThat(mount.stderr()).contains("Finishing 1 pending upload"));
                new ProcessBuilder("kill", "-TERM", Long.toString(mount.pid())).start().waitFor();
                assertThat(mount.waitFor(Duration.ofSeconds(30))).isZero();
                assertThat(mount.stderr()).contains("resume at the next mount");
            }
        }
        assertThat(objectExists(bucket, "slow.txt")).isFalse();
        try (CliProcess again = CliProcess.start(work, keys(), List.of(), mountArgs(bucket, mp, "--write-back", "0s"))) {
            again.awaitLine("ready", READY);
            await().atMost(Duration.ofSeconds(30)).until(() -> objectExists(bucket, "slow.txt"));
            again.process().destroy();
            assertThat(again.waitFor(Duration.ofSeconds(60))).isZero();
        }
        assertThat(objectText(bucket, "slow.txt")).isEqualTo("left for later");
    }

    @Test
    void keysWindowsCannotHoldAreShownEncodedAndWrittenBackDecoded() throws Exception {
        String bucket = S3.server().createBucket();
        S3.server().admin().putObject(b -> b.bucket(bucket).key("report: final?.txt"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("from another tool"));
        Path mp = Files.createDirectories(work.resolve("mnt"));
        try (CliProcess mount = CliProcess.start(work, keys(), List.of(),
                mountArgs(bucket, mp, "--windows-names", "--write-back", "0s"))) {
            mount.awaitLine("ready", READY);
            Path shown = mp.resolve("report\uFF1A final\uFF1F.txt");
            assertThat(Files.readString(shown)).isEqualTo("from another tool");
            Files.writeString(mp.resolve("a\uFF0Ab\uFF1Cc.txt"), "written on the drive");
            unmountCleanly(mount, mp);
        }
        assertThat(objectText(bucket, "a*b<c.txt")).isEqualTo("written on the drive");
    }

    @Test
    void wrongSecretIsReportedAtMountTime() throws Exception {
        String bucket = S3.server().createBucket();
        Path mp = Files.createDirectories(work.resolve("mnt"));
        CliProcess.Finished result = runMount(Map.of("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", "not-the-secret"), mountArgs(bucket, mp));
        assertThat(result.exitCode()).isEqualTo(ExitCode.SOURCE_UNAVAILABLE);
        assertThat(result.stderr()).containsIgnoringCase("access denied").doesNotContain("not-the-secret");
    }

    @Test
    void missingBucketIsReportedAtMountTime() throws Exception {
        Path mp = Files.createDirectories(work.resolve("mnt"));
        CliProcess.Finished result = runMount(keys(), mountArgs("no-such-bucket-here", mp));
        assertThat(result.exitCode()).isEqualTo(ExitCode.SOURCE_UNAVAILABLE);
        assertThat(result.stderr()).contains("no-such-bucket-here").contains("does not exist");
    }

    @Test
    void unreachableEndpointIsReportedAtMountTime() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path mp = Files.createDirectories(work.resolve("mnt"));
        CliProcess.Finished result = runMount(keys(), "mount", "s3://bucket", mp.toString(),
                "--endpoint", "http://127.0.0.1:" + closedPort, "--path-style", "--region", "us-east-1");
        assertThat(result.exitCode()).isEqualTo(ExitCode.SOURCE_UNAVAILABLE);
        assertThat(result.stderr().lines().filter(l -> l.startsWith("cloudmount:"))).hasSize(1);
    }

    private CliProcess.Finished runMount(Map<String, String> env, String... args) throws Exception {
        try (CliProcess cli = CliProcess.start(work, env, List.of(), args)) {
            int code = cli.waitFor(Duration.ofSeconds(90));
            return new CliProcess.Finished(code, String.join("\n", cli.stdoutLines()), cli.stderr());
        }
    }
}
