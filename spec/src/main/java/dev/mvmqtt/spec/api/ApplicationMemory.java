package dev.mvmqtt.spec.api;

import java.nio.ByteBuffer;

/**
 * What counts as application memory when a call is handed a {@link ByteBuffer} (GEN-REF-8): the buffer's region
 * [0, capacity), used at absolute indexes whatever its position. C memory has no limit and no read-only view, so a
 * buffer with either cannot stand for it: a call treats such a buffer as the null pointer it cannot be told from.
 */
public final class ApplicationMemory {
    private ApplicationMemory() {}

    /** True when {@code buffer} is non-null, writable, and its limit equals its capacity. */
    public static boolean usable(ByteBuffer buffer) {
        return buffer != null && !buffer.isReadOnly() && buffer.limit() == buffer.capacity();
    }

    /** True when {@code buffer} is {@linkplain #usable usable} and {@code size} bytes fit in it (0 to its capacity). */
    public static boolean holds(ByteBuffer buffer, int size) {
        return usable(buffer) && size >= 0 && size <= buffer.capacity();
    }
}
