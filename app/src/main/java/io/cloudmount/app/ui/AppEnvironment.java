package io.cloudmount.app.ui;

import io.cloudmount.app.config.AppPaths;
import io.cloudmount.app.drive.DriveActivitySource;
import io.cloudmount.app.drive.Mounter;
import io.cloudmount.app.secrets.SecretStore;
import io.cloudmount.app.system.Autostart;

/**
 * What the app is started with: everything that differs between a user's machine and a test.
 *
 * @param paths          configuration, log and cache folders
 * @param secrets        where S3 secret keys go
 * @param mounter        how drives are mounted (FUSE, or a fake in tests)
 * @param activity       where pending uploads and cache use come from (see {@link DriveActivitySource})
 * @param autostart      start at login for this platform
 * @param mountRoot      Linux: where new drives' mount folders are suggested ({@code ~/CloudMount})
 * @param useTray        try to put an icon in the system tray
 */
public record AppEnvironment(AppPaths paths, SecretStore secrets, Mounter mounter, DriveActivitySource activity,
                             Autostart autostart, java.nio.file.Path mountRoot, boolean useTray) {
}
