package io.cloudmount.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.cloudmount.engine.vfs.CacheSettings;
import io.cloudmount.engine.vfs.Vfs;
import io.cloudmount.engine.vfs.VfsOptions;
import io.cloudmount.fuse.nativeapi.OperationSlot;
import io.cloudmount.fuse.platform.FileInfoLayout;
import io.cloudmount.fuse.platform.linux.LinuxPlatform;
import io.cloudmount.provider.memory.MemoryProvider;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which opens ask the kernel to skip FLUSH at close(2) ({@code noflush}): the bit libfuse 3.14
 * copies into the open reply, read back from the {@code fuse_file_info} the create and open
 * callbacks filled in, called through the operations table as libfuse calls them.
 */
class FlushRequestTest {
    private static final int LIBFUSE_3_14 = 314;
    private static final int O_WRONLY = 1;
    private static final int O_CREAT = 0100;
    private static final int O_RDONLY = 0;
    private static final int NOFLUSH = 1 << 7;

    @TempDir
    Path work;

    @Test
    void filesWrittenStraightToTheStoreAreClosedWithoutAFlushRequest() throws Exception {
        Vfs vfs = new Vfs(MemoryProvider.withCapacity(1 << 20), VfsOptions.defaults());
        FuseOperations ops = operations(vfs, KernelCachePolicy.exclusive());

        Memory created = fileInfo(O_WRONLY | O_CREAT);
        assertThat(call(ops, OperationSlot.CREATE, "/new.txt", 0644, created)).isZero();
        Memory opened = fileInfo(O_RDONLY);
        assertThat(call(ops, OperationSlot.OPEN, "/new.txt", opened)).isZero();

        assertThat(created.getInt(FileInfoLayout.BITS) & NOFLUSH).isEqualTo(NOFLUSH);
        assertThat(opened.getInt(FileInfoLayout.BITS) & NOFLUSH).isEqualTo(NOFLUSH);
    }

    @Test
    void cachedFilesKeepTheirFlushBecauseCloseWritesTheCacheFile() throws Exception {
        Vfs vfs = Vfs.cached(MemoryProvider.withCapacity(1 << 20), VfsOptions.defaults(),
                CacheSettings.defaults(work.resolve("cache")));
        try {
            FuseOperations ops = operations(vfs, KernelCachePolicy.exclusive());

            Memory created = fileInfo(O_WRONLY | O_CREAT);
            assertThat(call(ops, OperationSlot.CREATE, "/new.txt", 0644, created)).isZero();

            assertThat(created.getInt(FileInfoLayout.BITS) & NOFLUSH).isZero();
        } finally {
            vfs.close();
        }
    }

    @Test
    void withTheKernelsWritebackCacheFlushStaysOn() throws Exception {
        Vfs vfs = new Vfs(MemoryProvider.withCapacity(1 << 20), VfsOptions.defaults());
        var writeback = new KernelCachePolicy(Duration.ofMinutes(10), Duration.ofMinutes(10), true, true, true);
        FuseOperations ops = operations(vfs, writeback);

        Memory created = fileInfo(O_WRONLY | O_CREAT);
        assertThat(call(ops, OperationSlot.CREATE, "/new.txt", 0644, created)).isZero();

        assertThat(created.getInt(FileInfoLayout.BITS) & NOFLUSH).isZero();
    }

    private static FuseOperations operations(Vfs vfs, KernelCachePolicy cache) {
        return new FuseOperations(vfs, LinuxPlatform.forArch("x86_64"), LIBFUSE_3_14, MountOptions.defaults("t", cache));
    }

    private static Memory fileInfo(int flags) {
        Memory fi = new Memory(FileInfoLayout.SIZE);
        fi.clear();
        fi.setInt(FileInfoLayout.FLAGS, flags);
        return fi;
    }

    private static int call(FuseOperations ops, OperationSlot slot, Object... args) {
        Object[] converted = args.clone();
        if (converted[0] instanceof String path) {
            Memory cPath = new Memory(path.length() + 1L);
            cPath.setString(0, path, "UTF-8");
            converted[0] = cPath;
        }
        Pointer function = ops.table().getPointer(slot.offset());
        return Function.getFunction(function).invokeInt(converted);
    }
}
