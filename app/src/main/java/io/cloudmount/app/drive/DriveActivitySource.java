package io.cloudmount.app.drive;

import io.cloudmount.engine.vfs.Vfs;

/**
 * Finds the {@link DriveActivity} of a drive that was just mounted. This is where the engine's
 * upload queue and cache are wired into the app: {@link DriveService} asks once per mount, and the
 * {@link ActivitySampler} polls the result.
 */
@FunctionalInterface
public interface DriveActivitySource {
    /** Reports nothing: the engine does not expose uploads or cache use yet. */
    DriveActivitySource NONE = (drive, vfs) -> DriveActivity.NONE;

    DriveActivity activityOf(DriveConfig drive, Vfs mountedVfs);
}
