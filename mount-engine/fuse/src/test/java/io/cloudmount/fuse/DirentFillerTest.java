package io.cloudmount.fuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.cloudmount.engine.vfs.FileAttributes;
import io.cloudmount.fuse.nativeapi.NativeStructs;
import io.cloudmount.fuse.platform.StatLayout;
import io.cloudmount.fuse.platform.linux.LinuxPlatform;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The readdir filler is called from Java into native code; here a JNA callback plays libfuse's filler, so
 * each argument is checked after a real trip through the C calling convention, on the libffi fast path
 * and on the generic JNA path (the one Windows uses).
 */
class DirentFillerTest {
    private static final String ARCH = System.getProperty("os.arch").equals("amd64") ? "x86_64"
            : System.getProperty("os.arch");

    /** {@code int filler(void *buf, const char *name, const struct stat *st, off_t off, int flags)}. */
    public interface FillerCb extends Callback {
        int invoke(Pointer buf, Pointer name, Pointer stat, long offset, int flags);
    }

    record Call(long buf, String name, boolean hasStat, int mode, long size, long mtime, long offset, int flags) {
    }

    private final StatLayout layout = LinuxPlatform.forArch(ARCH).stat();
    private final NativeStructs structs = new NativeStructs(layout, LinuxPlatform.forArch(ARCH).statvfs());
    private final List<Call> calls = new ArrayList<>();
    private int answer;
    private final FillerCb recorder = (buf, name, stat, offset, flags) -> {
        calls.add(new Call(Pointer.nativeValue(buf), name.getString(0, "UTF-8"), stat != null,
                stat == null ? 0 : stat.getInt(layout.mode().offset()),
                stat == null ? 0 : stat.getLong(layout.fileSize().offset()),
                stat == null ? 0 : stat.getLong(layout.mtime().offset()), offset, flags));
        return answer;
    };

    @ParameterizedTest(name = "fast path allowed: {0}")
    @ValueSource(booleans = {true, false})
    void everyArgumentReachesTheNativeFillerIntact(boolean fast) {
        DirentFiller filler = new DirentFiller(structs, fast);
        if (fast) {
            assumeTrue(filler.fast(), "libffi fast path exists on Linux x86_64 and aarch64 only");
        } else {
            assertThat(filler.fast()).isFalse();
        }
        Pointer function = CallbackReference.getFunctionPointer(recorder);
        Memory buf = new Memory(16);
        Instant modified = Instant.ofEpochSecond(1_700_000_123L, 5);
        FileAttributes file = new FileAttributes("ünïcødé €.txt", false, 5_000_000_000L, modified, 0640, 0, 0);
        FileAttributes dir = new FileAttributes("sub", true, 0, modified, 0755, 0, 0);

        int dot = filler.fill(function, buf, new byte[] {'.'}, null, true, 1);
        int withAttributes = filler.fill(function, buf, bytes(file.name()), file, true, 3);
        answer = 1;
        int typeOnly = filler.fill(function, buf, bytes(dir.name()), dir, false, 1L << 40);

        assertThat(List.of(dot, withAttributes, typeOnly)).containsExactly(0, 0, 1);
        long b = Pointer.nativeValue(buf);
        assertThat(calls).containsExactly(
                new Call(b, ".", false, 0, 0, 0, 1, 0),
                new Call(b, "ünïcødé €.txt", true, 0100640, 5_000_000_000L, 1_700_000_123L, 3, 2),
                // Without "plus" only the type bits are passed (for d_type), not the size or times.
                new Call(b, "sub", true, 040755, 0, 0, 1L << 40, 0));
    }

    @ParameterizedTest(name = "fast path allowed: {0}")
    @ValueSource(booleans = {true, false})
    void aShortNameAfterALongOneIsNotPaddedWithTheOldBytes(boolean fast) {
        DirentFiller filler = new DirentFiller(structs, fast);
        Pointer function = CallbackReference.getFunctionPointer(recorder);
        Memory buf = new Memory(16);
        FileAttributes f = new FileAttributes("x", false, 1, Instant.EPOCH, 0644, 0, 0);

        filler.fill(function, buf, bytes("a-much-longer-name"), f, true, 3);
        filler.fill(function, buf, bytes("b"), f, true, 4);

        assertThat(calls).extracting(Call::name).containsExactly("a-much-longer-name", "b");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
