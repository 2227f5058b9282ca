package dev.mvmqtt.spec.api.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvmqtt.spec.api.codes.MvEventType;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The application-side ring reader: in order from slot 0, wrapping, clearing each event type it reads
 * (NOTIF-RING-1). The "device" here writes records the way the rule says Microvisor does.
 */
class NotificationRingTest {
    private static final int SLOTS = 4;

    private final ByteBuffer memory = ByteBuffer.allocateDirect(SLOTS * NotificationRecord.SIZE);
    private final NotificationRing ring = new NotificationRing(memory, SLOTS * NotificationRecord.SIZE);
    private int deviceSlot;
    private long clock = 1_000;

    /** Writes the next record where Microvisor would: the next slot, wrapping. */
    private NotificationRecord deviceWrites(MvEventType type, int tag) {
        NotificationRecord r = new NotificationRecord(clock++, type, tag);
        r.writeTo(memory, deviceSlot * NotificationRecord.SIZE);
        deviceSlot = (deviceSlot + 1) % SLOTS;
        return r;
    }

    private int eventTypeAt(int slot) {
        return NotificationRecord.readFrom(memory, slot * NotificationRecord.SIZE)
                .eventType();
    }

    @Test
    void anEmptyRingYieldsNothing() {
        assertThat(ring.slots()).isEqualTo(SLOTS);
        assertThat(ring.poll()).isNull();
        assertThat(ring.drain()).isEmpty();
        assertThat(ring.nextSlot()).isZero();
    }

    @Test
    void afterAnOverrunThatLeftTheNextSlotEmptyItPicksUpAtTheOldestRecord() {
        // The reader drains a full lap, clearing every slot, while the device writes on: then its next slot is
        // empty though records wait elsewhere.
        for (int i = 0; i < SLOTS; i++) {
            deviceWrites(MvEventType.CHANNELDATAREADABLE, i);
        }
        assertThat(ring.drain()).hasSize(SLOTS);
        deviceWrites(MvEventType.CHANNELDATAREADABLE, 9); // slot 0: where the reader looks next, in step
        assertThat(ring.drain()).extracting(NotificationRecord::tag).containsExactly(9);
        // Now the writer gets two slots ahead of a reader whose next slot was cleared and left behind.
        NotificationRecord skipped = new NotificationRecord(clock++, MvEventType.CHANNELDATAREADABLE, 10);
        skipped.writeTo(memory, 2 * NotificationRecord.SIZE);
        NotificationRecord later = new NotificationRecord(clock++, MvEventType.CHANNELNOTCONNECTED, 11);
        later.writeTo(memory, 3 * NotificationRecord.SIZE);
        assertThat(ring.nextSlot()).isEqualTo(1);
        assertThat(ring.drain()).as("oldest first, from wherever it is").containsExactly(skipped, later);
        assertThat(ring.nextSlot()).isZero();
    }

    @Test
    void readsInOrderFromSlotZero() {
        NotificationRecord a = deviceWrites(MvEventType.CHANNELDATAREADABLE, 1);
        NotificationRecord b = deviceWrites(MvEventType.NETWORKSTATUSCHANGED, 2);
        NotificationRecord c = deviceWrites(MvEventType.CHANNELNOTCONNECTED, 3);
        assertThat(ring.poll()).isEqualTo(a);
        assertThat(ring.nextSlot()).isEqualTo(1);
        assertThat(ring.drain()).containsExactly(b, c);
        assertThat(ring.nextSlot()).isEqualTo(3);
        assertThat(ring.poll()).isNull();
    }

    @Test
    void clearsEachRecordItReadsToZeroAndNothingElse() {
        NotificationRecord a = deviceWrites(MvEventType.CHANNELDATAREADABLE, 0x55);
        deviceWrites(MvEventType.CHANNELDATAREADABLE, 0x66);
        assertThat(ring.poll()).isEqualTo(a);
        assertThat(eventTypeAt(0)).as("slot 0 cleared").isEqualTo(MvEventType.NOEVENT.code());
        assertThat(NotificationRecord.readFrom(memory, 0).tag())
                .as("only the event type is cleared")
                .isEqualTo(0x55);
        assertThat(eventTypeAt(1)).as("slot 1 still unread").isEqualTo(MvEventType.CHANNELDATAREADABLE.code());
    }

    @Test
    void wrapsAfterTheLastSlot() {
        for (int i = 0; i < SLOTS; i++) {
            deviceWrites(MvEventType.CHANNELDATAREADABLE, i);
        }
        assertThat(ring.drain()).extracting(NotificationRecord::tag).containsExactly(0, 1, 2, 3);
        assertThat(ring.nextSlot()).isZero();
        NotificationRecord e = deviceWrites(MvEventType.CHANNELDATAREADABLE, 4);
        NotificationRecord f = deviceWrites(MvEventType.CHANNELDATAREADABLE, 5);
        assertThat(ring.drain()).containsExactly(e, f);
        assertThat(ring.nextSlot()).isEqualTo(2);
        for (int slot = 0; slot < SLOTS; slot++) {
            assertThat(eventTypeAt(slot)).as("slot %d", slot).isZero();
        }
    }

    @Test
    void aFullRingIsReadCompletelyInOrder() {
        deviceWrites(MvEventType.CHANNELDATAREADABLE, 10);
        ring.poll();
        List<NotificationRecord> written = List.of(
                deviceWrites(MvEventType.CHANNELDATAREADABLE, 11),
                deviceWrites(MvEventType.CHANNELDATAREADABLE, 12),
                deviceWrites(MvEventType.CHANNELDATAREADABLE, 13),
                deviceWrites(MvEventType.CHANNELDATAREADABLE, 14));
        assertThat(ring.drain()).containsExactlyElementsOf(written);
        assertThat(ring.nextSlot()).isEqualTo(1);
    }

    @Test
    void stopsAtTheFirstEmptySlot() {
        NotificationRecord late = new NotificationRecord(5, MvEventType.CHANNELDATAREADABLE, 9);
        late.writeTo(memory, 2 * NotificationRecord.SIZE);
        assertThat(ring.poll()).as("slot 0 is empty, so slot 2 is not read yet").isNull();
        deviceWrites(MvEventType.CHANNELDATAREADABLE, 7);
        assertThat(ring.drain()).extracting(NotificationRecord::tag).containsExactly(7);
        assertThat(eventTypeAt(2)).isEqualTo(MvEventType.CHANNELDATAREADABLE.code());
    }

    @Test
    void usesOnlyTheDeclaredSize() {
        ByteBuffer big = ByteBuffer.allocate(64);
        NotificationRing small = new NotificationRing(big, 32);
        assertThat(small.slots()).isEqualTo(2);
        new NotificationRecord(1, MvEventType.CHANNELDATAREADABLE, 1).writeTo(big, 0);
        new NotificationRecord(2, MvEventType.CHANNELDATAREADABLE, 2).writeTo(big, 16);
        new NotificationRecord(3, MvEventType.CHANNELDATAREADABLE, 3).writeTo(big, 32);
        assertThat(small.drain()).extracting(NotificationRecord::tag).containsExactly(1, 2);
        assertThat(small.nextSlot()).isZero();
        assertThat(NotificationRecord.readFrom(big, 32).eventType())
                .as("beyond the ring: untouched")
                .isNotZero();
    }

    @Test
    void rejectsSizesThatAreNotARing() {
        ByteBuffer b = ByteBuffer.allocate(64);
        for (int size : new int[] {0, -16, 8, 24, 80}) {
            assertThatThrownBy(() -> new NotificationRing(b, size))
                    .as("size %d", size)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
