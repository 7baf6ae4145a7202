package io.cloudmount.fuse.platform.windows;

import io.cloudmount.fuse.KernelCachePolicy;
import io.cloudmount.fuse.MountOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code fuse3_new} arguments for WinFsp's FUSE layer (options of WinFsp's {@code src/dll/fuse/fuse.c}).
 * WinFsp keeps options it does not know without complaint, so a misspelt option silently does
 * nothing: only options from that table are used here. Later options override earlier ones, which
 * is why the user's {@link MountOptions#extraOptions()} come last.
 *
 * <p>Deliberately absent:
 * <ul>
 * <li>{@code ro}: WinFsp has no such option; read-only is {@code FSP_FUSE_CAP_READ_ONLY} in
 *     {@code want} (see {@link WindowsPlatform#wantedCapabilities(MountOptions)}), and the engine refuses
 *     changes with EROFS on its own.</li>
 * <li>{@code -d}/{@code debug}: WinFsp then traces every request to the JVM's stderr. {@link
 *     MountOptions#debug()} means "log every operation", which the adapter already does through SLF4J.
 *     Pass {@code debug} in the extra options to get WinFsp's own trace.</li>
 * <li>{@code entry_timeout}, {@code negative_timeout}, {@code kernel_cache}, {@code auto_cache},
 *     {@code hard_remove}: accepted and ignored by WinFsp.</li>
 * </ul>
 */
final class WindowsMountArguments {
    private static final Logger LOG = LoggerFactory.getLogger(WindowsMountArguments.class);

    /**
     * WinFsp's volume label buffer ({@code FSP_FSCTL_VOLUME_INFO.VolumeLabel}): 32 UTF-16 units. WinFsp
     * cuts longer labels itself, even inside a surrogate pair; {@link #volumeLabel} cuts them first, cleanly.
     */
    static final int MAX_VOLUME_LABEL = 32;
    /**
     * Windows shows {@code FUSE-CloudMount} as the file system (WinFsp prefixes {@code FUSE-}; 15
     * characters in all is its limit, which this name fills exactly). Not {@code
     * ExactFileSystemName=NTFS}: programs that see NTFS use NTFS-only features this drive does not
     * have (alternate data streams, ACL editing, hard links, object IDs, the USN journal) and fail in
     * obscure ways; Explorer and Office work with any name (as they do with rclone's
     * {@code FUSE-rclone}). NTFS is only needed to run programs "as administrator" from the drive
     * (WinFsp FAQ); whoever needs that passes {@code ExactFileSystemName=NTFS} as an extra option.
     */
    static final String FILE_SYSTEM_NAME = "CloudMount";
    /**
     * Free space shown by Explorer and the tray refreshes this often. Without it WinFsp would use
     * FileInfoTimeout, which is "forever" (-1) when file data is cached.
     */
    static final Duration VOLUME_INFO_TIMEOUT = Duration.ofSeconds(1);
    /** FileInfoTimeout value that lets the Windows cache manager keep file data. */
    static final int CACHE_FOREVER = -1;

    private WindowsMountArguments() {
    }

    static List<String> of(MountOptions options, WindowsMountSettings settings) {
        KernelCachePolicy cache = options.cache();
        List<String> o = new ArrayList<>();
        // Every file belongs to the user who mounted: WinFsp maps that account's SID to a uid/gid.
        o.add("uid=-1");
        o.add("gid=-1");
        o.add("volname=" + volumeLabel(options.volumeName()));
        // Metadata timeouts in ms. Only FileInfoTimeout=-1 lets Windows cache file contents, and it
        // makes attributes permanent too, so it is used only where nothing changes beside the mount.
        int fileInfo = cache.keepPageCache() ? CACHE_FOREVER : millis(cache.attributeTimeout());
        o.add("FileInfoTimeout=" + fileInfo);
        o.add("DirInfoTimeout=" + (cache.cacheListings() ? millis(cache.attributeTimeout()) : 0));
        o.add("VolumeInfoTimeout=" + millis(VOLUME_INFO_TIMEOUT));
        if (cache.keepPageCache()) {
            // The "=" is required: WinFsp's template is "KeepFileCache=" and the bare word matches nothing.
            o.add("KeepFileCache=");
        }
        // Dispatcher threads; WinFsp raises anything below 2 to 2.
        o.add("ThreadCount=" + options.threads());
        o.addAll(options.extraOptions());

        List<String> argv = new ArrayList<>();
        argv.add("cloudmount");
        argv.add("--FileSystemName=" + FILE_SYSTEM_NAME);
        // The "--" form takes backslashes literally; inside -o they would need escaping.
        settings.volumePrefix().ifPresent(prefix -> argv.add("--VolumePrefix=" + prefix));
        argv.add("-o");
        argv.add(String.join(",", o));
        return argv;
    }

    /**
     * {@code name} as a Windows volume label: unchanged if it fits, else its first {@link #MAX_VOLUME_LABEL}
     * UTF-16 units without a half surrogate pair at the end. Default names ({@code s3-} and a bucket of up
     * to 63 characters, a drive's name) are often longer; the label is only what Explorer shows, so a long
     * name must not stop the mount.
     */
    static String volumeLabel(String name) {
        if (name.length() <= MAX_VOLUME_LABEL) {
            return name;
        }
        int end = Character.isHighSurrogate(name.charAt(MAX_VOLUME_LABEL - 1)) ? MAX_VOLUME_LABEL - 1 : MAX_VOLUME_LABEL;
        String label = name.substring(0, end);
        LOG.warn("The volume name \"{}\" is longer than the {} characters of a Windows volume label: Windows shows \"{}\"",
                name, MAX_VOLUME_LABEL, label);
        return label;
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, d.toMillis()));
    }
}
