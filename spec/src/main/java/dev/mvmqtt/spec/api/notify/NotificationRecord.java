package dev.mvmqtt.spec.api.notify;

import dev.mvmqtt.spec.api.codes.MvEventType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One notification record as Microvisor writes it into the application's ring: 16 bytes,
 * little-endian, {@code u64 microseconds, u32 event_type, u32 tag} (C {@code struct MvNotification}).
 *
 * <p>This class is also the codec: {@link #writeTo} and {@link #readFrom} work at an absolute
 * offset and never move the buffer's position, so implementation and application can share the
 * memory as they do on the device.
 */
public record NotificationRecord(long microseconds, int eventType, int tag) {
    /** The size of one record in bytes. */
    public static final int SIZE = 16;

    public NotificationRecord(long microseconds, MvEventType eventType, int tag) {
        this(microseconds, eventType.code(), tag);
    }

    public MvEventType type() {
        return MvEventType.of(eventType);
    }

    /**
     * Writes this record at {@code offset}, little-endian regardless of the buffer's byte order. The
     * event type goes last: a reader that sees a non-zero type sees the whole record.
     */
    public void writeTo(ByteBuffer ring, int offset) {
        ByteBuffer le = ring.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        le.putLong(offset, microseconds);
        le.putInt(offset + 12, tag);
        le.putInt(offset + 8, eventType);
    }

    /** Reads the record at {@code offset}, little-endian regardless of the buffer's byte order. */
    public static NotificationRecord readFrom(ByteBuffer ring, int offset) {
        ByteBuffer le = ring.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        return new NotificationRecord(le.getLong(offset), le.getInt(offset + 8), le.getInt(offset + 12));
    }

    /** Clears the event type at {@code offset} to {@code NOEVENT}, as the application does after reading (demo). */
    public static void clearAt(ByteBuffer ring, int offset) {
        ring.duplicate().order(ByteOrder.LITTLE_ENDIAN).putInt(offset + 8, MvEventType.NOEVENT.code());
    }

    @Override
    public String toString() {
        return "NotificationRecord[" + microseconds + "us " + type().name() + " tag=" + Integer.toUnsignedString(tag)
                + "]";
    }
}
