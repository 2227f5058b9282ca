package dev.mvmqtt.reference.device;

import dev.mvmqtt.spec.api.codes.MvEventType;
import dev.mvmqtt.spec.api.notify.NotificationRecord;
import java.nio.ByteBuffer;

/**
 * One notification centre: writes 16-byte records into the application's ring in order, slot 0
 * first, wrapping, whatever the slot holds (NOTIF-RING-1). The official demos fill their rings with
 * 0xff before setup and never clear a slot, so nothing here may read the ring: a record the
 * application has not read yet is overwritten when the ring comes round again (NOTIF-REF-1).
 */
public final class NotificationCentre {
    private final int irq;
    private final ByteBuffer ring;
    private final int size;
    private final int slots;
    private int next;

    public NotificationCentre(int irq, ByteBuffer ring, int size) {
        this.irq = irq;
        this.ring = ring;
        this.size = size;
        this.slots = size / NotificationRecord.SIZE;
    }

    public int irq() {
        return irq;
    }

    public ByteBuffer ring() {
        return ring;
    }

    public int size() {
        return size;
    }

    /** Writes the record into the next slot; the caller pends the IRQ after it. */
    public void post(long micros, MvEventType type, int tag) {
        int offset = next * NotificationRecord.SIZE;
        new NotificationRecord(micros, type, tag).writeTo(ring, offset);
        next = (next + 1) % slots;
    }
}
