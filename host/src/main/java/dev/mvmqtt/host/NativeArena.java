package dev.mvmqtt.host;

import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.MvSizedStringBuffer;
import dev.mvmqtt.spec.api.U32Ref;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Native memory for one call into a C implementation: the structs, strings, arrays and out-cells the
 * Java request is laid out into, C's layout taken from {@link NativeLayout}. Every block is a direct
 * buffer this arena holds until the call has returned and its results were read back; the garbage
 * collector frees them after that. Copies that the call writes into are copied back by {@link #readBack()}.
 */
final class NativeArena {
    private final NativeLayout layout;
    private final List<ByteBuffer> held = new ArrayList<>();
    private final List<Runnable> readBacks = new ArrayList<>();

    NativeArena(NativeLayout layout) {
        this.layout = layout;
    }

    NativeLayout layout() {
        return layout;
    }

    /** {@code size} zeroed bytes, 16-byte aligned; returns the address. */
    long bytes(int size) {
        ByteBuffer b = ByteBuffer.allocateDirect(Math.max(size, 1) + 16)
                .alignedSlice(16)
                .order(ByteOrder.nativeOrder());
        held.add(b);
        return NativeMemory.addressOf(b);
    }

    /** A zeroed struct of {@code type}. */
    NativeStruct struct(String type) {
        return NativeStruct.at(layout, type, bytes(layout.size(type)));
    }

    /** A zeroed array of {@code count} structs of {@code type}; returns its address. */
    long array(String type, int count) {
        return bytes(layout.size(type) * Math.max(count, 0));
    }

    /** Element {@code index} of an array made by {@link #array}. */
    NativeStruct element(String type, long array, int index) {
        return NativeStruct.element(layout, type, array, index);
    }

    /** A uint32_t cell holding the ref's value, read back into it after the call; 0 (NULL) for a null ref. */
    long u32(U32Ref ref) {
        if (ref == null) {
            return 0;
        }
        long cell = bytes(4);
        NativeMemory.at(cell, 4).putInt(0, ref.get());
        readBacks.add(() -> ref.set(NativeMemory.at(cell, 4).getInt(0)));
        return cell;
    }

    /** A uint8_t cell, read back into the ref (the message's retain flag). */
    long u8(U32Ref ref) {
        if (ref == null) {
            return 0;
        }
        long cell = bytes(1);
        NativeMemory.at(cell, 1).put(0, (byte) ref.get());
        byte before = (byte) ref.get();
        // Read back only a byte the call wrote: a holder's value that does not fit a byte stays as it was.
        readBacks.add(() -> {
            byte after = NativeMemory.at(cell, 1).get(0);
            if (after != before) {
                ref.set(Byte.toUnsignedInt(after));
            }
        });
        return cell;
    }

    /** A pointer-sized handle cell holding the ref's handle; the low 32 bits are read back. */
    long handle(U32Ref ref) {
        if (ref == null) {
            return 0;
        }
        long cell = bytes(8);
        NativeMemory.at(cell, 8).putLong(0, Integer.toUnsignedLong(ref.get()));
        readBacks.add(() -> ref.set((int) NativeMemory.at(cell, 8).getLong(0)));
        return cell;
    }

    /**
     * Memory standing for a buffer the call writes into: a direct buffer is passed as it is (its own
     * address); a heap buffer is copied into native memory and copied back after the call.
     */
    long buffer(ByteBuffer buffer) {
        if (buffer == null) {
            return 0;
        }
        if (buffer.isDirect()) {
            return NativeMemory.addressOf(buffer);
        }
        int size = buffer.capacity();
        long copy = bytes(size);
        ByteBuffer nativeCopy = NativeMemory.at(copy, size);
        // The whole of [0, capacity), whatever the buffer's position and limit (absolute get and put stop at the
        // limit).
        ByteBuffer whole = buffer.duplicate().clear();
        for (int i = 0; i < size; i++) {
            nativeCopy.put(i, whole.get(i));
        }
        if (!buffer.isReadOnly()) {
            readBacks.add(() -> {
                for (int i = 0; i < size; i++) {
                    whole.put(i, nativeCopy.get(i));
                }
            });
        }
        return copy;
    }

    /**
     * Writes {@code value} into the {@code MvSizedString} at {@code field} of {@code s}. What Java can
     * say and C cannot is written as C's nearest form, an illegal pointer: a null string as a NULL data
     * pointer with length 1, a string whose length runs past its bytes as a NULL data pointer with that
     * length.
     */
    void sizedString(NativeStruct s, String field, MvSizedString value) {
        writeSizedString(s.nested(field, "MvSizedString"), value);
    }

    /** Writes {@code value} into the {@code MvSizedString} {@code target}, as {@link #sizedString}. */
    void writeSizedString(NativeStruct target, MvSizedString value) {
        if (value == null) {
            target.putU32("length", 1);
            return;
        }
        target.putU32("length", value.length());
        if (value.isNullPointer() || !value.isValid()) {
            return;
        }
        byte[] bytes = value.bytes();
        long data = bytes(bytes.length);
        NativeMemory.at(data, bytes.length).put(bytes);
        target.putPointer("data", data);
    }

    /** Writes a buffer the call fills into the {@code MvSizedStringBuffer} at {@code field}. */
    void sizedStringBuffer(NativeStruct s, String field, MvSizedStringBuffer value) {
        if (value == null) {
            return;
        }
        NativeStruct target = s.nested(field, "MvSizedStringBuffer");
        target.putPointer("data", buffer(value.data()));
        target.putU32("size", value.size());
        target.putPointer("length", u32(value.length()));
    }

    /** Copies everything the call wrote back into the Java holders and heap buffers. */
    void readBack() {
        readBacks.forEach(Runnable::run);
    }
}
