package dev.mvmqtt.spec.api.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.codes.MvEventType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The 16-byte record layout, byte for byte: u64 microseconds, u32 event type, u32 tag, little-endian (NOTIF-REC-1). */
class NotificationRecordTest {

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] slice(ByteBuffer b, int offset, int length) {
        byte[] out = new byte[length];
        b.get(offset, out);
        return out;
    }

    @Test
    void writesTheLittleEndianLayoutByteForByte() {
        ByteBuffer ring = ByteBuffer.allocate(32);
        new NotificationRecord(0x0102030405060708L, MvEventType.CHANNELDATAREADABLE, 0xA1B2C3D4).writeTo(ring, 0);
        assertThat(slice(ring, 0, 16))
                .containsExactly(bytes(
                        0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, 0x02, 0x00, 0x00, 0x00, 0xD4, 0xC3, 0xB2,
                        0xA1));
        assertThat(slice(ring, 16, 16)).as("the next slot is untouched").containsOnly(0);
        assertThat(NotificationRecord.SIZE).isEqualTo(16);
    }

    @Test
    void ignoresTheBufferByteOrderAndPosition() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            ByteBuffer ring = ByteBuffer.allocateDirect(48).order(order);
            ring.position(5);
            new NotificationRecord(1L, MvEventType.CHANNELNOTCONNECTED.code(), 7).writeTo(ring, 16);
            assertThat(ring.position()).isEqualTo(5);
            assertThat(ring.order()).isEqualTo(order);
            assertThat(slice(ring, 16, 16)).containsExactly(bytes(1, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 7, 0, 0, 0));
            assertThat(slice(ring, 0, 16)).containsOnly(0);
            assertThat(slice(ring, 32, 16)).containsOnly(0);
        }
    }

    @Test
    void readsWhatTheDeviceWrote() {
        ByteBuffer ring = ByteBuffer.wrap(bytes(
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01,
                0x00, 0x00, 0x00, 0x78, 0x56, 0x34, 0x12));
        ring.position(3);
        NotificationRecord r = NotificationRecord.readFrom(ring, 16);
        assertThat(r.microseconds()).isEqualTo(-1L).as("u64 max is carried as its bit pattern");
        assertThat(r.eventType()).isEqualTo(1);
        assertThat(r.type()).isEqualTo(MvEventType.NETWORKSTATUSCHANGED);
        assertThat(r.tag()).isEqualTo(0x12345678);
        assertThat(ring.position()).isEqualTo(3);
        assertThat(NotificationRecord.readFrom(ring, 0)).isEqualTo(new NotificationRecord(0L, MvEventType.NOEVENT, 0));
    }

    @Test
    void roundTripsAnyValue() {
        ByteBuffer ring = ByteBuffer.allocate(16);
        long[] micros = {0L, 1L, Long.MAX_VALUE, Long.MIN_VALUE, 0x00000001_00000000L};
        int[] ints = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE};
        for (long us : micros) {
            for (int type : ints) {
                for (int tag : ints) {
                    NotificationRecord r = new NotificationRecord(us, type, tag);
                    r.writeTo(ring, 0);
                    assertThat(NotificationRecord.readFrom(ring, 0)).isEqualTo(r);
                }
            }
        }
        assertThat(new NotificationRecord(0L, 0x99, 0).type().isKnown()).isFalse();
    }

    @Test
    void clearingZeroesOnlyTheEventType() {
        ByteBuffer ring = ByteBuffer.allocate(32);
        new NotificationRecord(0x1122334455667788L, MvEventType.CHANNELDATAREADABLE, 0x0BADCAFE).writeTo(ring, 16);
        NotificationRecord.clearAt(ring, 16);
        assertThat(slice(ring, 16, 16))
                .containsExactly(
                        bytes(0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0, 0, 0, 0, 0xFE, 0xCA, 0xAD, 0x0B));
        assertThat(slice(ring, 0, 16)).containsOnly(0);
    }
}
