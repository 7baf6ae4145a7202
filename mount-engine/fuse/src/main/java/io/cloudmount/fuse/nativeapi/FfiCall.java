package io.cloudmount.fuse.nativeapi;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/**
 * A C function pointer of one fixed signature, called through the libffi that JNA bundles, with the
 * call interface prepared once.
 *
 * <p>Why: {@code Function.invokeInt(Object[])} converts and type-checks every argument on every call
 * (about 0.7-1 µs for a few arguments on the development VM). libfuse's readdir filler is called once per
 * directory entry, so that cost dominated listing a large folder. Here the arguments are written into a
 * per-thread native frame through a {@link ByteBuffer} (plain Java stores) and the call is one JNI crossing
 * into {@code ffi_call} (about 50-70 ns).
 *
 * <p>Only where the libffi ABI number is known: {@code FFI_UNIX64} = 2 on x86_64, {@code FFI_SYSV} = 1 on
 * aarch64 (libffi's {@code ffitarget.h}); elsewhere (Windows) callers keep the generic JNA path.
 * {@code DirentFillerTest} checks the x86_64 numbers through a real native call.
 */
public final class FfiCall {
    /** libffi's {@code ffi_type.type} codes (ffi.h), the same in every libffi 3.x. */
    public enum Type {
        SINT32(4, 10), SINT64(8, 12), POINTER(8, 14);

        final int size;
        final int code;

        Type(int size, int code) {
            this.size = size;
            this.code = code;
        }
    }

    /** {@code struct ffi_type}: size_t size; unsigned short alignment; unsigned short type; ffi_type **elements. */
    private static final int FFI_TYPE_SIZE = 24;
    private static final int SLOT = 8;

    private final long cif;
    private final List<Type> arguments;
    /** Keeps the ffi_type structs and the argument type array alive as long as the cif refers to them. */
    private final Memory types;

    private FfiCall(long cif, List<Type> arguments, Memory types) {
        this.cif = cif;
        this.arguments = arguments;
        this.types = types;
    }

    /** An {@code int}-returning signature, or empty where this fast path is not available. */
    public static Optional<FfiCall> returningInt(Type... arguments) {
        int abi = defaultAbi();
        if (abi < 0) {
            return Optional.empty();
        }
        Type[] all = Type.values();
        Memory types = new Memory((long) FFI_TYPE_SIZE * all.length + (long) SLOT * arguments.length);
        types.clear();
        ByteBuffer b = view(types);
        for (Type type : all) {
            int at = FFI_TYPE_SIZE * type.ordinal();
            b.putLong(at, type.size);
            b.putShort(at + 8, (short) type.size);
            b.putShort(at + 10, (short) type.code);
        }
        long base = Pointer.nativeValue(types);
        int argTypes = FFI_TYPE_SIZE * all.length;
        for (int i = 0; i < arguments.length; i++) {
            b.putLong(argTypes + SLOT * i, base + (long) FFI_TYPE_SIZE * arguments[i].ordinal());
        }
        long returnType = base + (long) FFI_TYPE_SIZE * Type.SINT32.ordinal();
        long cif;
        try {
            cif = Native.ffi_prep_cif(abi, arguments.length, returnType, base + argTypes);
        } catch (RuntimeException | Error e) {
            return Optional.empty(); // an unexpected libffi: stay on the generic path
        }
        return cif == 0 ? Optional.empty() : Optional.of(new FfiCall(cif, List.of(arguments), types));
    }

    private static int defaultAbi() {
        if (!Platform.isLinux() || Native.POINTER_SIZE != 8) {
            return -1;
        }
        if (Platform.isIntel()) {
            return 2;
        }
        return Platform.isARM() ? 1 : -1;
    }

    /** A frame for one thread: argument slots plus {@code scratch} bytes of native memory for the callee. */
    public Frame newFrame(int scratch) {
        return new Frame(arguments.size(), scratch);
    }

    static ByteBuffer view(Memory memory) {
        return memory.getByteBuffer(0, memory.size()).order(ByteOrder.nativeOrder());
    }

    /**
     * Argument values, the return slot and a scratch area (for strings and structs the arguments point
     * to), all in one native block. Not thread-safe: one per thread.
     */
    public final class Frame {
        private final Memory memory;
        private final ByteBuffer buffer;
        private final long base;
        private final int values;
        private final int result;
        private final int scratch;

        private Frame(int count, int scratchSize) {
            // Layout: [avalue pointers][argument values][return value][scratch]
            values = SLOT * count;
            result = values + SLOT * count;
            scratch = result + SLOT;
            memory = new Memory(scratch + (long) scratchSize);
            memory.clear();
            buffer = view(memory);
            base = Pointer.nativeValue(memory);
            for (int i = 0; i < count; i++) {
                buffer.putLong(SLOT * i, base + values + (long) SLOT * i);
            }
        }

        /** The scratch area as a buffer positioned at 0 of the whole frame; use {@link #scratchOffset()}. */
        public ByteBuffer buffer() {
            return buffer;
        }

        public int scratchOffset() {
            return scratch;
        }

        /** Native address of {@code offset} bytes into the scratch area. */
        public long scratchAddress(int offset) {
            return base + scratch + offset;
        }

        public void set(int index, long value) {
            // Little- or big-endian alike, a narrower argument is read from the start of its slot.
            switch (arguments.get(index)) {
                case SINT32 -> buffer.putInt(values + SLOT * index, (int) value);
                default -> buffer.putLong(values + SLOT * index, value);
            }
        }

        /** Calls {@code function} with the arguments set so far. */
        public int call(long function) {
            Native.ffi_call(cif, function, base + result, base);
            // libffi widens integral results to a full ffi_arg (8 bytes): read the low 32 bits.
            return (int) buffer.getLong(result);
        }
    }
}
