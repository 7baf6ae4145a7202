package io.cloudmount.fuse.platform.windows;

import com.sun.jna.platform.win32.VerRsrc.VS_FIXEDFILEINFO;
import com.sun.jna.platform.win32.VersionUtil;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The questions about files that the locator and the mount-point checks ask, on Windows path
 * strings. An interface so that tests on Linux answer them for Windows paths.
 */
public interface WindowsFiles {

    boolean exists(String path);

    boolean isDirectory(String path);

    /** The FILEVERSION of a DLL or EXE, if it has a version resource. */
    Optional<FileVersion> fileVersion(String path);

    /** A file's version resource, major.minor.build. WinFsp writes {@code 2.0.23075} (2023's release, build yyDDD). */
    record FileVersion(int major, int minor, int build) implements Comparable<FileVersion> {
        @Override
        public int compareTo(FileVersion other) {
            int c = Integer.compare(major, other.major);
            if (c == 0) {
                c = Integer.compare(minor, other.minor);
            }
            return c != 0 ? c : Integer.compare(build, other.build);
        }

        @Override
        public String toString() {
            return major + "." + minor + "." + build;
        }
    }

    /** The running system: java.nio for existence, the version resource through jna-platform. */
    static WindowsFiles system() {
        return new WindowsFiles() {
            @Override
            public boolean exists(String path) {
                return toPath(path).map(Files::exists).orElse(false);
            }

            @Override
            public boolean isDirectory(String path) {
                return toPath(path).map(Files::isDirectory).orElse(false);
            }

            @Override
            public Optional<FileVersion> fileVersion(String path) {
                try {
                    VS_FIXEDFILEINFO info = VersionUtil.getFileVersionInfo(path);
                    // FILEVERSION a,b,c,d: JNA calls c "revision" (high word of the LS dword).
                    return Optional.of(new FileVersion(info.getFileVersionMajor(), info.getFileVersionMinor(),
                            info.getFileVersionRevision()));
                } catch (RuntimeException | UnsatisfiedLinkError | NoClassDefFoundError unreadable) {
                    return Optional.empty();
                }
            }

            private Optional<Path> toPath(String path) {
                try {
                    return Optional.of(Path.of(path));
                } catch (InvalidPathException e) {
                    return Optional.empty();
                }
            }
        };
    }
}
