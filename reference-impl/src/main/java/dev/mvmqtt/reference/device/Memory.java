package dev.mvmqtt.reference.device;

import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;

/**
 * Facts about application memory handed over as {@link ByteBuffer}s: real address alignment, and
 * whether two buffers share bytes (the device's "buffer already in use").
 */
public final class Memory {
    private static final sun.misc.Unsafe UNSAFE;
    private static final long ADDRESS_OFFSET;

    static {
        sun.misc.Unsafe unsafe = null;
        long offset = -1;
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            unsafe = (sun.misc.Unsafe) f.get(null);
            offset = unsafe.objectFieldOffset(Buffer.class.getDeclaredField("address"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            unsafe = null;
        }
        UNSAFE = unsafe;
        ADDRESS_OFFSET = offset;
    }

    private Memory() {}

    /**
     * Whether the buffer's first byte sits at an address that is a multiple of {@code alignment}.
     * A heap buffer has no stable address, so it is never aligned beyond 8 bytes.
     */
    public static boolean isAligned(ByteBuffer buffer, int alignment) {
        if (!buffer.isDirect()) {
            return alignment <= 1;
        }
        return buffer.alignmentOffset(0, alignment) == 0;
    }

    /** Whether the first {@code sizeA} bytes of {@code a} and the first {@code sizeB} of {@code b} overlap. */
    public static boolean overlaps(ByteBuffer a, int sizeA, ByteBuffer b, int sizeB) {
        if (a == b) {
            return true;
        }
        if (a.isDirect() && b.isDirect()) {
            long startA = address(a);
            long startB = address(b);
            if (startA == 0 || startB == 0) {
                return false;
            }
            return startA < startB + sizeB && startB < startA + sizeA;
        }
        if (a.hasArray() && b.hasArray() && a.array() == b.array()) {
            int startA = a.arrayOffset();
            int startB = b.arrayOffset();
            return startA < startB + sizeB && startB < startA + sizeA;
        }
        return false;
    }

    private static long address(ByteBuffer direct) {
        return UNSAFE == null ? 0 : UNSAFE.getLong(direct, ADDRESS_OFFSET);
    }
}
