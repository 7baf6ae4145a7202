package io.cloudmount.engine.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.cloudmount.engine.vfs.VfsFiles.read;
import static io.cloudmount.engine.vfs.VfsFiles.write;
import static org.awaitility.Awaitility.await;

import io.cloudmount.engine.FsError;
import io.cloudmount.engine.FsErrors;
import io.cloudmount.engine.writeback.UploadStatus;
import io.cloudmount.engine.writeback.WritebackSettings;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.UploadOptions;
import io.cloudmount.provider.memory.MemoryProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write-back cache over a store, without mounting: what a program and the store observe. */
class CachedVfsTest {
    private static final Duration SOON = Duration.ofMillis(100);
    private static final Duration NEVER = Duration.ofHours(1);

    @TempDir
    Path cacheDir;
    private final MemoryProvider memory = MemoryProvider.withCapacity(256L << 20);
    private final SwitchableProvider store = new SwitchableProvider(memory);
    private final List<Vfs> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        for (Vfs vfs : opened) {
            try {
                vfs.close();
            } catch (IOException ignored) {
                // the test already failed or succeeded
            }
        }
    }

    private Vfs vfs(Duration uploadDelay) throws IOException {
        return vfs(uploadDelay, 64L << 20);
    }

    private Vfs vfs(Duration uploadDelay, long cacheBytes) throws IOException {
        return vfs(uploadDelay, cacheBytes, CacheSettings.defaults(cacheDir).metadataTtl());
    }

    private Vfs vfs(Duration uploadDelay, long cacheBytes, Duration listingTtl) throws IOException {
        WritebackSettings wb = WritebackSettings.defaults();
        wb = new WritebackSettings(uploadDelay, wb.maxConcurrent(), wb.maxAttempts(), Duration.ofMillis(20),
                Duration.ofMillis(200), wb.drainTimeout());
        CacheSettings settings = CacheSettings.defaults(cacheDir).withWriteback(wb).withLimits(cacheBytes, 0)
                .withMetadataTtl(listingTtl);
        Vfs vfs = Vfs.cached(store, VfsOptions.defaults(), settings);
        opened.add(vfs);
        return vfs;
    }

    @Test
    void readersOfAFileWaitingForItsUploadDoNotPushTheUploadBack() throws Exception {
        Vfs vfs = vfs(Duration.ofMillis(300));
        write(vfs, "/a.txt", "hello");

        // A viewer opening the file again and again: each close used to queue the upload anew, so it
        // never came while the file was being read more often than the write-back delay.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            assertThat(read(vfs, "/a.txt")).isEqualTo("hello");
            return exists("/a.txt");
        });
    }

    @Test
    void closeReturnsBeforeTheUploadThenTheUploadLands() throws Exception {
        Vfs vfs = vfs(Duration.ofMillis(300));
        write(vfs, "/a.txt", "hello");
        assertThat(exists("/a.txt")).as("not uploaded at close").isFalse();
        assertThat(vfs.getattr("/a.txt").size()).as("but visible at once").isEqualTo(5);
        await().atMost(Duration.ofSeconds(10)).until(() -> exists("/a.txt"));
        assertThat(remote("/a.txt")).isEqualTo("hello");
    }

    @Test
    void pendingFilesAreListedWithTheirLocalSize() throws Exception {
        Vfs vfs = vfs(NEVER);
        vfs.mkdir("/d", 0755);
        write(vfs, "/d/new.bin", "12345678");
        long dh = vfs.opendir("/d");
        assertThat(vfs.readdir(dh)).extracting(FileAttributes::name, FileAttributes::size).containsExactly(
                org.assertj.core.groups.Tuple.tuple("new.bin", 8L));
        vfs.releasedir(dh);
        assertThat(vfs.pendingUploads()).extracting(s -> s.path()).containsExactly("/d/new.bin");
    }

    @Test
    void aCrashBeforeUploadLosesNothing() throws Exception {
        Vfs crashed = vfs(NEVER);
        write(crashed, "/doc.txt", "unsent work");
        opened.remove(crashed); // abandoned without close, like a process killed with kill -9
        crashed.releaseCacheFolderAsIfKilled(); // ... whose end releases its lock on the cache folder

        Vfs restarted = vfs(SOON);
        assertThat(restarted.getattr("/doc.txt").size()).as("visible before it is uploaded").isEqualTo(11);
        await().atMost(Duration.ofSeconds(10)).until(() -> exists("/doc.txt"));
        assertThat(remote("/doc.txt")).isEqualTo("unsent work");
    }

    @Test
    void aCrashAfterTheUploadLandedBeforeItWasRecordedMakesNoConflictCopy() throws Exception {
        putRemote("/report.txt", "v1");
        Vfs crashed = vfs(SOON);
        assertThat(read(crashed, "/report.txt")).isEqualTo("v1");
        java.util.concurrent.CountDownLatch killed = new java.util.concurrent.CountDownLatch(1);
        store.afterNextUpload = () -> { // the store has the new version; the process dies before recording it
            try {
                killed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        write(crashed, "/report.txt", "v2, saved");
        await().atMost(Duration.ofSeconds(10)).until(() -> "v2, saved".equals(remoteOrNull("/report.txt")));
        opened.remove(crashed); // abandoned without close, like a process killed with kill -9
        crashed.releaseCacheFolderAsIfKilled();

        Vfs restarted = vfs(SOON);
        assertThat(restarted.flushUploads(Duration.ofSeconds(10))).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> restarted.pendingUploads().isEmpty());
        List<String> names = new ArrayList<>();
        for (ObjectInfo info : memory.list("/", null).entries()) {
            names.add(info.name());
        }
        assertThat(names).as("the store's version is our own upload: no conflict").containsExactly("report.txt");
        assertThat(remote("/report.txt")).isEqualTo("v2, saved");
        assertThat(read(restarted, "/report.txt")).isEqualTo("v2, saved");
    }

    @Test
    void aRenameOverAFileWithUnsentChangesThatFailsKeepsThoseChanges() throws Exception {
        putRemote("/b.txt", "b, old");
        putRemote("/a.txt", "a");
        Vfs vfs = vfs(NEVER);
        write(vfs, "/b.txt", "b, saved"); // closed: acknowledged, waiting for its upload
        store.beforeNextRename = () -> {
            throw new ProviderException.Unavailable("/a.txt", "connection reset (test)", null);
        };

        assertThatThrownBy(() -> vfs.rename("/a.txt", "/b.txt", false)).isInstanceOf(IOException.class);

        assertThat(read(vfs, "/b.txt")).isEqualTo("b, saved");
        assertThat(vfs.flushUploads(Duration.ofSeconds(10))).isTrue();
        assertThat(remote("/b.txt")).isEqualTo("b, saved");
    }

    @Test
    void aKillDuringARenameOverAFileWithUnsentChangesLeavesOneOfTheTwoVersions() throws Exception {
        putRemote("/b.txt", "b, old");
        putRemote("/a.txt", "a");
        Vfs crashed = vfs(NEVER);
        write(crashed, "/b.txt", "b, saved");
        java.util.concurrent.CountDownLatch copying = new java.util.concurrent.CountDownLatch(1);
        store.beforeNextRename = () -> { // the store's copy takes a while; the process is killed meanwhile
            copying.countDown();
            try {
                new java.util.concurrent.CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Thread mv = new Thread(() -> {
            try {
                crashed.rename("/a.txt", "/b.txt", false);
            } catch (IOException e) {
                // the process is gone
            }
        });
        mv.setDaemon(true);
        mv.start();
        copying.await();
        opened.remove(crashed); // abandoned without close, like a process killed with kill -9
        crashed.releaseCacheFolderAsIfKilled();

        Vfs restarted = vfs(SOON);
        assertThat(restarted.flushUploads(Duration.ofSeconds(10))).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> restarted.pendingUploads().isEmpty());
        assertThat(read(restarted, "/b.txt")).as("the saved version or the renamed file, never an older one")
                .isIn("b, saved", "a");
        assertThat(remote("/b.txt")).isIn("b, saved", "a");
    }

    @Test
    void renamingADirectoryWithPendingUploadsMovesThem() throws Exception {
        Vfs vfs = vfs(Duration.ofMillis(300));
        vfs.mkdir("/d", 0755);
        write(vfs, "/d/a", "A");
        write(vfs, "/d/b", "B");
        vfs.rename("/d", "/e", false);
        assertThat(vfs.flushUploads(Duration.ofSeconds(10))).isTrue();
        assertThat(remote("/e/a")).isEqualTo("A");
        assertThat(remote("/e/b")).isEqualTo("B");
        assertThat(exists("/d")).isFalse();
    }

    @Test
    void aFileDeletedBeforeItsUploadNeverReachesTheStore() throws Exception {
        Vfs vfs = vfs(Duration.ofMillis(200));
        write(vfs, "/tmp.bin", "short-lived");
        vfs.unlink("/tmp.bin");
        assertThat(vfs.flushUploads(Duration.ofSeconds(10))).isTrue();
        assertThat(exists("/tmp.bin")).isFalse();
        assertThat(store.uploads.get()).isZero();
    }

    @Test
    void aFileRenamedBeforeItsUploadArrivesOnlyUnderItsNewName() throws Exception {
        Vfs vfs = vfs(Duration.ofMillis(200));
        write(vfs, "/draft.txt", "content");
        vfs.rename("/draft.txt", "/final.txt", false);
        assertThat(vfs.flushUploads(Duration.ofSeconds(10))).isTrue();
        assertThat(remote("/final.txt")).isEqualTo("content");
        assertThat(exists("/draft.txt")).isFalse();
    }

    @Test
    void aRemoteChangeDuringLocalEditsKeepsBothVersions() throws Exception {
        putRemote("/report.txt", "v1");
        Vfs vfs = vfs(Duration.ofMillis(300));
        assertThat(read(vfs, "/report.txt")).isEqualTo("v1");
        long fh = vfs.open("/report.txt", OpenFlags.READ_WRITE);
        vfs.write(fh, 0, utf8("mine"));
        putRemote("/report.txt", "theirs"); // another client, before our upload
        vfs.release(fh);
        assertThat(vfs.flushUploads(Duration.ofSeconds(10))).isTrue();
        assertThat(remote("/report.txt")).isEqualTo("theirs");
        List<String> names = new ArrayList<>();
        for (ObjectInfo info : memory.list("/", null).entries()) {
            names.add(info.name());
        }
        String copy = names.stream().filter(n -> n.startsWith("report (conflict ")).findFirst().orElseThrow();
        assertThat(copy).endsWith(".txt");
        assertThat(remote("/" + copy)).isEqualTo("mine");
    }

    @Test
    void writesLandingWhileTheConflictCopyIsUploadedAreKeptInACopy() throws Exception {
        putRemote("/report.txt", "v1");
        Vfs vfs = vfs(Duration.ofMillis(300));
        assertThat(read(vfs, "/report.txt")).isEqualTo("v1");
        write(vfs, "/report.txt", "mine");
        putRemote("/report.txt", "theirs"); // another client, before our upload
        store.afterNextUpload = () -> { // the conflict copy reached the store; the user saves again
            try {
                write(vfs, "/report.txt", "mine, saved again");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };

        assertThat(vfs.flushUploads(Duration.ofSeconds(10))).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> vfs.pendingUploads().isEmpty());

        List<String> contents = new ArrayList<>();
        for (ObjectInfo info : memory.list("/", null).entries()) {
            contents.add(remote("/" + info.name()));
        }
        assertThat(contents).as("the second save is in the store, as the file or as a conflict copy")
                .contains("mine, saved again");
    }

    @Test
    void aReadPastAFullCacheAsksTheStoreForTheVersionTheFileWasOpenedWith() throws Exception {
        putRemote("/video.bin", "a".repeat(1 << 20));
        CountingProvider versioned = new CountingProvider(memory);
        Vfs vfs = Vfs.cached(versioned, VfsOptions.defaults(), CacheSettings.defaults(cacheDir).withLimits(2L << 20, 0));
        opened.add(vfs);
        long pinned = vfs.create("/open-and-dirty", 0644, OpenFlags.READ_WRITE); // fills the cache, not evictable
        vfs.write(pinned, 0, ByteBuffer.allocate(2 << 20));
        long fh = vfs.open("/video.bin", OpenFlags.READ_ONLY);

        // No room in the cache, so the read goes to the store directly. It must ask for the version the
        // file was opened with (S3: If-Match), so that another client's newer version is never mixed in.
        ByteBuffer buf = ByteBuffer.allocate(4096);
        vfs.read(fh, 0, buf);

        assertThat(new String(buf.array(), StandardCharsets.UTF_8)).isEqualTo("a".repeat(4096));
        assertThat(versioned.plainOpens.get()).as("reads of whatever version the store has now").isZero();
        vfs.release(fh);
        vfs.release(pinned);
    }

    @Test
    void cachedFilesStayReadableWhileTheStoreIsDown() throws Exception {
        putRemote("/photo.jpg", "pixels");
        Vfs vfs = vfs(SOON);
        assertThat(read(vfs, "/photo.jpg")).isEqualTo("pixels");
        store.offline = true;
        assertThat(read(vfs, "/photo.jpg")).isEqualTo("pixels");
    }

    @Test
    void cachedFilesStayVisibleWhileTheStoreIsDownAfterTheirListingExpired() throws Exception {
        putRemote("/photo.jpg", "pixels");
        Vfs vfs = vfs(SOON, 64L << 20, Duration.ZERO); // every lookup asks the store
        assertThat(read(vfs, "/photo.jpg")).isEqualTo("pixels");

        store.offline = true;
        assertThat(vfs.getattr("/photo.jpg").size()).as("listed as last seen").isEqualTo(6);
        long dh = vfs.opendir("/");
        assertThat(vfs.readdir(dh)).extracting(FileAttributes::name).contains("photo.jpg");
        vfs.releasedir(dh);
        assertThat(read(vfs, "/photo.jpg")).isEqualTo("pixels");
        assertThatThrownBy(() -> vfs.getattr("/never-listed/x")).as("what was never seen is still an error")
                .isInstanceOf(ProviderException.Unavailable.class);

        store.offline = false;
        putRemote("/new.txt", "n");
        assertThat(vfs.getattr("/new.txt").size()).as("asked again once the store answers").isEqualTo(1);
    }

    @Test
    void aFileChangedDuringItsUploadIsNotTakenForAnotherClientsVersion() throws Exception {
        Vfs vfs = vfs(SOON);
        write(vfs, "/c", "version zero");
        assertThat(vfs.flushUploads(Duration.ofSeconds(10))).isTrue();
        write(vfs, "/c", "version one");
        store.afterNextUpload = () -> {
            try {
                write(vfs, "/c", "version two, longer"); // lands while the upload of version one returns
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };

        assertThat(vfs.flushUploads(Duration.ofSeconds(10))).isTrue();

        assertThat(remote("/c")).isEqualTo("version two, longer");
        assertThat(memory.list("/", null).entries()).extracting(ObjectInfo::name).containsExactly("c");
    }

    @Test
    void readingTheStartOfALargeFileFetchesOneChunk() throws Exception {
        byte[] big = new byte[32 << 20];
        new Random(3).nextBytes(big);
        Path source = Files.write(cacheDir.resolveSibling(cacheDir.getFileName() + "-big"), big);
        memory.upload("/big.bin", source, UploadOptions.modifiedAt(Instant.now()));
        Vfs vfs = vfs(SOON);
        long fh = vfs.open("/big.bin", OpenFlags.READ_ONLY);
        ByteBuffer first = ByteBuffer.allocate(1024);
        vfs.read(fh, 0, first);
        vfs.release(fh);
        assertThat(first.array()).isEqualTo(java.util.Arrays.copyOf(big, 1024));
        assertThat(vfs.cacheBytesUsed()).isLessThanOrEqualTo(ChunkFetcher.CHUNK);
    }

    @Test
    void aProgramThatOnlyReadTheFileQueuesNoUploadWhileAnotherStillWritesIt() throws Exception {
        Vfs vfs = vfs(SOON);
        long copy = vfs.create("/copy.bin", 0644, OpenFlags.READ_WRITE);
        vfs.write(copy, 0, utf8("half"));
        long scanner = vfs.open("/copy.bin", OpenFlags.READ_ONLY); // a viewer or virus scanner peeking
        vfs.release(scanner);
        assertThat(vfs.pendingUploads()).as("still being written").isEmpty();

        vfs.write(copy, 4, utf8(" and the rest"));
        vfs.release(copy);

        assertThat(vfs.pendingUploads()).extracting(UploadStatus::path).containsExactly("/copy.bin");
        await().atMost(Duration.ofSeconds(10)).until(() -> exists("/copy.bin"));
        assertThat(remote("/copy.bin")).isEqualTo("half and the rest");
    }

    @Test
    void closingADuplicateDescriptorQueuesNoUploadUntilTheLastOneCloses() throws Exception {
        Vfs vfs = vfs(NEVER);
        long fh = vfs.create("/out.log", 0644, OpenFlags.READ_WRITE);
        vfs.flush(fh); // `cmd > out.log`: the shell opens, duplicates and closes one descriptor first
        vfs.write(fh, 0, utf8("written after the flush"));
        assertThat(vfs.pendingUploads()).as("still being written").isEmpty();

        vfs.flush(fh);
        vfs.release(fh);

        assertThat(vfs.pendingUploads()).extracting(UploadStatus::path).containsExactly("/out.log");
    }

    @Test
    void aWriteLargerThanTheCacheFailsWithNoSpaceAndKeepsTheLimit() throws Exception {
        Vfs vfs = vfs(NEVER, 2L << 20);
        long fh = vfs.create("/huge", 0644, OpenFlags.READ_WRITE);
        ByteBuffer block = ByteBuffer.allocate(1 << 20);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 4; i++) {
                vfs.write(fh, (long) i << 20, block.clear());
            }
        }).satisfies(t -> assertThat(FsErrors.classify(t, "write", "/huge")).isEqualTo(FsError.ENOSPC));
        assertThat(vfs.cacheBytesUsed()).isLessThanOrEqualTo(2L << 20);
        vfs.release(fh);
    }

    @Test
    void aFileTheFullCacheCannotHoldWholeIsUploadedOnlyOnceItIsComplete() throws Exception {
        putRemote("/big.txt", "a".repeat(3 << 20));
        Vfs vfs = vfs(SOON, 4L << 20);
        long pinned = vfs.create("/open-and-dirty", 0644, OpenFlags.READ_WRITE); // not evictable while open
        vfs.write(pinned, 0, ByteBuffer.allocate(7 << 19)); // 3.5 MiB of the 4 MiB cache

        long fh = vfs.open("/big.txt", OpenFlags.READ_WRITE);
        vfs.write(fh, 0, utf8("b")); // one byte changed, the rest never read
        vfs.release(fh);
        await().atMost(Duration.ofSeconds(10)).until(() -> !remote("/big.txt").startsWith("a")
                || vfs.pendingUploads().stream().anyMatch(s -> s.path().equals("/big.txt") && s.lastError() != null));

        vfs.release(pinned);
        assertThat(vfs.flushUploads(Duration.ofSeconds(30))).isTrue();
        assertThat(vfs.pendingUploads()).isEmpty();
        String stored = remote("/big.txt");
        assertThat(stored.length()).isEqualTo(3 << 20);
        assertThat(stored.equals("b" + "a".repeat((3 << 20) - 1))).as("one byte changed, the rest as it was").isTrue();
    }

    @Test
    void aFileRenamedWhileItsUploadOutlastsTheRenamesWaitEndsUpOnlyUnderItsNewName() throws Exception {
        WritebackSettings wb = new WritebackSettings(SOON, 4, 0, Duration.ofMillis(20), Duration.ofMillis(200),
                Duration.ofMillis(100)); // the rename waits 100 ms for a running upload, then goes ahead
        Vfs vfs = Vfs.cached(store, VfsOptions.defaults(), CacheSettings.defaults(cacheDir).withWriteback(wb));
        opened.add(vfs);
        putRemote("/a.txt", "old");
        assertThat(read(vfs, "/a.txt")).isEqualTo("old");
        store.beforeNextUpload = () -> { // a slow upload: the rename comes before it reaches the store
            try {
                vfs.rename("/a.txt", "/b.txt", false);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };

        write(vfs, "/a.txt", "new content");

        await().atMost(Duration.ofSeconds(10)).until(() -> exists("/b.txt") && vfs.pendingUploads().isEmpty());
        assertThat(vfs.flushUploads(Duration.ofSeconds(10))).isTrue();
        assertThat(read(vfs, "/b.txt")).isEqualTo("new content");
        assertThat(remote("/b.txt")).isEqualTo("new content");
        assertThat(exists("/a.txt")).as("the old name is not left in the store").isFalse();
        long dh = vfs.opendir("/");
        assertThat(vfs.readdir(dh)).extracting(FileAttributes::name).filteredOn(n -> !n.startsWith("."))
                .as("no old name, no conflict copy").containsExactly("b.txt");
        vfs.releasedir(dh);
    }

    @Test
    void aTimeSetWhileTheFileIsUploadedReachesTheStore() throws Exception {
        Vfs vfs = vfs(SOON);
        Instant chosen = Instant.parse("2001-02-03T04:05:06Z");
        store.beforeNextUpload = () -> { // touch -m -d while the upload has read the old time and sends it
            try {
                vfs.setTimes("/report.txt", chosen);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };

        write(vfs, "/report.txt", "final figures");

        await().atMost(Duration.ofSeconds(10)).until(() -> exists("/report.txt") && vfs.pendingUploads().isEmpty());
        assertThat(vfs.flushUploads(Duration.ofSeconds(10))).isTrue();
        assertThat(vfs.getattr("/report.txt").modified()).isEqualTo(chosen);
        assertThat(memory.stat("/report.txt").modified()).as("the store's time").isEqualTo(chosen);
        assertThat(remote("/report.txt")).isEqualTo("final figures");
    }

    @Test
    void anUploadTheStoreAcknowledgesButLosesStaysPendingAndIsRetried() throws Exception {
        store.loseUploads = true;
        Vfs vfs = vfs(SOON);
        write(vfs, "/precious.txt", "do not lose me");
        await().atMost(Duration.ofSeconds(10)).until(() -> store.uploads.get() >= 2);
        assertThat(vfs.pendingUploads()).extracting(s -> s.path()).containsExactly("/precious.txt");
        assertThat(exists("/precious.txt")).isFalse();
        store.loseUploads = false;
        await().atMost(Duration.ofSeconds(10)).until(() -> exists("/precious.txt"));
        assertThat(remote("/precious.txt")).isEqualTo("do not lose me");
        await().atMost(Duration.ofSeconds(10)).until(() -> vfs.pendingUploads().isEmpty());
    }

    @Test
    void deletingAFileWhoseUploadStartedAlsoDeletesWhatThatUploadMayHaveLeftInTheStore() throws Exception {
        store.loseUploads = true;
        Vfs vfs = vfs(SOON);
        write(vfs, "/sent.txt", "attempted");
        await().atMost(Duration.ofSeconds(10)).until(() -> store.uploads.get() >= 1);
        putRemote("/sent.txt", "attempted"); // the store kept it after all, unseen by the drive

        vfs.unlink("/sent.txt");

        assertThat(exists("/sent.txt")).as("an attempt ran, so the store is asked").isFalse();
    }

    @Test
    void pollingNoticesFilesAddedByAnotherClient() throws Exception {
        CacheSettings settings = CacheSettings.defaults(cacheDir).withLimits(64L << 20, 0)
                .withPollInterval(Duration.ofMillis(100));
        Vfs vfs = Vfs.cached(store, VfsOptions.defaults(), settings);
        opened.add(vfs);
        List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        vfs.setChangeListener(told::add);
        long dh = vfs.opendir("/");
        vfs.releasedir(dh);
        putRemote("/from-elsewhere.txt", "hi");
        await().atMost(Duration.ofSeconds(10)).until(() -> told.contains("/from-elsewhere.txt"));
        long again = vfs.opendir("/");
        assertThat(vfs.readdir(again)).extracting(FileAttributes::name).contains("from-elsewhere.txt");
        vfs.releasedir(again);
    }

    @Test
    void temporaryFilesStayLocalUntilRenamedToARealName() throws Exception {
        Vfs vfs = vfs(SOON);
        write(vfs, "/~$report.docx", "lock");
        write(vfs, "/save.tmp", "new content");
        vfs.rename("/save.tmp", "/report.docx", false);
        assertThat(vfs.flushUploads(Duration.ofSeconds(10))).isTrue();
        assertThat(remote("/report.docx")).isEqualTo("new content");
        assertThat(exists("/~$report.docx")).isFalse();
        assertThat(vfs.getattr("/~$report.docx").size()).isEqualTo(4);
    }

    // ---- helpers ----

    private void putRemote(String path, String content) throws IOException {
        Path temp = Files.createTempFile(cacheDir.getParent(), "put", ".tmp");
        Files.writeString(temp, content);
        memory.upload(path, temp, UploadOptions.modifiedAt(Instant.now()));
    }

    private boolean exists(String path) {
        return StoreFiles.exists(memory, path);
    }

    private String remote(String path) throws IOException {
        return StoreFiles.text(memory, path);
    }

    private String remoteOrNull(String path) throws IOException {
        return exists(path) ? remote(path) : null;
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}
