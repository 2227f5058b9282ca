package dev.mvmqtt.spec.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * C {@code struct MvSizedString}: a data pointer and a length in bytes, not nul-terminated.
 *
 * <p>Immutable: the bytes are copied in. {@link #raw(byte[], int)} builds the malformed forms a C
 * caller can produce (a null pointer with a non-zero length, a length beyond the data), which an
 * implementation must answer with a status instead of reading past the data.
 */
public final class MvSizedString {
    /** The empty string: non-null data, length 0. */
    public static final MvSizedString EMPTY = new MvSizedString(new byte[0], 0);

    private final byte[] data;
    private final int length;

    private MvSizedString(byte[] data, int length) {
        this.data = data;
        this.length = length;
    }

    /** The UTF-8 bytes of {@code text}; {@code null} gives a null pointer of length 0. */
    public static MvSizedString of(String text) {
        return text == null ? new MvSizedString(null, 0) : of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of {@code bytes}; {@code null} gives a null pointer of length 0. */
    public static MvSizedString of(byte[] bytes) {
        return bytes == null ? new MvSizedString(null, 0) : new MvSizedString(bytes.clone(), bytes.length);
    }

    /** Exactly what a C caller can write: any pointer, any length. {@link #isValid()} tells whether it can be read. */
    public static MvSizedString raw(byte[] data, int length) {
        return new MvSizedString(data == null ? null : data.clone(), length);
    }

    /** The declared length in bytes (the C {@code length} field). */
    public int length() {
        return length;
    }

    /** Whether the data pointer is null. */
    public boolean isNullPointer() {
        return data == null;
    }

    /** Whether the declared length lies within the data: a null pointer is valid only with length 0. */
    public boolean isValid() {
        return length >= 0 && (data == null ? length == 0 : length <= data.length);
    }

    /** The {@code length} bytes the string denotes. Only call this when {@link #isValid()}. */
    public byte[] bytes() {
        if (!isValid()) {
            throw new IllegalStateException("sized string is not readable: length " + length
                    + (data == null ? " with a null pointer" : " beyond " + data.length + " bytes of data"));
        }
        return data == null ? new byte[0] : Arrays.copyOf(data, length);
    }

    /** The bytes decoded as UTF-8 (malformed input replaced). Only call this when {@link #isValid()}. */
    public String asUtf8() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        if (!isValid()) {
            return "MvSizedString[invalid, length=" + length + "]";
        }
        return "MvSizedString[" + length + " bytes]";
    }
}
