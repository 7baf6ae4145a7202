package io.cloudmount.fuse.platform;

import static io.cloudmount.engine.FsError.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.engine.FsError;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The errno numbers of §6 of the facts: UCRT on Windows, glibc on Linux. They differ, which is the point. */
class ErrnoTablesTest {
    private static final ErrnoTable WINDOWS = NativePlatform.forSystem("Windows 11", "amd64").errno();
    private static final ErrnoTable LINUX = NativePlatform.forSystem("Linux", "amd64").errno();

    /** §6, "Win" column. */
    private static final Map<FsError, Integer> WINDOWS_FACTS = new EnumMap<>(Map.ofEntries(
            Map.entry(EPERM, 1), Map.entry(ENOENT, 2), Map.entry(EIO, 5), Map.entry(EBADF, 9), Map.entry(EAGAIN, 11),
            Map.entry(ENOMEM, 12), Map.entry(EACCES, 13), Map.entry(EBUSY, 16), Map.entry(EEXIST, 17),
            Map.entry(EXDEV, 18), Map.entry(ENOTDIR, 20), Map.entry(EISDIR, 21), Map.entry(EINVAL, 22),
            Map.entry(EMFILE, 24), Map.entry(EFBIG, 27), Map.entry(ENOSPC, 28), Map.entry(EROFS, 30),
            Map.entry(ERANGE, 34), Map.entry(ENAMETOOLONG, 38), Map.entry(ENOSYS, 40), Map.entry(ENOTEMPTY, 41),
            Map.entry(EILSEQ, 42), Map.entry(ENODATA, 120), Map.entry(ENOTSUP, 129), Map.entry(ETIMEDOUT, 138),
            Map.entry(ECANCELED, 105)));
    /** §6, "Linux" column (glibc, x86_64 and aarch64 alike). */
    private static final Map<FsError, Integer> LINUX_FACTS = new EnumMap<>(Map.ofEntries(
            Map.entry(EPERM, 1), Map.entry(ENOENT, 2), Map.entry(EIO, 5), Map.entry(EBADF, 9), Map.entry(EAGAIN, 11),
            Map.entry(ENOMEM, 12), Map.entry(EACCES, 13), Map.entry(EBUSY, 16), Map.entry(EEXIST, 17),
            Map.entry(EXDEV, 18), Map.entry(ENOTDIR, 20), Map.entry(EISDIR, 21), Map.entry(EINVAL, 22),
            Map.entry(EMFILE, 24), Map.entry(EFBIG, 27), Map.entry(ENOSPC, 28), Map.entry(EROFS, 30),
            Map.entry(ERANGE, 34), Map.entry(ENAMETOOLONG, 36), Map.entry(ENOSYS, 38), Map.entry(ENOTEMPTY, 39),
            Map.entry(EILSEQ, 84), Map.entry(ENODATA, 61), Map.entry(ENOTSUP, 95), Map.entry(ETIMEDOUT, 110),
            Map.entry(ECANCELED, 125)));

    @Test
    void theFactTablesCoverEveryFsError() {
        assertThat(WINDOWS_FACTS.keySet()).containsExactlyInAnyOrder(FsError.values());
        assertThat(LINUX_FACTS.keySet()).containsExactlyInAnyOrder(FsError.values());
    }

    @ParameterizedTest
    @EnumSource(FsError.class)
    void windowsUsesTheUcrtNumber(FsError error) {
        assertThat(WINDOWS.of(error)).isEqualTo(WINDOWS_FACTS.get(error));
    }

    @ParameterizedTest
    @EnumSource(FsError.class)
    void linuxUsesTheGlibcNumber(FsError error) {
        assertThat(LINUX.of(error)).isEqualTo(LINUX_FACTS.get(error));
    }

    @Test
    void theNumbersThatMustNotCrossOver() {
        assertThat(WINDOWS.of(ENOTEMPTY)).isEqualTo(41);
        assertThat(LINUX.of(ENOTEMPTY)).isEqualTo(39);
        // WinFsp's probes look for exactly -40 ("not implemented"); Linux's 38 would read as "name too long".
        assertThat(WINDOWS.of(ENOSYS)).isEqualTo(40);
        assertThat(LINUX.of(ENOSYS)).isEqualTo(38);
        assertThat(WINDOWS.of(ENAMETOOLONG)).isEqualTo(38);
        assertThat(LINUX.of(ENAMETOOLONG)).isEqualTo(36);
    }

    @Test
    void bothArchitecturesShareATable() {
        assertThat(NativePlatform.forSystem("Windows 11", "aarch64").errno()).isSameAs(WINDOWS);
        assertThat(NativePlatform.forSystem("Linux", "aarch64").errno()).isSameAs(LINUX);
    }
}
