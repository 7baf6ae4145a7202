package io.cloudmount.fuse.platform.windows;

import io.cloudmount.fuse.MountException;
import io.cloudmount.fuse.MountException.Reason;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a drive appears on Windows, checked before WinFsp sees it (WinFsp's own errors are a
 * one-line event-log entry). Accepted forms:
 * <ul>
 * <li>{@code X:}, also {@code x:} and {@code X:\} — a drive letter, which must be free;</li>
 * <li>{@code *} — the first free letter from Z: down to D:, chosen here so the caller knows it;</li>
 * <li>{@code C:\Users\me\Cloud} — a folder that must <em>not</em> exist while its parent does: WinFsp
 *     creates it as a reparse point and removes it at unmount (it cannot mount over a folder);</li>
 * <li>{@code \\cloudmount\NAME} — a network drive on the first free letter; {@code net use} and
 *     Explorer show it as that share.</li>
 * </ul>
 * Not accepted: Mount Manager forms ({@code \\.\X:}, {@code \\?\X:}, which need Administrator rights),
 * relative paths, and network drives in folders (WinFsp does not support that).
 *
 * <p>A drive letter made by an elevated process is visible only to elevated programs (it belongs to
 * the logon session that created it), so CloudMount should mount as the user who will use the drive.
 *
 * @param nativePath   the string for {@code fuse3_mount}: {@code X:} without backslash, or a full folder path
 * @param driveLetter  the upper-case letter, unless this is a folder
 * @param networkShare NAME of {@code \\cloudmount\NAME} for a network drive
 */
public record WindowsMountPoint(String nativePath, Optional<Character> driveLetter, Optional<String> networkShare) {
    /** GetFullPathName into a MAX_PATH (260) buffer, including the terminating NUL. */
    static final int MAX_FOLDER_PATH = 259;

    private static final Pattern DRIVE = Pattern.compile("([A-Za-z]):[\\\\/]?");
    private static final Pattern UNC = Pattern.compile("[\\\\/]{2}([^\\\\/]+)[\\\\/]([^\\\\/]+)[\\\\/]?");
    private static final Pattern ABSOLUTE_FOLDER = Pattern.compile("([A-Za-z]):\\\\(.*)");
    private static final String NAME_FORBIDDEN = "<>:\"|?*";
    private static final Pattern RESERVED_NAME =
            Pattern.compile("(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\\..*)?", Pattern.CASE_INSENSITIVE);
    private static final String FORMS = "use a drive letter (X:), * for the first free letter, a full path to a"
            + " folder that does not exist yet (C:\\Users\\me\\Cloud) or a network drive (\\\\"
            + WindowsMountSettings.SERVER + "\\NAME)";

    public WindowsMountPoint {
        Objects.requireNonNull(nativePath, "nativePath");
        Objects.requireNonNull(driveLetter, "driveLetter");
        Objects.requireNonNull(networkShare, "networkShare");
        if (networkShare.isPresent() && driveLetter.isEmpty()) {
            throw new IllegalArgumentException("a network drive needs a drive letter");
        }
        networkShare.ifPresent(WindowsMountSettings::checkShareName);
    }

    /** Parses and checks what a user typed; the message of the exception tells them what to change. */
    public static WindowsMountPoint parse(String spec, DriveLetters letters, WindowsFiles files) throws MountException {
        String text = spec == null ? "" : spec.strip();
        if (text.isEmpty()) {
            throw bad("No mount point given: " + FORMS);
        }
        if (text.equals("*")) {
            return drive(freeLetter(letters));
        }
        Matcher drive = DRIVE.matcher(text);
        if (drive.matches()) {
            char letter = Character.toUpperCase(drive.group(1).charAt(0));
            if (letters.inUse().contains(letter)) {
                throw new MountException(Reason.ALREADY_MOUNTED, "Drive " + letter + ": is already in use: choose"
                        + " another letter" + letters.firstFree().map(free -> " (" + free + ": is free)").orElse("")
                        + " or * for the first free one");
            }
            return drive(letter);
        }
        if (text.startsWith("\\\\?\\") || text.startsWith("\\\\.\\") || text.startsWith("//?/") || text.startsWith("//./")) {
            throw bad("Mount point " + text + " is a Mount Manager name, which needs Administrator rights: use a"
                    + " drive letter like X: or a folder instead");
        }
        Matcher unc = UNC.matcher(text);
        if (unc.matches()) {
            return network(unc.group(1), unc.group(2), letters);
        }
        if (text.startsWith("\\\\") || text.startsWith("//")) {
            throw bad("Mount point " + text + " is not a network drive name: network drives are \\\\"
                    + WindowsMountSettings.SERVER + "\\NAME, with no folder after NAME");
        }
        return folder(text, files);
    }

    /** The same mount as a network drive named {@code \\cloudmount\shareName}. */
    public WindowsMountPoint asNetworkDrive(String shareName) throws MountException {
        if (driveLetter.isEmpty()) {
            throw bad("A network drive needs a drive letter (X: or *): WinFsp cannot show a network share in a"
                    + " folder such as " + nativePath);
        }
        try {
            return new WindowsMountPoint(nativePath, driveLetter, Optional.of(shareName));
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    /** The settings for this mount point: network share, if any, and the store's case sensitivity. */
    public WindowsMountSettings settings(boolean caseInsensitive) {
        return new WindowsMountSettings(networkShare, caseInsensitive);
    }

    public boolean isFolder() {
        return driveLetter.isEmpty();
    }

    /** The path programs use once mounted: {@code X:\} or the folder. Polling it tells when the drive is up. */
    public String root() {
        return driveLetter.map(letter -> letter + ":\\").orElse(nativePath);
    }

    @Override
    public String toString() {
        return networkShare.map(share -> "\\\\" + WindowsMountSettings.SERVER + "\\" + share + " on " + nativePath)
                .orElse(nativePath);
    }

    private static WindowsMountPoint drive(char letter) {
        return new WindowsMountPoint(letter + ":", Optional.of(letter), Optional.empty());
    }

    private static WindowsMountPoint network(String server, String share, DriveLetters letters) throws MountException {
        if (!server.equalsIgnoreCase(WindowsMountSettings.SERVER)) {
            throw bad("Network drives are named \\\\" + WindowsMountSettings.SERVER + "\\NAME, not \\\\" + server + "\\"
                    + share + ": another server name could hide a real server's shares");
        }
        try {
            WindowsMountSettings.checkShareName(share);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        char letter = freeLetter(letters);
        return new WindowsMountPoint(letter + ":", Optional.of(letter), Optional.of(share));
    }

    private static char freeLetter(DriveLetters letters) throws MountException {
        return letters.firstFree().orElseThrow(() -> new MountException(Reason.ALREADY_MOUNTED,
                "All drive letters from D: to Z: are in use: free one, or mount into a folder instead"));
    }

    private static WindowsMountPoint folder(String text, WindowsFiles files) throws MountException {
        Matcher absolute = ABSOLUTE_FOLDER.matcher(text.replace('/', '\\'));
        if (!absolute.matches()) {
            String hint = text.length() == 1 && Character.isLetter(text.charAt(0)) ? " Did you mean " + text + ":?" : "";
            throw bad("Mount point \"" + text + "\" is not a full path: " + FORMS + "." + hint);
        }
        char letter = Character.toUpperCase(absolute.group(1).charAt(0));
        Deque<String> names = new ArrayDeque<>();
        for (String name : absolute.group(2).split("\\\\")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (names.pollLast() == null) {
                    throw bad("Mount point " + text + " goes above the root of " + letter + ":");
                }
                continue;
            }
            checkName(text, name);
            names.addLast(name);
        }
        if (names.isEmpty()) {
            throw bad("Mount point " + text + " is the root of drive " + letter + ": which already exists: " + FORMS);
        }
        String path = letter + ":\\" + String.join("\\", names);
        if (path.length() > MAX_FOLDER_PATH) {
            throw bad("Mount point " + path + " is " + path.length() + " characters long; Windows allows "
                    + MAX_FOLDER_PATH);
        }
        String parent = path.substring(0, path.lastIndexOf('\\'));
        if (parent.length() == 2) {
            parent += "\\";
        }
        if (files.exists(path)) {
            throw new MountException(Reason.MOUNT_POINT_NOT_EMPTY, "Mount point " + path + " already exists."
                    + " WinFsp creates the mount folder itself and cannot mount over an existing one:"
                    + " choose a name that does not exist yet inside " + parent);
        }
        if (!files.exists(parent)) {
            throw new MountException(Reason.MOUNT_POINT_MISSING, "The folder " + parent + " does not exist:"
                    + " create it first; WinFsp then creates " + path + " inside it while mounted");
        }
        if (!files.isDirectory(parent)) {
            throw new MountException(Reason.MOUNT_POINT_NOT_DIRECTORY, parent + " is a file, not a folder:"
                    + " the mount point must be inside a folder");
        }
        return new WindowsMountPoint(path, Optional.empty(), Optional.empty());
    }

    private static void checkName(String text, String name) throws MountException {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 32 || NAME_FORBIDDEN.indexOf(c) >= 0) {
                throw bad("Mount point " + text + " contains " + (c < 32 ? "a control character" : "'" + c + "'")
                        + ", which Windows does not allow in file names");
            }
        }
        if (name.endsWith(" ") || name.endsWith(".")) {
            throw bad("Mount point " + text + ": the name \"" + name + "\" ends with a space or a dot, which"
                    + " Windows removes; the folder would not be where you expect");
        }
        if (RESERVED_NAME.matcher(name.strip()).matches()) {
            throw bad("Mount point " + text + ": \"" + name + "\" is a reserved device name in Windows"
                    + " and cannot be a folder name");
        }
    }

    private static MountException bad(String message) {
        return new MountException(Reason.BAD_OPTION, message);
    }
}
