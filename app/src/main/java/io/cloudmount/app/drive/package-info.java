/**
 * Drives as the app sees them: {@link io.cloudmount.app.drive.DriveConfig} records (what is stored),
 * the {@link io.cloudmount.app.drive.DriveService} that mounts them in-process off the FX thread with a
 * compare-and-set state per drive, and {@link io.cloudmount.app.drive.DriveActivity}, the seam through
 * which the engine will report pending uploads and cache use (wired in
 * {@link io.cloudmount.app.drive.DriveActivitySource}).
 */
package io.cloudmount.app.drive;
