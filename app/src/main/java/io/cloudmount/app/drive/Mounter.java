package io.cloudmount.app.drive;

import io.cloudmount.engine.vfs.Vfs;
import io.cloudmount.fuse.FuseMount;
import io.cloudmount.fuse.MountException;
import io.cloudmount.fuse.MountOptions;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Mounts a VFS. {@link #FUSE} does what {@code cloudmount mount} does ({@link FuseMount#mount}); tests
 * of the state machine use a fake, so they need neither FUSE nor a display.
 */
@FunctionalInterface
public interface Mounter {
    Mounter FUSE = (vfs, mountPoint, options) -> {
        // The String form: on Windows "X:", "*" and "\\cloudmount\NAME" are mount points too.
        FuseMount mount = FuseMount.mount(vfs, mountPoint, options);
        return new Mounted() {
            @Override
            public Path mountPoint() {
                return mount.mountPoint();
            }

            @Override
            public boolean awaitUnmounted(Duration timeout) throws InterruptedException {
                return mount.awaitUnmounted(timeout);
            }

            @Override
            public void close() {
                mount.close();
            }
        };
    };

    /**
     * Returns once programs can use the drive. {@code mountPoint} is a folder, or on Windows also
     * {@code X:}, {@code *} or {@code \\cloudmount\NAME}; {@link Mounted#mountPoint()} says where it went.
     */
    Mounted mount(Vfs vfs, String mountPoint, MountOptions options) throws MountException;

    /** A live mount. {@link #close()} unmounts (idempotent) and closes the VFS and its store. */
    interface Mounted extends AutoCloseable {
        Path mountPoint();

        /** True once the drive is gone, however it went (close, {@code fusermount3 -u}, a crash of the loop). */
        boolean awaitUnmounted(Duration timeout) throws InterruptedException;

        @Override
        void close();
    }
}
