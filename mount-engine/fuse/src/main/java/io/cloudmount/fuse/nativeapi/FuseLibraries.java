package io.cloudmount.fuse.nativeapi;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import io.cloudmount.fuse.platform.FuseUnavailableException;
import io.cloudmount.fuse.platform.NativePlatform;
import java.lang.reflect.Method;
import java.util.Map;

/** Loads the platform's FUSE library once, with its symbol names and UTF-8 strings. */
public final class FuseLibraries {
    private static volatile FuseLibrary loaded;

    private FuseLibraries() {
    }

    public static FuseLibrary load(NativePlatform platform) throws FuseUnavailableException {
        FuseLibrary library = loaded;
        if (library != null) {
            return library;
        }
        synchronized (FuseLibraries.class) {
            if (loaded == null) {
                String path = platform.libraryPath();
                Map<String, String> symbols = platform.symbols();
                Map<String, Object> options = Map.of(
                        Library.OPTION_STRING_ENCODING, "UTF-8",
                        Library.OPTION_FUNCTION_MAPPER,
                        (com.sun.jna.FunctionMapper) (NativeLibrary lib, Method method) ->
                                symbols.getOrDefault(method.getName(), method.getName()));
                try {
                    loaded = Native.load(path, FuseLibrary.class, options);
                } catch (UnsatisfiedLinkError e) {
                    throw new FuseUnavailableException("Cannot load " + path + ": " + e.getMessage(), e);
                }
            }
            return loaded;
        }
    }

    /** The loaded library as a {@link NativeLibrary}, for optional symbols looked up by name. */
    public static NativeLibrary nativeLibrary(NativePlatform platform) throws FuseUnavailableException {
        try {
            return NativeLibrary.getInstance(platform.libraryPath(), Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));
        } catch (UnsatisfiedLinkError e) {
            throw new FuseUnavailableException("Cannot load " + platform.libraryPath() + ": " + e.getMessage(), e);
        }
    }
}
