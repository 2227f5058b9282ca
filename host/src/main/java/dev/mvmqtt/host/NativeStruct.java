package dev.mvmqtt.host;

import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.MvSizedStringBuffer;
import java.nio.ByteBuffer;

/**
 * One C struct in the firmware's memory, read (and for out-parameters written) in place through a
 * direct buffer over its real address. Field offsets come from {@link NativeLayout}.
 */
final class NativeStruct {
    private final NativeLayout layout;
    private final String type;
    private final ByteBuffer bytes;

    private NativeStruct(NativeLayout layout, String type, long address, int size) {
        this.layout = layout;
        this.type = type;
        this.bytes = NativeMemory.at(address, size);
    }

    /** The struct {@code type} at {@code address}; {@code address} must not be 0. */
    static NativeStruct at(NativeLayout layout, String type, long address) {
        return new NativeStruct(layout, type, address, layout.size(type));
    }

    /** Element {@code index} of an array of {@code type} starting at {@code address}. */
    static NativeStruct element(NativeLayout layout, String type, long address, int index) {
        int size = layout.size(type);
        return new NativeStruct(layout, type, address + (long) index * size, size);
    }

    int u32(String field) {
        return bytes.getInt(layout.offset(type, field));
    }

    int u16(String field) {
        return Short.toUnsignedInt(bytes.getShort(layout.offset(type, field)));
    }

    int u8(String field) {
        return Byte.toUnsignedInt(bytes.get(layout.offset(type, field)));
    }

    long pointer(String field) {
        return bytes.getLong(layout.offset(type, field));
    }

    /** A nested struct held by value. */
    NativeStruct nested(String field, String nestedType) {
        return at(layout, nestedType, address() + layout.offset(type, field));
    }

    /** This struct, an {@code MvSizedString}, copied by {@link NativeMemory#sizedString}. */
    MvSizedString sizedString() {
        return NativeMemory.sizedString(pointer("data"), u32("length"));
    }

    /** An {@code MvSizedString} held by value, copied by {@link NativeMemory#sizedString}. */
    MvSizedString sizedString(String field) {
        NativeStruct s = nested(field, "MvSizedString");
        return NativeMemory.sizedString(s.pointer("data"), s.u32("length"));
    }

    /**
     * An {@code MvSizedStringBuffer} held by value: its data is the firmware's own memory, its length
     * a holder written back by {@link #storeLength}. A NULL data or length pointer becomes a buffer the
     * implementation sees as invalid.
     */
    MvSizedStringBuffer sizedStringBuffer(String field) {
        NativeStruct s = nested(field, "MvSizedStringBuffer");
        long data = s.pointer("data");
        int size = s.u32("size");
        long length = s.pointer("length");
        return new MvSizedStringBuffer(
                data == 0 ? null : NativeMemory.declared(data, size), size, NativeMemory.u32In(length));
    }

    /** Writes the length holder of a buffer read by {@link #sizedStringBuffer} back to the firmware. */
    void storeLength(String field, MvSizedStringBuffer buffer) {
        NativeMemory.storeU32(nested(field, "MvSizedStringBuffer").pointer("length"), buffer.length());
    }

    void putU32(String field, int value) {
        bytes.putInt(layout.offset(type, field), value);
    }

    void putU16(String field, int value) {
        bytes.putShort(layout.offset(type, field), (short) value);
    }

    void putU8(String field, int value) {
        bytes.put(layout.offset(type, field), (byte) value);
    }

    void putPointer(String field, long address) {
        bytes.putLong(layout.offset(type, field), address);
    }

    long address() {
        return NativeMemory.addressOf(bytes);
    }
}
