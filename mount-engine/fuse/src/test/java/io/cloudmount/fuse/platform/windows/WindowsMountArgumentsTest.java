package io.cloudmount.fuse.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.fuse.KernelCachePolicy;
import io.cloudmount.fuse.MountOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsMountArgumentsTest {
    private static final WindowsPlatform WINDOWS = WindowsPlatform.forArch("x86_64");

    private static MountOptions options(KernelCachePolicy cache) {
        return new MountOptions("Photos", false, false, 8, false, cache, List.of());
    }

    /** The comma-separated {@code -o} list, split into single options. */
    private static List<String> dashO(List<String> argv) {
        int i = argv.indexOf("-o");
        assertThat(i).as("-o present").isPositive();
        return Arrays.asList(argv.get(i + 1).split(","));
    }

    @Test
    void programNameComesFirstThenFileSystemNameThenOptions() {
        List<String> argv = WINDOWS.fuseArguments(options(KernelCachePolicy.shared()));

        assertThat(argv).startsWith("cloudmount", "--FileSystemName=CloudMount", "-o");
        assertThat(argv).hasSize(4);
    }

    @Test
    void filesBelongToTheMountingUserAndTheLabelIsTheVolumeName() {
        List<String> o = dashO(WINDOWS.fuseArguments(options(KernelCachePolicy.shared())));

        assertThat(o).contains("uid=-1", "gid=-1", "volname=Photos", "ThreadCount=8");
    }

    @Test
    void theFileSystemNameFitsWinFspsFifteenCharacters() {
        assertThat(("FUSE-" + WindowsMountArguments.FILE_SYSTEM_NAME).length()).isLessThanOrEqualTo(15);
    }

    @Test
    void sharedStoresGetShortTimeoutsAndNoDataCache() {
        List<String> o = dashO(WINDOWS.fuseArguments(options(KernelCachePolicy.shared())));

        assertThat(o).contains("FileInfoTimeout=1000", "DirInfoTimeout=1000", "VolumeInfoTimeout=1000");
        assertThat(o).doesNotContain("KeepFileCache=");
    }

    @Test
    void exclusiveStoresLetWindowsCacheFileData() {
        List<String> o = dashO(WINDOWS.fuseArguments(options(KernelCachePolicy.exclusive())));

        assertThat(o).contains("FileInfoTimeout=-1", "KeepFileCache=", "DirInfoTimeout=600000", "VolumeInfoTimeout=1000");
    }

    @Test
    void uncachedListingsHaveNoDirectoryTimeout() {
        var cache = new KernelCachePolicy(Duration.ofMillis(250), Duration.ZERO, false, false, false);
        List<String> o = dashO(WINDOWS.fuseArguments(options(cache)));

        assertThat(o).contains("FileInfoTimeout=250", "DirInfoTimeout=0");
    }

    @Test
    void readOnlyIsACapabilityNotAnOption() {
        var readOnly = new MountOptions("Photos", true, false, 8, false, KernelCachePolicy.shared(), List.of());
        List<String> argv = WINDOWS.fuseArguments(readOnly);

        assertThat(dashO(argv)).doesNotContain("ro");
        assertThat(WINDOWS.wantedCapabilities(readOnly) & WindowsPlatform.CAP_READ_ONLY).isNotZero();
        assertThat(WINDOWS.wantedCapabilities(options(KernelCachePolicy.shared())) & WindowsPlatform.CAP_READ_ONLY).isZero();
    }

    @Test
    void debugDoesNotTurnOnWinFspsStderrTrace() {
        var debug = new MountOptions("Photos", false, false, 8, true, KernelCachePolicy.shared(), List.of());
        List<String> argv = WINDOWS.fuseArguments(debug);

        assertThat(argv).doesNotContain("-d");
        assertThat(dashO(argv)).doesNotContain("debug");
    }

    @Test
    void extraOptionsComeLastSoTheyWin() {
        var extra = new MountOptions("Photos", false, false, 8, false, KernelCachePolicy.shared(),
                List.of("ExactFileSystemName=NTFS", "FileInfoTimeout=5000"));
        List<String> o = dashO(WINDOWS.fuseArguments(extra));

        assertThat(o).endsWith("ExactFileSystemName=NTFS", "FileInfoTimeout=5000");
    }

    @Test
    void aNetworkDriveAddsItsVolumePrefixAsALiteralArgument() {
        WindowsPlatform network = WINDOWS.withSettings(WindowsMountSettings.networkDrive("Photos", false));
        List<String> argv = network.fuseArguments(options(KernelCachePolicy.shared()));

        assertThat(argv).contains("--VolumePrefix=\\cloudmount\\Photos");
        assertThat(argv.indexOf("--VolumePrefix=\\cloudmount\\Photos")).isLessThan(argv.indexOf("-o"));
    }

    @Test
    void aLocalDiskHasNoVolumePrefix() {
        assertThat(WINDOWS.fuseArguments(options(KernelCachePolicy.shared())))
                .noneMatch(arg -> arg.contains("VolumePrefix"));
    }

    @Test
    void volumeLabelsLongerThan32CharactersAreCutTo32() {
        var longName = new MountOptions("s3-" + "a".repeat(60), false, false, 8, false, KernelCachePolicy.shared(), List.of());

        assertThat(dashO(WINDOWS.fuseArguments(longName))).contains("volname=s3-" + "a".repeat(29));
        var exactly32 = new MountOptions("b".repeat(32), false, false, 8, false, KernelCachePolicy.shared(), List.of());
        assertThat(dashO(WINDOWS.fuseArguments(exactly32))).contains("volname=" + "b".repeat(32));
    }

    @Test
    void labelLengthCountsUtf16UnitsAsWinFspDoes() {
        String emoji = "\uD83D\uDCF7"; // one code point, two UTF-16 units
        var sixteenEmoji = new MountOptions(emoji.repeat(16), false, false, 8, false, KernelCachePolicy.shared(), List.of());
        var seventeenEmoji = new MountOptions(emoji.repeat(17), false, false, 8, false, KernelCachePolicy.shared(), List.of());

        assertThat(dashO(WINDOWS.fuseArguments(sixteenEmoji))).contains("volname=" + emoji.repeat(16));
        assertThat(dashO(WINDOWS.fuseArguments(seventeenEmoji))).contains("volname=" + emoji.repeat(16));
    }

    @Test
    void aCutLabelNeverEndsInHalfASurrogatePair() {
        String emoji = "\uD83D\uDCF7";
        var oddCut = new MountOptions("x" + emoji.repeat(16), false, false, 8, false, KernelCachePolicy.shared(), List.of());

        assertThat(dashO(WINDOWS.fuseArguments(oddCut))).contains("volname=x" + emoji.repeat(15));
    }
}
