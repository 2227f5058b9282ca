package dev.mvmqtt.spec.api.notify;

import java.nio.ByteBuffer;

/**
 * C {@code struct MvNotificationSetup}: the irq to pend, the application's ring of 16-byte records
 * and its size in bytes. Immutable; the buffer itself is the application's memory.
 *
 * <p>Rules: NOTIF-BUF-1 (size a multiple of 16), NOTIF-BUF-2 (at least 32 bytes).
 */
public final class MvNotificationSetup {
    private final int irq;
    private final ByteBuffer buffer;
    private final int bufferSize;

    public MvNotificationSetup(int irq, ByteBuffer buffer, int bufferSize) {
        this.irq = irq;
        this.buffer = buffer;
        this.bufferSize = bufferSize;
    }

    /** A setup whose declared size is the buffer's capacity. */
    public static MvNotificationSetup of(int irq, ByteBuffer buffer) {
        return new MvNotificationSetup(irq, buffer, buffer.capacity());
    }

    public int irq() {
        return irq;
    }

    /** The ring, or {@code null} for a null pointer. */
    public ByteBuffer buffer() {
        return buffer;
    }

    public int bufferSize() {
        return bufferSize;
    }
}
