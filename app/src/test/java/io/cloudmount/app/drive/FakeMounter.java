package io.cloudmount.app.drive;

import io.cloudmount.engine.vfs.Vfs;
import io.cloudmount.fuse.MountException;
import io.cloudmount.fuse.MountOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Mounts nothing: records the calls, and lets a test end a "mount" as if fusermount3 -u had run. */
final class FakeMounter implements Mounter {
    final List<FakeMount> mounts = new CopyOnWriteArrayList<>();
    volatile MountException failWith;
    volatile CountDownLatch gate = new CountDownLatch(0);
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public Mounted mount(Vfs vfs, String mountPoint, MountOptions options) throws MountException {
        threads.add(Thread.currentThread().getName());
        try {
            gate.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failWith != null) {
            throw failWith;
        }
        FakeMount mount = new FakeMount(vfs, Path.of(mountPoint), options);
        mounts.add(mount);
        return mount;
    }

    static final class FakeMount implements Mounted {
        final Vfs vfs;
        final Path mountPoint;
        final MountOptions options;
        final CountDownLatch gone = new CountDownLatch(1);

        FakeMount(Vfs vfs, Path mountPoint, MountOptions options) {
            this.vfs = vfs;
            this.mountPoint = mountPoint;
            this.options = options;
        }

        @Override
        public Path mountPoint() {
            return mountPoint;
        }

        @Override
        public boolean awaitUnmounted(Duration timeout) throws InterruptedException {
            return gone.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            gone.countDown();
        }

        /** As if someone ran fusermount3 -u. */
        void vanish() {
            gone.countDown();
        }
    }
}
