package io.cloudmount.fuse.platform.windows;

import java.util.Objects;
import java.util.Optional;

/**
 * What a Windows mount needs beyond {@link io.cloudmount.fuse.MountOptions}.
 *
 * @param networkShare    present for a network drive: the share name of {@code \\cloudmount\NAME}, which
 *                        {@code net use} and Explorer show; empty for a local disk
 * @param caseInsensitive the store treats names that differ only in case as the same (a local folder on
 *                        NTFS); WinFsp then matches names case-insensitively, as Windows programs expect
 */
public record WindowsMountSettings(Optional<String> networkShare, boolean caseInsensitive) {
    /** The server part of every network drive's UNC name. */
    public static final String SERVER = "cloudmount";
    /** A local, case-sensitive disk: what an object store like S3 needs. */
    public static final WindowsMountSettings DEFAULT = new WindowsMountSettings(Optional.empty(), false);

    /**
     * The longest share name Windows itself creates ({@code NetShareAdd}); {@code \cloudmount\} plus
     * that stays well inside WinFsp's VolumePrefix limit of 191 UTF-16 units.
     */
    static final int MAX_SHARE_NAME = 80;
    /** Not allowed in SMB share names ({@code net share} refuses them) nor as FUSE option text. */
    private static final String SHARE_NAME_FORBIDDEN = "\"/\\[]:|<>+=;,?*";

    public WindowsMountSettings {
        Objects.requireNonNull(networkShare, "networkShare");
        networkShare.ifPresent(WindowsMountSettings::checkShareName);
    }

    public static WindowsMountSettings localDisk(boolean caseInsensitive) {
        return new WindowsMountSettings(Optional.empty(), caseInsensitive);
    }

    public static WindowsMountSettings networkDrive(String shareName, boolean caseInsensitive) {
        return new WindowsMountSettings(Optional.of(shareName), caseInsensitive);
    }

    public boolean networkDrive() {
        return networkShare.isPresent();
    }

    /** {@code \cloudmount\NAME} (one leading backslash, as WinFsp wants it) for a network drive. */
    public Optional<String> volumePrefix() {
        return networkShare.map(share -> "\\" + SERVER + "\\" + share);
    }

    /** The name users type: {@code \\cloudmount\NAME}. */
    public Optional<String> uncName() {
        return volumePrefix().map(prefix -> "\\" + prefix);
    }

    /** Throws {@link IllegalArgumentException} with a message for users if {@code name} cannot be a share name. */
    public static void checkShareName(String name) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("The network share name is empty: use \\\\" + SERVER + "\\NAME");
        }
        if (name.length() > MAX_SHARE_NAME) {
            throw new IllegalArgumentException("The network share name \"" + name + "\" is longer than "
                    + MAX_SHARE_NAME + " characters");
        }
        if (!name.strip().equals(name) || name.endsWith(".")) {
            throw new IllegalArgumentException("The network share name \"" + name
                    + "\" starts or ends with a space or ends with a dot; Windows would not find it");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 32 || SHARE_NAME_FORBIDDEN.indexOf(c) >= 0) {
                throw new IllegalArgumentException("The network share name \"" + name + "\" contains "
                        + (c < 32 ? "a control character" : "'" + c + "'") + "; these are not allowed: "
                        + SHARE_NAME_FORBIDDEN);
            }
        }
    }
}
