package io.cloudmount.fuse;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.cloudmount.engine.vfs.FileAttributes;
import io.cloudmount.fuse.nativeapi.FfiCall;
import io.cloudmount.fuse.nativeapi.FfiCall.Type;
import io.cloudmount.fuse.nativeapi.NativeStructs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Hands directory entries to the readdir filler libfuse (or WinFsp) passes us:
 * {@code int filler(void *buf, const char *name, const struct stat *st, off_t off, int flags)}.
 *
 * <p>It runs once per entry, so it is the hot path of listing a large folder. Name and stat are written
 * into per-thread native memory through a buffer view; the call itself goes through {@link FfiCall} where
 * available and through JNA's generic {@link Function#invokeInt} elsewhere.
 */
final class DirentFiller {
    /** A name is at most 255 UTF-8 bytes on every file system we serve (longer ones are refused earlier). */
    static final int NAME_CAPACITY = 1024;
    private static final int FILL_DIR_PLUS = 2;

    private final NativeStructs structs;
    private final Optional<FfiCall> ffi;
    private final ThreadLocal<Scratch> scratch;

    DirentFiller(NativeStructs structs, boolean allowFastPath) {
        this.structs = structs;
        this.ffi = allowFastPath
                ? FfiCall.returningInt(Type.POINTER, Type.POINTER, Type.POINTER, Type.SINT64, Type.SINT32)
                : Optional.empty();
        this.scratch = ThreadLocal.withInitial(this::newScratch);
    }

    /** True when entries go through libffi directly rather than JNA's generic call path. */
    boolean fast() {
        return ffi.isPresent();
    }

    /**
     * Adds one entry. {@code entry} null means "." or ".." (no attributes); {@code plus} asks for full
     * attributes, otherwise only the type bits for {@code d_type}.
     *
     * @return the filler's result: non-zero when the reply buffer is full
     */
    int fill(Pointer filler, Pointer buf, byte[] name, FileAttributes entry, boolean plus, long offset) {
        Scratch s = scratch.get();
        ByteBuffer b = s.buffer;
        b.put(s.nameAt, name, 0, name.length);
        b.put(s.nameAt + name.length, (byte) 0);
        int flags = 0;
        if (entry != null) {
            structs.clearStat(b, s.statAt);
            if (plus) {
                structs.writeStat(b, s.statAt, entry);
                flags = FILL_DIR_PLUS;
            } else {
                structs.writeMode(b, s.statAt, entry);
            }
        }
        if (s.frame != null) {
            FfiCall.Frame f = s.frame;
            f.set(0, Pointer.nativeValue(buf));
            f.set(1, s.nameAddress);
            f.set(2, entry == null ? 0 : s.statAddress);
            f.set(3, offset);
            f.set(4, flags);
            return f.call(Pointer.nativeValue(filler));
        }
        Function function = Function.getFunction(filler, Function.C_CONVENTION);
        return function.invokeInt(new Object[] {buf, s.name, entry == null ? null : s.stat, offset, flags});
    }

    private Scratch newScratch() {
        int statSize = structs.statLayout().size();
        if (ffi.isPresent()) {
            FfiCall.Frame frame = ffi.get().newFrame(NAME_CAPACITY + statSize);
            int at = frame.scratchOffset();
            return new Scratch(frame.buffer(), at, at + NAME_CAPACITY, frame.scratchAddress(0),
                    frame.scratchAddress(NAME_CAPACITY), frame, null, null);
        }
        Memory memory = new Memory(NAME_CAPACITY + statSize);
        memory.clear();
        ByteBuffer view = memory.getByteBuffer(0, memory.size()).order(ByteOrder.nativeOrder());
        return new Scratch(view, 0, NAME_CAPACITY, 0, 0, null, memory, memory.share(NAME_CAPACITY));
    }

    /** Per-thread native memory: the name at {@code nameAt}, the stat at {@code statAt} of {@code buffer}. */
    private record Scratch(ByteBuffer buffer, int nameAt, int statAt, long nameAddress, long statAddress,
                           FfiCall.Frame frame, Pointer name, Pointer stat) {
    }
}
