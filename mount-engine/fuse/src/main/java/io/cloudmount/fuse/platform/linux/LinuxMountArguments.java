package io.cloudmount.fuse.platform.linux;

import io.cloudmount.fuse.KernelCachePolicy;
import io.cloudmount.fuse.MountOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code fuse_new} arguments for libfuse 3. Unknown options make {@code fuse_new} fail, so only
 * options libfuse 3.2+ knows are used.
 */
final class LinuxMountArguments {
    private LinuxMountArguments() {
    }

    static List<String> of(MountOptions options) {
        KernelCachePolicy cache = options.cache();
        List<String> o = new ArrayList<>();
        o.add("fsname=" + options.volumeName());
        o.add("subtype=cloudmount");
        // The kernel checks permissions against the modes we report, as on a local disk.
        o.add("default_permissions");
        o.add("attr_timeout=" + seconds(cache.attributeTimeout()));
        o.add("entry_timeout=" + seconds(cache.attributeTimeout()));
        o.add("negative_timeout=" + seconds(cache.negativeTimeout()));
        o.add(cache.keepPageCache() ? "kernel_cache" : "auto_cache");
        if (options.allowOther()) {
            o.add("allow_other");
        }
        if (options.readOnly()) {
            o.add("ro");
        }
        o.addAll(options.extraOptions());
        List<String> argv = new ArrayList<>();
        argv.add("cloudmount");
        argv.add("-o");
        argv.add(String.join(",", o));
        return argv;
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
    }
}
