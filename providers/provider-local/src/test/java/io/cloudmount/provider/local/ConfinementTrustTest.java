package io.cloudmount.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudmount.provider.ProviderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust window of {@link Confinement} on a clock the test moves: a directory the drive just
 * created is trusted without {@code toRealPath}, but only for the window; a link another program
 * put in its place is refused once the window has passed.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "creating symbolic links needs extra privileges on Windows")
class ConfinementTrustTest {
    @TempDir
    Path temp;

    private final AtomicLong nanos = new AtomicLong(1_000);
    private Path drive;
    private Path outside;
    private Confinement confinement;

    @BeforeEach
    void createDriveNextToAnOutsideFolder() throws IOException {
        drive = Files.createDirectories(temp.resolve("drive")).toRealPath();
        outside = Files.createDirectories(temp.resolve("outside")).toRealPath();
        confinement = new Confinement(drive, new LocalAttributes(true),
                new LocalFailures(drive, Files.getFileStore(drive)), nanos::get);
    }

    @Test
    void aCreatedDirectoryIsEnteredWithinTheWindowAndCheckedAgainAfterIt() throws IOException {
        Files.createDirectory(drive.resolve("made"));
        confinement.trustCreatedDirectory("/made");

        assertThat(confinement.enter("/made/file.txt")).isEqualTo(drive.resolve("made/file.txt"));

        nanos.addAndGet(Confinement.TRUST_NANOS + 1);
        Files.delete(drive.resolve("made"));
        Files.createSymbolicLink(drive.resolve("made"), outside);
        assertThatThrownBy(() -> confinement.enter("/made/file.txt"))
                .isInstanceOf(ProviderException.AccessDenied.class);
    }

    /** Within the window too: the trust is in the directory the path led to, not in the path. */
    @Test
    void aTrustedDirectorySwappedForALinkLeadingOutIsRefusedAtOnce() throws IOException {
        Files.createDirectory(drive.resolve("made"));
        confinement.trustCreatedDirectory("/made");
        Files.createDirectories(drive.resolve("a/b"));
        confinement.enter("/a/b/file.txt"); // checked and trusted
        Files.createDirectories(outside.resolve("b"));
        // Another program swaps the new directory, and an ancestor of the other, for links leading out.
        Files.delete(drive.resolve("made"));
        Files.createSymbolicLink(drive.resolve("made"), outside);
        Files.move(drive.resolve("a"), drive.resolve("a-moved"));
        Files.createSymbolicLink(drive.resolve("a"), outside);

        assertThatThrownBy(() -> confinement.enter("/made/file.txt"))
                .isInstanceOf(ProviderException.AccessDenied.class);
        assertThatThrownBy(() -> confinement.enter("/a/b/file.txt"))
                .isInstanceOf(ProviderException.AccessDenied.class);
    }

    @Test
    void aDirectoryNotCreatedByTheDriveIsResolvedBeforeItIsEntered() throws IOException {
        Files.createSymbolicLink(drive.resolve("linked"), outside);

        assertThatThrownBy(() -> confinement.enter("/linked/file.txt"))
                .isInstanceOf(ProviderException.AccessDenied.class);
    }
}
