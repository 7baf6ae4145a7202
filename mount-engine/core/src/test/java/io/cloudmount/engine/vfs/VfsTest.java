package io.cloudmount.engine.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cloudmount.engine.FsError;
import io.cloudmount.engine.FsErrors;
import io.cloudmount.provider.memory.MemoryProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class VfsTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private final Vfs vfs = new Vfs(MemoryProvider.withCapacity(64L << 20),
            VfsOptions.defaults().withOwner(1000, 1000).withClock(Clock.fixed(T0, ZoneOffset.UTC)));

    @Test
    void writtenBytesReadBackWithSizeAndOwner() throws IOException {
        write("/a.txt", "hello");
        assertThat(read("/a.txt")).isEqualTo("hello");
        FileAttributes attributes = vfs.getattr("/a.txt");
        assertThat(attributes.size()).isEqualTo(5);
        assertThat(attributes.uid()).isEqualTo(1000);
        assertThat(attributes.posixMode() & 0170000).isEqualTo(0100000);
    }

    @Test
    void readPastEndOfFileReturnsZeroBytes() throws IOException {
        write("/a", "abc");
        long fh = vfs.open("/a", OpenFlags.READ_ONLY);
        assertThat(vfs.read(fh, 10, ByteBuffer.allocate(8))).isZero();
        vfs.release(fh);
    }

    @Test
    void appendHandleWritesAtEndWhateverTheOffset() throws IOException {
        write("/log", "one");
        long fh = vfs.open("/log", OpenFlags.of(1, true, false, false));
        vfs.write(fh, 0, utf8("two"));
        vfs.release(fh);
        assertThat(read("/log")).isEqualTo("onetwo");
    }

    @Test
    void openWithTruncateEmptiesTheFile() throws IOException {
        write("/t", "content");
        long fh = vfs.open("/t", OpenFlags.of(1, false, true, false));
        vfs.release(fh);
        assertThat(vfs.getattr("/t").size()).isZero();
    }

    @Test
    void unlinkedOpenFileStaysReadable() throws IOException {
        write("/gone", "still here");
        long fh = vfs.open("/gone", OpenFlags.READ_ONLY);
        vfs.unlink("/gone");
        ByteBuffer dst = ByteBuffer.allocate(32);
        int n = vfs.read(fh, 0, dst);
        assertThat(new String(dst.array(), 0, n, StandardCharsets.UTF_8)).isEqualTo("still here");
        assertThat(vfs.getattr(fh).size()).isEqualTo(10);
        vfs.release(fh);
        assertError(() -> vfs.getattr("/gone"), FsError.ENOENT);
    }

    /** The kernel marks an inode whose type changes as bad: every later read and close of it fails with EIO. */
    @Test
    void anUnlinkedOpenFileStaysARegularFileWhenADirectoryTakesItsName() throws IOException {
        write("/rep", "still here");
        long fh = vfs.open("/rep", OpenFlags.READ_ONLY);
        vfs.unlink("/rep");
        vfs.mkdir("/rep", 0755);

        FileAttributes attributes = vfs.getattr(fh);
        assertThat(attributes.posixMode() & 0170000).as("a regular file").isEqualTo(0100000);
        assertThat(attributes.size()).isEqualTo(10);
        ByteBuffer dst = ByteBuffer.allocate(32);
        assertThat(new String(dst.array(), 0, vfs.read(fh, 0, dst), StandardCharsets.UTF_8)).isEqualTo("still here");
        vfs.release(fh);
        assertThat(vfs.getattr("/rep").directory()).isTrue();
    }

    @Test
    void renameFollowsOpenHandles() throws IOException {
        vfs.mkdir("/d", 0755);
        long fh = vfs.create("/d/f", 0644, OpenFlags.READ_WRITE);
        vfs.rename("/d", "/e", false);
        vfs.write(fh, 0, utf8("moved"));
        vfs.release(fh);
        assertThat(read("/e/f")).isEqualTo("moved");
    }

    @Test
    void renameReplacesExistingFileUnlessNoReplace() throws IOException {
        write("/src", "new");
        write("/dst", "old");
        assertError(() -> vfs.rename("/src", "/dst", true), FsError.EEXIST);
        assertThat(read("/dst")).isEqualTo("old");
        vfs.rename("/src", "/dst", false);
        assertThat(read("/dst")).isEqualTo("new");
        assertError(() -> vfs.getattr("/src"), FsError.ENOENT);
    }

    @Test
    void renameEnforcesPosixTypeRules() throws IOException {
        vfs.mkdir("/dir", 0755);
        vfs.mkdir("/full", 0755);
        write("/full/x", "x");
        write("/file", "f");
        assertError(() -> vfs.rename("/dir", "/file", false), FsError.ENOTDIR);
        assertError(() -> vfs.rename("/file", "/dir", false), FsError.EISDIR);
        assertError(() -> vfs.rename("/dir", "/dir/sub", false), FsError.EINVAL);
        assertError(() -> vfs.rename("/dir", "/full", false), FsError.ENOTEMPTY);
    }

    @Test
    void readOnlyMountRefusesEveryChange() throws IOException {
        MemoryProvider store = MemoryProvider.withCapacity(1 << 20);
        Vfs rw = new Vfs(store, VfsOptions.defaults());
        long fh = rw.create("/f", 0644, OpenFlags.READ_WRITE);
        rw.release(fh);
        Vfs ro = new Vfs(store, VfsOptions.defaults().withReadOnly(true));
        assertError(() -> ro.create("/g", 0644, OpenFlags.READ_WRITE), FsError.EROFS);
        assertError(() -> ro.open("/f", OpenFlags.READ_WRITE), FsError.EROFS);
        assertError(() -> ro.mkdir("/d", 0755), FsError.EROFS);
        assertError(() -> ro.unlink("/f"), FsError.EROFS);
        assertError(() -> ro.rename("/f", "/h", false), FsError.EROFS);
        assertThat(ro.getattr("/f").size()).isZero();
    }

    @Test
    void directoryListingIsASnapshotOfOpendir() throws IOException {
        vfs.mkdir("/d", 0755);
        write("/d/a", "1");
        long dh = vfs.opendir("/d");
        write("/d/b", "2");
        assertThat(vfs.readdir(dh)).extracting(FileAttributes::name).containsExactly("a");
        vfs.releasedir(dh);
        long again = vfs.opendir("/d");
        assertThat(vfs.readdir(again)).extracting(FileAttributes::name).containsExactlyInAnyOrder("a", "b");
        vfs.releasedir(again);
    }

    @Test
    void readingFromTheStartAgainListsTheFolderAgain() throws IOException {
        vfs.mkdir("/d", 0755);
        write("/d/a", "1");
        long dh = vfs.opendir("/d");
        assertThat(vfs.readdir(dh, 0)).extracting(FileAttributes::name).containsExactly("a");
        assertThat(vfs.readdir(dh, 1)).extracting(FileAttributes::name).as("further reads: the same snapshot")
                .containsExactly("a");
        write("/d/b", "2");

        assertThat(vfs.readdir(dh, 0)).as("rewinddir").extracting(FileAttributes::name)
                .containsExactlyInAnyOrder("a", "b");
        vfs.releasedir(dh);
    }

    @Test
    void aListingsSizesAreNoLongerCurrentOnceAFileChangesThroughTheDrive() throws IOException {
        vfs.mkdir("/d", 0755);
        write("/d/log", "start");
        long dh = vfs.opendir("/d");
        assertThat(vfs.readdir(dh, 0)).singleElement().extracting(FileAttributes::size).isEqualTo(5L);
        assertThat(vfs.attributesCurrent(dh)).isTrue();

        long fh = vfs.open("/d/log", OpenFlags.of(1, true, false, false));
        vfs.write(fh, 0, utf8(" and more"));
        vfs.release(fh);

        assertThat(vfs.attributesCurrent(dh)).as("the listing says 5 bytes; the file has 14").isFalse();
        assertThat(vfs.readdir(dh, 0)).as("listed again from the start").singleElement()
                .extracting(FileAttributes::size).isEqualTo(14L);
        assertThat(vfs.attributesCurrent(dh)).isTrue();
        vfs.releasedir(dh);
    }

    @Test
    void truncateGrowsWithZerosAndShrinks() throws IOException {
        write("/t", "abcdef");
        vfs.truncate("/t", 3);
        assertThat(read("/t")).isEqualTo("abc");
        vfs.truncate("/t", 5);
        assertThat(read("/t")).isEqualTo("abc\0\0");
    }

    @Test
    void namesLongerThan255BytesAreRefused() {
        String name = "/" + "é".repeat(128); // 256 bytes in UTF-8
        assertError(() -> vfs.mkdir(name, 0755), FsError.ENAMETOOLONG);
    }

    @Test
    void setTimesStoresModificationTime() throws IOException {
        write("/f", "x");
        Instant when = Instant.parse("2020-05-06T07:08:09.123456789Z");
        vfs.setTimes("/f", when);
        assertThat(vfs.getattr("/f").modified()).isEqualTo(when);
    }

    @Test
    void closedHandlesAreRejectedWithEbadf() throws IOException {
        long fh = vfs.create("/f", 0644, OpenFlags.READ_WRITE);
        vfs.release(fh);
        assertError(() -> vfs.read(fh, 0, ByteBuffer.allocate(1)), FsError.EBADF);
        assertThat(vfs.openHandles()).isZero();
    }

    @Test
    void removingTheRootIsRefused() {
        assertError(() -> vfs.rmdir("/"), FsError.EBUSY);
    }

    private void write(String path, String content) throws IOException {
        long fh = vfs.create(path, 0644, OpenFlags.READ_WRITE);
        vfs.write(fh, 0, utf8(content));
        vfs.release(fh);
    }

    private String read(String path) throws IOException {
        long fh = vfs.open(path, OpenFlags.READ_ONLY);
        ByteBuffer dst = ByteBuffer.allocate(1 << 16);
        int n = vfs.read(fh, 0, dst);
        vfs.release(fh);
        return new String(dst.array(), 0, n, StandardCharsets.UTF_8);
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertError(ThrowingCallable call, FsError expected) {
        assertThatThrownBy(call).satisfies(t -> assertThat(FsErrors.classify(t, "test", "-")).isEqualTo(expected));
    }

    @Test
    void openingReadOnlyWithTruncateEmptiesTheFileAsLinuxDoes() throws Exception {
        write("/t.txt", "some text");

        long fh = vfs.open("/t.txt", new OpenFlags(true, false, false, true, false));

        assertThat(vfs.getattr("/t.txt").size()).isZero();
        assertThat(vfs.read(fh, 0, ByteBuffer.allocate(16))).isZero();
        assertError(() -> vfs.write(fh, 0, utf8("x")), FsError.EBADF);
        vfs.release(fh);
    }

    @Test
    void awaitingWritersReturnsOnceTheLastWriterIsReleased() throws Exception {
        write("/w", "x");
        long reader = vfs.open("/w", OpenFlags.READ_ONLY);
        long writer = vfs.open("/w", OpenFlags.READ_WRITE);

        assertThat(vfs.awaitWritersClosed(Duration.ofMillis(20))).isFalse();
        Thread closer = releaseInAnotherThread(vfs, writer);
        // A reader still open does not count: only writers hold up an unmount's upload check.
        assertThat(vfs.awaitWritersClosed(Duration.ofSeconds(30))).isTrue();
        closer.join();
        vfs.release(reader);
    }

    @Test
    void aWriterWhoseReleaseIsStillRunningIsStillAwaited() throws Exception {
        CountingProvider store = new CountingProvider(MemoryProvider.withCapacity(1 << 20));
        Vfs slowToClose = new Vfs(store, VfsOptions.defaults());
        slowToClose.release(slowToClose.create("/w", 0644, OpenFlags.READ_WRITE));
        CountDownLatch closing = store.holdNextClose();
        long writer = slowToClose.open("/w", OpenFlags.READ_WRITE);
        Thread closer = releaseInAnotherThread(slowToClose, writer);
        await().until(() -> slowToClose.openHandles() == 0);

        // The handle is gone from the table but its release (where a cached drive queues the upload) has
        // not finished: an unmount deciding what to upload must still wait for it.
        assertThat(slowToClose.awaitWritersClosed(Duration.ofMillis(50))).isFalse();
        closing.countDown();
        assertThat(slowToClose.awaitWritersClosed(Duration.ofSeconds(30))).isTrue();
        closer.join();
    }

    private static Thread releaseInAnotherThread(Vfs vfs, long fh) {
        Thread closer = new Thread(() -> {
            try {
                vfs.release(fh);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        closer.start();
        return closer;
    }
}
