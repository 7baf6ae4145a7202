package io.cloudmount.fuse.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudmount.fuse.MountException;
import io.cloudmount.fuse.MountException.Reason;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WindowsMountPointTest {
    /** A typical PC: system disk, DVD drive, a mapped network drive on Z:. */
    private final DriveLetters letters = DriveLetters.of('C', 'D', 'Z');
    private final FakeWindowsFiles files = new FakeWindowsFiles()
            .directory("C:\\Users")
            .directory("C:\\Users\\me")
            .directory("C:\\Users\\me\\Existing")
            .file("C:\\Users\\me\\notes.txt");

    private WindowsMountPoint parse(String spec) throws MountException {
        return WindowsMountPoint.parse(spec, letters, files);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X:", "x:", "X:\\", "x:/", "  X:  "})
    void driveLettersAreNormalizedToLetterAndColon(String spec) throws Exception {
        WindowsMountPoint mountPoint = parse(spec);

        assertThat(mountPoint.nativePath()).isEqualTo("X:");
        assertThat(mountPoint.driveLetter()).contains('X');
        assertThat(mountPoint.root()).isEqualTo("X:\\");
        assertThat(mountPoint.isFolder()).isFalse();
        assertThat(mountPoint.settings(false)).isEqualTo(WindowsMountSettings.DEFAULT);
    }

    @Test
    void aLetterInUseIsRefusedAndAFreeOneSuggested() {
        assertThatThrownBy(() -> parse("c:"))
                .isInstanceOfSatisfying(MountException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_MOUNTED))
                .hasMessageContaining("Drive C: is already in use")
                .hasMessageContaining("Y: is free");
    }

    @Test
    void starTakesTheFirstFreeLetterFromZDown() throws Exception {
        assertThat(parse("*").nativePath()).isEqualTo("Y:");
        assertThat(WindowsMountPoint.parse("*", DriveLetters.of('C'), files).nativePath()).isEqualTo("Z:");
    }

    @Test
    void starFailsWhenDThroughZAreAllTaken() {
        DriveLetters full = () -> {
            var used = new java.util.TreeSet<Character>();
            for (char c = 'A'; c <= 'Z'; c++) {
                used.add(c);
            }
            return used;
        };

        assertThatThrownBy(() -> WindowsMountPoint.parse("*", full, files))
                .isInstanceOf(MountException.class)
                .hasMessageContaining("All drive letters from D: to Z: are in use");
    }

    @Test
    void aNewFolderInsideAnExistingOneIsAccepted() throws Exception {
        WindowsMountPoint mountPoint = parse("c:/Users/me//Cloud\\");

        assertThat(mountPoint.nativePath()).isEqualTo("C:\\Users\\me\\Cloud");
        assertThat(mountPoint.isFolder()).isTrue();
        assertThat(mountPoint.driveLetter()).isEmpty();
        assertThat(mountPoint.root()).isEqualTo("C:\\Users\\me\\Cloud");
    }

    @Test
    void dotAndDotDotAreResolved() throws Exception {
        assertThat(parse("C:\\Users\\me\\.\\x\\..\\Cloud").nativePath()).isEqualTo("C:\\Users\\me\\Cloud");
    }

    @Test
    void aFolderDirectlyOnADriveIsAccepted() throws Exception {
        assertThat(parse("C:\\Cloud").nativePath()).isEqualTo("C:\\Cloud");
    }

    @Test
    void anExistingFolderIsRefusedBecauseWinFspCreatesItItself() {
        assertThatThrownBy(() -> parse("C:\\Users\\me\\existing"))
                .isInstanceOfSatisfying(MountException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MOUNT_POINT_NOT_EMPTY))
                .hasMessageContaining("already exists")
                .hasMessageContaining("WinFsp creates the mount folder itself");
    }

    @Test
    void aMissingParentIsNamed() {
        assertThatThrownBy(() -> parse("C:\\Users\\you\\Cloud"))
                .isInstanceOfSatisfying(MountException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MOUNT_POINT_MISSING))
                .hasMessageContaining("The folder C:\\Users\\you does not exist");
    }

    @Test
    void aParentThatIsAFileIsRefused() {
        assertThatThrownBy(() -> parse("C:\\Users\\me\\notes.txt\\Cloud"))
                .isInstanceOfSatisfying(MountException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MOUNT_POINT_NOT_DIRECTORY))
                .hasMessageContaining("is a file, not a folder");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Cloud", "Users\\me\\Cloud", "C:Cloud", "\\Users\\me\\Cloud"})
    void relativePathsAreRefused(String spec) {
        assertThatThrownBy(() -> parse(spec))
                .isInstanceOfSatisfying(MountException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_OPTION))
                .hasMessageContaining("is not a full path");
    }

    @Test
    void aBareLetterGetsAHint() {
        assertThatThrownBy(() -> parse("X")).hasMessageContaining("Did you mean X:?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"C:\\Users\\me\\a<b", "C:\\Users\\me\\what?", "C:\\Users\\me\\x:y", "C:\\Users\\me\\trailing.",
            "C:\\Users\\me\\trailing \\x", "C:\\Users\\me\\NUL", "C:\\Users\\me\\com1.txt", "C:\\Users\\me\\tab\there"})
    void namesWindowsCannotHoldAreRefused(String spec) {
        assertThatThrownBy(() -> parse(spec))
                .isInstanceOfSatisfying(MountException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_OPTION))
                .hasMessageContaining("Mount point");
    }

    @Test
    void pathsOverMaxPathAreRefused() {
        String longPath = "C:\\Users\\me\\" + "a".repeat(250);

        assertThatThrownBy(() -> parse(longPath)).hasMessageContaining("Windows allows 259");
    }

    @Test
    void theRootOfADriveIsNotAFolderMount() {
        assertThatThrownBy(() -> parse("C:\\\\")).hasMessageContaining("is the root of drive C:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\\\cloudmount\\Docs", "\\\\CloudMount\\Docs\\", "//cloudmount/Docs"})
    void uncNamesBecomeNetworkDrivesOnAFreeLetter(String spec) throws Exception {
        WindowsMountPoint mountPoint = parse(spec);

        assertThat(mountPoint.nativePath()).isEqualTo("Y:");
        assertThat(mountPoint.networkShare()).contains("Docs");
        WindowsMountSettings settings = mountPoint.settings(true);
        assertThat(settings.networkDrive()).isTrue();
        assertThat(settings.volumePrefix()).contains("\\cloudmount\\Docs");
        assertThat(settings.uncName()).contains("\\\\cloudmount\\Docs");
        assertThat(settings.caseInsensitive()).isTrue();
        assertThat(mountPoint).hasToString("\\\\cloudmount\\Docs on Y:");
    }

    @Test
    void otherServersAreRefused() {
        assertThatThrownBy(() -> parse("\\\\fileserver\\share"))
                .isInstanceOf(MountException.class)
                .hasMessageContaining("Network drives are named \\\\cloudmount\\NAME");
    }

    @Test
    void foldersBelowAShareAreRefused() {
        assertThatThrownBy(() -> parse("\\\\cloudmount\\Docs\\sub")).hasMessageContaining("no folder after NAME");
    }

    @Test
    void badShareNamesAreRefused() {
        assertThatThrownBy(() -> parse("\\\\cloudmount\\a+b")).hasMessageContaining("'+'");
        assertThatThrownBy(() -> parse("\\\\cloudmount\\" + "x".repeat(81))).hasMessageContaining("longer than 80");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\\\.\\X:", "\\\\?\\X:", "\\\\.\\C:\\mnt"})
    void mountManagerNamesAreRefusedWithAReason(String spec) {
        assertThatThrownBy(() -> parse(spec)).hasMessageContaining("Administrator");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void anEmptyMountPointListsTheForms(String spec) {
        assertThatThrownBy(() -> parse(spec))
                .hasMessageContaining("X:")
                .hasMessageContaining("*")
                .hasMessageContaining("\\\\cloudmount\\NAME");
    }

    @Test
    void aDriveLetterCanBeMadeANetworkDrive() throws Exception {
        WindowsMountPoint mountPoint = parse("X:").asNetworkDrive("Photos");

        assertThat(mountPoint.nativePath()).isEqualTo("X:");
        assertThat(mountPoint.settings(false).volumePrefix()).contains("\\cloudmount\\Photos");
    }

    @Test
    void aFolderCannotBeANetworkDrive() throws Exception {
        WindowsMountPoint folder = parse("C:\\Users\\me\\Cloud");

        assertThatThrownBy(() -> folder.asNetworkDrive("Photos"))
                .isInstanceOf(MountException.class)
                .hasMessageContaining("A network drive needs a drive letter");
    }

    @Test
    void theRecordRefusesANetworkShareWithoutLetter() {
        assertThatThrownBy(() -> new WindowsMountPoint("C:\\x", Optional.empty(), Optional.of("Docs")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
