package dev.mvmqtt.tck.tests.device;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.RuleCheck.rules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.NetworkLink;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvEventType;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.net.MvRequestNetworkParams;
import dev.mvmqtt.spec.api.notify.MvNotificationSetup;
import dev.mvmqtt.spec.api.notify.NotificationRecord;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.DeviceTest;
import dev.mvmqtt.tck.settings.TckSettings;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Notification records, driven without a broker: the network link going down or up posts
 * NETWORKSTATUSCHANGED to the centre and tag named in mvRequestNetwork. Each test sets up its own
 * centre (own irq, own ring) and reads the ring's raw bytes itself, never clearing a slot unless the
 * test says so.
 */
class NotificationRecordTests {
    private static final int IRQ = 77;
    private static final int TAG = 0x1A2B3C4D;

    /** What the IRQ handler saw when it ran: the irq and a copy of the ring at that moment. */
    private record Irq(int irq, byte[] ring) {
        NotificationRecord record(int slot) {
            return NotificationRecord.readFrom(ByteBuffer.wrap(ring), slot * NotificationRecord.SIZE);
        }
    }

    /** A device with its own centre of {@code slots} slots, a network on it, and its link. */
    private static final class Rig implements AutoCloseable {
        final Firmware fw;
        final Microvisor mv;
        final ByteBuffer ring;
        final int slots;
        final LinkedBlockingQueue<Irq> irqs = new LinkedBlockingQueue<>();
        final NetworkLink link;
        final TckSettings settings;
        final int network;

        Rig(TckSettings settings, int slots) {
            this(settings, slots, (byte) 0);
        }

        /** A ring whose every byte is {@code fill} before setup: the demos use 0xff. */
        Rig(TckSettings settings, int slots, byte fill) {
            this.settings = settings;
            this.fw = Firmware.bare(settings);
            this.mv = fw.mv();
            this.slots = slots;
            Assumptions.assumeTrue(mv.networkLink().isPresent(), "implementation offers no network link control");
            this.link = mv.networkLink().get();
            this.ring = ByteBuffer.allocateDirect(slots * NotificationRecord.SIZE);
            for (int i = 0; i < ring.capacity(); i++) {
                ring.put(i, fill);
            }
            mv.registerIrqHandler(IRQ, irq -> {
                byte[] copy = new byte[ring.capacity()];
                ring.duplicate().clear().get(copy);
                irqs.add(new Irq(irq, copy));
            });
            U32Ref centre = new U32Ref();
            assertThat(mv.mvSetupNotifications(MvNotificationSetup.of(IRQ, ring), centre))
                    .as("mvSetupNotifications")
                    .isEqualTo(MvStatus.OKAY);
            U32Ref net = new U32Ref();
            assertThat(mv.mvRequestNetwork(MvRequestNetworkParams.v1(centre.get(), TAG), net))
                    .as("mvRequestNetwork")
                    .isEqualTo(MvStatus.OKAY);
            this.network = net.get();
        }

        /** Toggles the link once (down if up, else up): one status change. */
        void toggle() {
            if (link.isUp()) {
                link.down();
            } else {
                link.up();
            }
        }

        Irq awaitIrq() {
            try {
                Irq irq = irqs.poll(fw.timeout().toMillis(), TimeUnit.MILLISECONDS);
                if (irq == null) {
                    fail("no irq %d within %s after a network status change", IRQ, fw.timeout());
                }
                return irq;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        NotificationRecord slot(int i) {
            return NotificationRecord.readFrom(ring, i * NotificationRecord.SIZE);
        }

        void clear(int i) {
            NotificationRecord.clearAt(ring, i * NotificationRecord.SIZE);
        }

        @Override
        public void close() {
            try {
                link.up();
            } finally {
                fw.close();
            }
        }
    }

    @DeviceTest
    @Asserts({"NOTIF-REC-1", "NET-NOTIF-1"})
    void aStatusChangeWritesOneLittleEndianRecordWithTheNetworksTag(TckSettings settings) {
        try (Rig rig = new Rig(settings, 4)) {
            rig.link.down();
            rig.awaitIrq();
            byte[] raw = new byte[16];
            rig.ring.duplicate().clear().get(raw);
            // bytes 8..11: u32 event type little-endian; bytes 12..15: u32 tag little-endian
            rules("NOTIF-REC-1", "NET-NOTIF-1")
                    .as("event type NETWORKSTATUSCHANGED (1) as little-endian u32 at bytes 8..11")
                    .assertThat(new byte[] {raw[8], raw[9], raw[10], raw[11]})
                    .containsExactly(1, 0, 0, 0);
            rules("NOTIF-REC-1", "NET-NOTIF-1")
                    .as("the network's tag 0x1A2B3C4D as little-endian u32 at bytes 12..15")
                    .assertThat(new byte[] {raw[12], raw[13], raw[14], raw[15]})
                    .containsExactly(0x4D, 0x3C, 0x2B, 0x1A);
            long micros = rig.slot(0).microseconds();
            rule("NOTIF-REC-1", "timestamp (u64 microseconds, bytes 0..7)")
                    .assertThat(micros)
                    .isNotNegative();
            rule("NOTIF-REC-1", "one change, one 16-byte record: slot 1 stays free")
                    .assertThat(rig.slot(1).eventType())
                    .isZero();
            rule("NET-NOTIF-1", "nothing goes to a centre the network was not given")
                    .assertThat(Devices.ringEmpty(rig.fw.ring(), rig.fw.ring().capacity()))
                    .isTrue();
            rule("NET-NOTIF-1", "nothing goes to a centre the network was not given")
                    .assertThat(rig.fw.recordsSeen())
                    .isEmpty();
        }
    }

    @DeviceTest
    @Asserts("NET-NOTIF-1")
    void eachNetworkIsNotifiedToItsOwnCentreAndTag(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            Assumptions.assumeTrue(mv.networkLink().isPresent(), "implementation offers no network link control");
            NetworkLink link = mv.networkLink().get();
            try {
                link.down();
                NotificationRecord r = fw.awaitRecord(MvEventType.NETWORKSTATUSCHANGED);
                rule("NET-NOTIF-1", "NETWORKSTATUSCHANGED carries the tag given in mvRequestNetwork")
                        .assertThat(r.tag())
                        .isEqualTo(Firmware.NETWORK_TAG);
                link.up();
                NotificationRecord up = fw.awaitRecord(MvEventType.NETWORKSTATUSCHANGED);
                rule("NET-NOTIF-1", "the change back up is notified too, with the tag")
                        .assertThat(up.tag())
                        .isEqualTo(Firmware.NETWORK_TAG);
            } finally {
                link.up();
            }
        }
    }

    @DeviceTest
    @Asserts({"NOTIF-RING-1", "NOTIF-REC-1"})
    void recordsGoToSuccessiveSlotsAndWrapOnceCleared(TckSettings settings) {
        try (Rig rig = new Rig(settings, 4)) {
            List<Integer> slotsWritten = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                rig.toggle();
                Irq irq = rig.awaitIrq();
                int expected = i % 4;
                int found = -1;
                for (int s = 0; s < 4; s++) {
                    if (irq.record(s).eventType() != 0) {
                        rule("NOTIF-RING-1", "after change %d only one slot is occupied (the app clears each)", i)
                                .assertThat(found)
                                .isEqualTo(-1);
                        found = s;
                    }
                }
                slotsWritten.add(found);
                rule("NOTIF-RING-1", "record %d goes to slot %d (slots so far %s)", i, expected, slotsWritten)
                        .assertThat(found)
                        .isEqualTo(expected);
                rule("NOTIF-REC-1", "event type")
                        .assertThat(irq.record(found).type())
                        .isEqualTo(MvEventType.NETWORKSTATUSCHANGED);
                rule("NOTIF-REC-1", "tag").assertThat(irq.record(found).tag()).isEqualTo(TAG);
                rig.clear(found);
            }
        }
    }

    @DeviceTest
    @Asserts({"NOTIF-IRQ-1"})
    void theIrqHandlerRunsAfterTheRecordIsInTheRing(TckSettings settings) {
        try (Rig rig = new Rig(settings, 8)) {
            for (int i = 0; i < 5; i++) {
                rig.toggle();
                Irq irq = rig.awaitIrq();
                rule("NOTIF-IRQ-1", "the handler is called with the centre's irq")
                        .assertThat(irq.irq())
                        .isEqualTo(IRQ);
                rule("NOTIF-IRQ-1", "when the handler for change %d runs, its record is already in slot %d", i, i)
                        .assertThat(irq.record(i).eventType())
                        .isEqualTo(MvEventType.NETWORKSTATUSCHANGED.code());
                rule("NOTIF-IRQ-1", "the visible record is complete (tag)")
                        .assertThat(irq.record(i).tag())
                        .isEqualTo(TAG);
            }
        }
    }

    /** How long nothing may happen after one link change: it also spaces two changes apart for the clock check. */
    private static final Duration ONE_RECORD_WINDOW = Duration.ofMillis(200);
    /** Clock tolerance: a device clock of millisecond resolution, and the two clocks read a little apart. */
    private static final long TOLERANCE_MICROS = 3_000;

    /**
     * The timestamps are microseconds of elapsed time: the difference between the timestamps of two link changes
     * lies within the elapsed time the TCK measured around them (System.nanoTime), give or take a few
     * milliseconds, so timestamps in milliseconds, nanoseconds or of a stopped clock fail. The changes are at least
     * {@link #ONE_RECORD_WINDOW} apart: after the first, the TCK checks that it raised one record only.
     */
    @DeviceTest
    @Asserts("NOTIF-REC-1")
    void timestampsCountMicrosecondsOfElapsedTime(TckSettings settings) {
        try (Rig rig = new Rig(settings, 4)) {
            long beforeFirst = System.nanoTime();
            rig.toggle();
            rig.awaitIrq();
            long afterFirst = System.nanoTime();
            NotificationRecord first = rig.slot(0);
            rule("NOTIF-REC-1", "the first change's record in slot 0")
                    .assertThat(first.eventType())
                    .isNotZero();
            Irq extra = pollIrq(rig, settings.timeout(ONE_RECORD_WINDOW));
            rule("NOTIF-REC-1", "one link change raises one record (no second irq within %s)", ONE_RECORD_WINDOW)
                    .assertThat(extra)
                    .isNull();

            long beforeSecond = System.nanoTime();
            rig.toggle();
            rig.awaitIrq();
            long afterSecond = System.nanoTime();
            NotificationRecord second = rig.slot(1);
            rule("NOTIF-REC-1", "the second change's record in slot 1")
                    .assertThat(second.eventType())
                    .isNotZero();

            long delta = second.microseconds() - first.microseconds();
            long atLeast = TimeUnit.NANOSECONDS.toMicros(beforeSecond - afterFirst) - TOLERANCE_MICROS;
            long atMost = TimeUnit.NANOSECONDS.toMicros(afterSecond - beforeFirst) + TOLERANCE_MICROS;
            rule(
                            "NOTIF-REC-1",
                            "timestamps %d and %d are %d µs apart; the TCK measured between %d and %d µs between the two changes (timestamps count microseconds)",
                            first.microseconds(),
                            second.microseconds(),
                            delta,
                            atLeast + TOLERANCE_MICROS,
                            atMost - TOLERANCE_MICROS)
                    .assertThat(delta)
                    .isBetween(atLeast, atMost);
        }
    }

    private static Irq pollIrq(Rig rig, Duration window) {
        try {
            return rig.irqs.poll(window.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @DeviceTest
    @Asserts("NOTIF-REF-2")
    void timestampsNeverDecrease(TckSettings settings) {
        try (Rig rig = new Rig(settings, 16)) {
            for (int i = 0; i < 16; i++) {
                rig.toggle();
                rig.awaitIrq();
            }
            long last = Long.MIN_VALUE;
            for (int s = 0; s < 16; s++) {
                NotificationRecord r = rig.slot(s);
                rule("NOTIF-REF-2", "record %d present", s)
                        .assertThat(r.eventType())
                        .isNotZero();
                rule("NOTIF-REF-2", "timestamp of record %d (slot order = write order) never below the one before", s)
                        .assertThat(r.microseconds())
                        .isGreaterThanOrEqualTo(last);
                last = r.microseconds();
            }
            rule("NOTIF-REF-2", "microseconds advance over 16 link changes")
                    .assertThat(rig.slot(15).microseconds())
                    .isGreaterThanOrEqualTo(rig.slot(0).microseconds());
        }
    }

    @DeviceTest
    @Asserts("NOTIF-RING-1")
    void aRingFilledWithFfAndNeverClearedReceivesEveryRecordInOrder(TckSettings settings) {
        try (Rig rig = new Rig(settings, 4, (byte) 0xff)) {
            long last = Long.MIN_VALUE;
            for (int i = 0; i < 10; i++) {
                rig.toggle();
                Irq irq = rig.awaitIrq();
                NotificationRecord r = irq.record(i % 4);
                rule("NOTIF-RING-1", "record %d is in slot %d of a 0xff-filled ring", i, i % 4)
                        .assertThat(r.type())
                        .isEqualTo(MvEventType.NETWORKSTATUSCHANGED);
                rule("NOTIF-RING-1", "record %d carries the network's tag", i)
                        .assertThat(r.tag())
                        .isEqualTo(TAG);
                rule("NOTIF-RING-1", "record %d is newer than record %d", i, i - 1)
                        .assertThat(r.microseconds())
                        .isGreaterThanOrEqualTo(last);
                last = r.microseconds();
                for (int s = i + 1; s < 4; s++) {
                    rule("NOTIF-RING-1", "slot %d not yet reached after record %d", s, i)
                            .assertThat(irq.record(s).eventType())
                            .isEqualTo(0xFFFFFFFF);
                }
            }
        }
    }

    @DeviceTest
    @Asserts("NOTIF-REF-1")
    void anUnreadRecordIsOverwrittenAndEveryRecordPendsTheIrq(TckSettings settings) {
        try (Rig rig = new Rig(settings, 2)) {
            List<Irq> irqs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                rig.toggle();
                irqs.add(rig.awaitIrq());
            }
            rule("NOTIF-REF-1", "one irq per record, also once the ring is full")
                    .assertThat(irqs)
                    .hasSize(5);
            for (int i = 2; i < 5; i++) {
                NotificationRecord before = irqs.get(i - 1).record(i % 2);
                NotificationRecord now = irqs.get(i).record(i % 2);
                rule("NOTIF-REF-1", "record %d overwrote the unread record in slot %d", i, i % 2)
                        .assertThat(now)
                        .isNotEqualTo(before);
                rule("NOTIF-REF-1", "the newer record replaced the older")
                        .assertThat(now.microseconds())
                        .isGreaterThanOrEqualTo(before.microseconds());
                rule("NOTIF-REF-1", "record %d left the other slot alone", i)
                        .assertThat(irqs.get(i).record((i + 1) % 2))
                        .isEqualTo(irqs.get(i - 1).record((i + 1) % 2));
            }
        }
    }
}
