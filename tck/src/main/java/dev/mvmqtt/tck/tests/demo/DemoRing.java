package dev.mvmqtt.tck.tests.demo;

import dev.mvmqtt.spec.api.codes.MvEventType;
import dev.mvmqtt.spec.api.notify.NotificationRecord;
import dev.mvmqtt.tck.device.Firmware;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One notification ring as the official demos keep it, with its interrupt service routine: the memory is filled with
 * 0xff before {@code mvSetupNotifications}, and the ISR reads, per interrupt, the record at its own index, hands a copy
 * to the work loop and advances the index modulo the slot count. Nobody ever writes the ring again: the demos clear
 * only their local copy. So a record is seen only if the implementation writes each record to the next slot whatever
 * the slot holds (NOTIF-RING-1) and pends the irq once per record (NOTIF-IRQ-1).
 *
 * <p>Deliberately not {@link dev.mvmqtt.spec.api.notify.NotificationRing}: that reader clears every slot it reads.
 */
final class DemoRing {
    /** The demos' {@code WORK_NOTIFICATION_BUFFER_COUNT} and {@code NETWORK_NOTIFICATION_BUFFER_COUNT}. */
    static final int SLOTS = 8;

    private final String name;
    private final ByteBuffer memory;
    private final Consumer<NotificationRecord> body;
    private final List<NotificationRecord> reads = new ArrayList<>();
    private int index;

    /**
     * @param name what the ring is for, in messages
     * @param body what the ISR does with the record it copied out (it runs on the implementation's irq thread)
     */
    DemoRing(String name, Consumer<NotificationRecord> body) {
        this.name = name;
        this.body = body;
        this.memory = Firmware.aligned(SLOTS * NotificationRecord.SIZE);
        for (int i = 0; i < memory.capacity(); i++) {
            memory.put(i, (byte) 0xff);
        }
    }

    /** The ring's memory, to hand to {@code mvSetupNotifications}. */
    ByteBuffer memory() {
        return memory;
    }

    /** The ISR: the record at the ISR's own index, copied out; the index moves on; the ring is left as it is. */
    synchronized void onIrq(int irq) {
        NotificationRecord record = NotificationRecord.readFrom(memory, index * NotificationRecord.SIZE);
        index = (index + 1) % SLOTS;
        reads.add(record);
        body.accept(record);
    }

    /** Every record the ISR read, one per interrupt, in order. */
    synchronized List<NotificationRecord> reads() {
        return List.copyOf(reads);
    }

    /**
     * What the ISR read that it could not have read from an implementation that writes every record to the next slot
     * and pends the irq once per record: a slot still holding the 0xff fill, a NOEVENT or unknown event type, a tag
     * this centre was never given, or the very record read one lap earlier (a slot not written again; records carry
     * a microsecond timestamp, so two records a lap apart never coincide).
     */
    synchronized List<String> anomalies(Set<Integer> tags) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            NotificationRecord r = reads.get(i);
            String where = name + " ring, interrupt " + (i + 1) + " (slot " + (i % SLOTS) + ")";
            if (r.eventType() == 0xffffffff && r.tag() == 0xffffffff) {
                out.add(where + ": the slot still holds the 0xff fill");
            } else if (r.eventType() == MvEventType.NOEVENT.code() || !r.type().isKnown()) {
                out.add(where + ": event type " + r.type().name() + " in " + r);
            } else if (!tags.contains(r.tag())) {
                out.add(where + ": tag " + Integer.toUnsignedString(r.tag()) + " was never given to this centre, in "
                        + r);
            } else if (i >= SLOTS && r.equals(reads.get(i - SLOTS))) {
                out.add(where + ": the same record as one lap earlier (the slot was not written again): " + r);
            }
        }
        return out;
    }
}
