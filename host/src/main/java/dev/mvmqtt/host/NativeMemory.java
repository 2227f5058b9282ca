package dev.mvmqtt.host;

import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.U32Ref;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The firmware's memory as direct buffers over its real addresses (JNI NewDirectByteBuffer in
 * libmvhost): the implementation reads and writes the very bytes the C code owns, and alignment
 * checks see the real address.
 */
final class NativeMemory {
    private NativeMemory() {}

    /** {@code length} bytes at {@code address}, in the host's byte order. */
    static ByteBuffer at(long address, int length) {
        return wrap(address, length).order(ByteOrder.nativeOrder());
    }

    /**
     * The memory a C struct declares with a uint32_t size: up to 2 GiB is wrapped as declared (nothing
     * is touched until the implementation writes); a size Java reads as negative is wrapped as 2 GiB, and
     * the implementation sees the declared negative size and refuses it.
     */
    static ByteBuffer declared(long address, int size) {
        return at(address, size < 0 ? Integer.MAX_VALUE : size);
    }

    /** Longest string copied out of the firmware's memory; a longer length is treated as a bad pointer. */
    static final int MAX_STRING_BYTES = 16 << 20;

    /**
     * An {@code MvSizedString}'s bytes, copied: a NULL data pointer, or a length no MQTT string can have,
     * is kept as an illegal pointer with that length.
     */
    static MvSizedString sizedString(long data, int length) {
        if (data == 0 || length < 0 || length > MAX_STRING_BYTES) {
            return MvSizedString.raw(null, length);
        }
        byte[] copy = new byte[length];
        at(data, length).get(copy);
        return MvSizedString.of(copy);
    }

    /** A holder for the uint32_t at {@code pointer}, starting from its current value; null for a NULL pointer. */
    static U32Ref u32In(long pointer) {
        return pointer == 0 ? null : new U32Ref(at(pointer, 4).getInt(0));
    }

    /** Writes a holder back through {@code pointer} when both exist and the value changed. */
    static void storeU32(long pointer, U32Ref value) {
        if (pointer != 0 && value != null) {
            ByteBuffer b = at(pointer, 4);
            if (b.getInt(0) != value.get()) {
                b.putInt(0, value.get());
            }
        }
    }

    /** Writes a holder back through a {@code uint8_t *}. */
    static void storeU8(long pointer, U32Ref value) {
        if (pointer != 0 && value != null) {
            at(pointer, 1).put(0, (byte) value.get());
        }
    }

    /** Writes a 32-bit handle through a pointer to a pointer-sized handle, zero-extended. */
    static void storeHandle(long pointer, U32Ref handle) {
        if (pointer != 0 && handle != null) {
            at(pointer, 8).putLong(0, Integer.toUnsignedLong(handle.get()));
        }
    }

    /** A holder for the handle at {@code pointer} (the low 32 bits of the pointer-sized handle). */
    static U32Ref handleIn(long pointer) {
        return pointer == 0 ? null : new U32Ref((int) at(pointer, 8).getLong(0));
    }

    static long addressOf(ByteBuffer direct) {
        return address(direct);
    }

    private static native ByteBuffer wrap(long address, int length);

    private static native long address(ByteBuffer direct);
}
