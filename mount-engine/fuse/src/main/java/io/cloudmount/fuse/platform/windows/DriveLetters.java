package io.cloudmount.fuse.platform.windows;

import com.sun.jna.platform.win32.Kernel32Util;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Drive letters Windows is using right now. An interface so tests can say which letters are taken. */
@FunctionalInterface
public interface DriveLetters {

    /** Upper-case letters in use: disks, optical drives, mapped network drives, SUBSTs, other mounts. */
    Set<Character> inUse();

    /**
     * The first free letter from Z: down to D: (WinFsp's own order for {@code *}; A: to C: are left
     * to floppies and the system disk).
     */
    default Optional<Character> firstFree() {
        Set<Character> used = inUse();
        for (char letter = 'Z'; letter >= 'D'; letter--) {
            if (!used.contains(letter)) {
                return Optional.of(letter);
            }
        }
        return Optional.empty();
    }

    static DriveLetters of(Character... letters) {
        Set<Character> used = new TreeSet<>();
        for (Character letter : letters) {
            used.add(Character.toUpperCase(letter));
        }
        return () -> used;
    }

    /**
     * The running system ({@code GetLogicalDriveStrings}: {@code C:\}, {@code D:\}, ...). Asked anew
     * each time: a USB stick may have arrived since.
     */
    static DriveLetters system() {
        return () -> {
            Set<Character> used = new TreeSet<>();
            for (String root : Kernel32Util.getLogicalDriveStrings()) {
                if (!root.isEmpty()) {
                    used.add(root.toUpperCase(Locale.ROOT).charAt(0));
                }
            }
            return used;
        };
    }
}
