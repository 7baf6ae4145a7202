package io.cloudmount.engine.names;

import io.cloudmount.provider.StorageProvider;
import java.util.Locale;

/**
 * How a drive presents the store's names: with {@link NameEncodingProvider Windows name encoding}
 * and with {@link CaseInsensitiveProvider case-insensitive lookups}. Both are on by default on
 * Windows and off elsewhere, where every name but {@code /} and NUL can be shown and lookups are
 * case-sensitive.
 *
 * @param encodeWindowsNames show names Windows refuses through {@link WindowsNameCodec}
 * @param caseInsensitive    resolve paths without regard to case when there is no exact match
 */
public record DriveNaming(boolean encodeWindowsNames, boolean caseInsensitive) {

    /** Names exactly as stored. */
    public static final DriveNaming AS_STORED = new DriveNaming(false, false);
    /** What Windows programs need. */
    public static final DriveNaming WINDOWS = new DriveNaming(true, true);

    /** The default for the operating system named by {@code os.name}. */
    public static DriveNaming defaultFor(String osName) {
        return osName != null && osName.toLowerCase(Locale.ROOT).startsWith("windows") ? WINDOWS : AS_STORED;
    }

    /** The default for this machine. */
    public static DriveNaming platformDefault() {
        return defaultFor(System.getProperty("os.name"));
    }

    /**
     * The store as the drive shows it. Case-insensitive matching goes outside the encoding, so it
     * compares the names the user sees and types.
     */
    public StorageProvider present(StorageProvider store) {
        StorageProvider shown = encodeWindowsNames ? new NameEncodingProvider(store) : store;
        return caseInsensitive ? new CaseInsensitiveProvider(shown) : shown;
    }
}
