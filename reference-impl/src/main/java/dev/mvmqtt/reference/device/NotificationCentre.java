package dev.mvmqtt.reference.device;

import dev.mvmqtt.spec.api.codes.MvEventType;
import dev.mvmqtt.spec.api.notify.NotificationRecord;
import java.nio.ByteBuffer;

/**
 * One notification centre: writes 16-byte records into the application's ring in order, slot 0
 * first, wrapping. It never overwrites a record the application has not cleared (reference rule:
 * the new record is dropped and counted; the IRQ is still pended).
 */
public final class NotificationCentre {
    private final int irq;
    private final ByteBuffer ring;
    private final int size;
    private final int slots;
    private int next;
    private long dropped;

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

    /** Records dropped because the ring was full. */
    public long dropped() {
        return dropped;
    }

    /** Writes a record if its slot is free. Returns true either way: the IRQ is pended regardless. */
    public void post(long micros, MvEventType type, int tag) {
        int offset = next * NotificationRecord.SIZE;
        if (NotificationRecord.readFrom(ring, offset).eventType() != MvEventType.NOEVENT.code()) {
            dropped++;
            return;
        }
        new NotificationRecord(micros, type, tag).writeTo(ring, offset);
        next = (next + 1) % slots;
    }
}
