package dev.mvmqtt.spec.api.notify;

import dev.mvmqtt.spec.api.codes.MvEventType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The application's side of a notification ring, read as firmware reads it: start at slot 0, take each record
 * whose event type is not {@code NOEVENT}, clear its event type, move to the next slot, wrap at the end. Microvisor
 * writes every record to the next slot whatever it holds (NOTIF-RING-1), so a reader that falls a whole ring behind
 * loses records and can find its next slot empty while the writer goes on elsewhere; {@link #drain()} then picks up
 * again at the oldest record waiting. The ring must start zeroed (the official demos fill theirs with 0xff and read
 * one record per interrupt instead). Not thread-safe: one reader per ring, like one ISR per centre.
 */
public final class NotificationRing {
    private final ByteBuffer memory;
    private final int slots;
    private int next;

    /**
     * @param memory     the ring's memory, as passed to {@code mvSetupNotifications}
     * @param bufferSize the size passed there, a multiple of {@link NotificationRecord#SIZE}
     */
    public NotificationRing(ByteBuffer memory, int bufferSize) {
        if (bufferSize % NotificationRecord.SIZE != 0 || bufferSize <= 0 || bufferSize > memory.capacity()) {
            throw new IllegalArgumentException(
                    "ring size must be a positive multiple of 16 within the buffer: " + bufferSize);
        }
        this.memory = memory;
        this.slots = bufferSize / NotificationRecord.SIZE;
    }

    /** The slot the next record is expected in. */
    public int nextSlot() {
        return next;
    }

    public int slots() {
        return slots;
    }

    /** The next unread record, cleared from the ring, or {@code null} when the next slot holds none. */
    public NotificationRecord poll() {
        int offset = next * NotificationRecord.SIZE;
        NotificationRecord record = NotificationRecord.readFrom(memory, offset);
        if (record.eventType() == MvEventType.NOEVENT.code()) {
            return null;
        }
        NotificationRecord.clearAt(memory, offset);
        next = (next + 1) % slots;
        return record;
    }

    /**
     * Every record that is waiting, in ring order from the next slot. When that slot is empty but others hold
     * records, the writer lapped this reader (an overrun); reading then restarts at the oldest of them by timestamp,
     * so the reader is back in step with the writer.
     */
    public List<NotificationRecord> drain() {
        List<NotificationRecord> out = new ArrayList<>();
        for (NotificationRecord r = poll(); r != null; r = poll()) {
            out.add(r);
        }
        if (out.isEmpty()) {
            int oldest = oldestOccupiedSlot();
            if (oldest >= 0) {
                next = oldest;
                for (NotificationRecord r = poll(); r != null; r = poll()) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** The slot of the record with the smallest timestamp, or -1 when every slot is empty. */
    private int oldestOccupiedSlot() {
        int oldest = -1;
        long when = Long.MAX_VALUE;
        for (int s = 0; s < slots; s++) {
            NotificationRecord r = NotificationRecord.readFrom(memory, s * NotificationRecord.SIZE);
            if (r.eventType() != MvEventType.NOEVENT.code() && Long.compareUnsigned(r.microseconds(), when) < 0) {
                when = r.microseconds();
                oldest = s;
            }
        }
        return oldest;
    }
}
