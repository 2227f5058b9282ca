package dev.mvmqtt.spec.api;

import java.nio.ByteBuffer;

/**
 * C {@code struct MvSizedStringBuffer}: caller memory a call writes bytes into, its size (capacity),
 * and a pointer that receives the number of bytes written.
 *
 * <p>Mutable on purpose: the caller supplies the memory and the length cell, the implementation
 * writes through them, exactly as the C call writes through pointers. The implementation writes at
 * absolute positions 0..n-1 of {@link #data()} and never changes the buffer's position or limit.
 */
public final class MvSizedStringBuffer {
    private final ByteBuffer data;
    private final int size;
    private final U32Ref length;

    /**
     * @param data   the caller's memory, or {@code null} for a null pointer
     * @param size   the capacity the caller declares (the C {@code size} field)
     * @param length the cell that receives the number of bytes written, or {@code null}
     */
    public MvSizedStringBuffer(ByteBuffer data, int size, U32Ref length) {
        this.data = data;
        this.size = size;
        this.length = length;
    }

    /** A fresh heap buffer of {@code size} bytes with its own length cell. */
    public static MvSizedStringBuffer allocate(int size) {
        return new MvSizedStringBuffer(ByteBuffer.allocate(size), size, new U32Ref());
    }

    public ByteBuffer data() {
        return data;
    }

    public int size() {
        return size;
    }

    public U32Ref length() {
        return length;
    }

    /**
     * Whether the pointers are non-null and the declared size fits the memory, which must be
     * {@linkplain ApplicationMemory#usable usable application memory} (writable, limit at capacity).
     */
    public boolean isValid() {
        return length != null && ApplicationMemory.holds(data, size);
    }

    /** The bytes written so far, {@code length} of them (for the caller, after a successful read). */
    public byte[] written() {
        int n = (int) Math.min(length.getUnsigned(), data.capacity());
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = data.get(i);
        }
        return out;
    }
}
