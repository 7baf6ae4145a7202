package io.cloudmount.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading {@code /proc/self/mountinfo}, from files in its format. */
class MountTableTest {
    private static final String ROOT = "22 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw\n";
    /** Our drive, at a folder whose name has a space (escaped as {@code \040}) and UTF-8 letters. */
    private static final String OURS = "612 30 0:58 / /tmp/work/my\\040drive/\u00e9t\u00e9 rw,nosuid,nodev,relatime"
            + " shared:300 - fuse.cloudmount my\\040drive rw,user_id=0,group_id=0\n";

    @TempDir
    Path work;

    @Test
    void aMountPointNamedInAnotherCharsetDoesNotHideTheOtherMounts() throws Exception {
        // mount -t tmpfs tmpfs $'/tmp/rv-lat\xe9': the kernel shows the name's bytes as they are, here Latin-1.
        ByteArrayOutputStream mountinfo = new ByteArrayOutputStream();
        mountinfo.writeBytes(ROOT.getBytes(StandardCharsets.UTF_8));
        mountinfo.writeBytes("40 30 0:60 / /tmp/rv-lat".getBytes(StandardCharsets.UTF_8));
        mountinfo.write(0xe9);
        mountinfo.writeBytes(" rw,relatime shared:310 - tmpfs tmpfs rw\n".getBytes(StandardCharsets.UTF_8));
        mountinfo.writeBytes(OURS.getBytes(StandardCharsets.UTF_8));

        var entries = MountTable.entries(Files.write(work.resolve("mountinfo"), mountinfo.toByteArray()));

        assertThat(entries).contains(new MountTable.Entry(Path.of("/tmp/work/my drive/\u00e9t\u00e9"), "fuse.cloudmount",
                "my drive", "0:58"));
        assertThat(entries).extracting(MountTable.Entry::mountPoint).as("the Latin-1 name, its byte replaced")
                .containsExactly(Path.of("/"), Path.of("/tmp/rv-lat\ufffd"), Path.of("/tmp/work/my drive/\u00e9t\u00e9"));
    }
}
