package dev.mvmqtt.tck.tests.device;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.NetworkLink;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.net.MvRequestNetworkParams;
import dev.mvmqtt.spec.api.notify.MvNotificationSetup;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.DeviceTest;
import dev.mvmqtt.tck.observer.Observer;
import dev.mvmqtt.tck.settings.TckSettings;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** mvSetupNotifications and mvCloseNotifications: buffer size, buffer in use, irq in use, the limit of 32. */
class NotificationSetupTests {

    private static MvStatus setup(Microvisor mv, int irq, int size, U32Ref handle) {
        return mv.mvSetupNotifications(
                new MvNotificationSetup(irq, ByteBuffer.allocateDirect(Math.max(size, 0)), size), handle);
    }

    @DeviceTest
    @Asserts("NOTIF-BUF-1")
    void sizeNotAMultipleOf16IsRefused(TckSettings settings) {
        try (Firmware fw = Firmware.bare(settings)) {
            for (int size : new int[] {33, 40, 47, 50, 63, 100, 1000, 2047}) {
                U32Ref h = new U32Ref(0x7777);
                rule("NOTIF-BUF-1", "buffer_size %d (not a multiple of 16)", size)
                        .assertThat(setup(fw.mv(), 40, size, h))
                        .isEqualTo(MvStatus.INVALIDBUFFERSIZE);
                rule("NOTIF-BUF-1", "a refused setup writes no handle")
                        .assertThat(h.get())
                        .isEqualTo(0x7777);
            }
            U32Ref ok = new U32Ref();
            rule("NOTIF-BUF-1", "48 bytes (3 records) is accepted")
                    .assertThat(setup(fw.mv(), 40, 48, ok))
                    .isEqualTo(MvStatus.OKAY);
        }
    }

    @DeviceTest
    @Asserts("NOTIF-BUF-2")
    void sizeBelow32IsRefused(TckSettings settings) {
        try (Firmware fw = Firmware.bare(settings)) {
            for (int size : new int[] {0, 16, 1, 31}) {
                rule("NOTIF-BUF-2", "buffer_size %d (less than 32)", size)
                        .assertThat(setup(fw.mv(), 41, size, new U32Ref()))
                        .isEqualTo(MvStatus.INVALIDBUFFERSIZE);
            }
            U32Ref ok = new U32Ref();
            rule("NOTIF-BUF-2", "32 bytes is the smallest ring accepted")
                    .assertThat(setup(fw.mv(), 41, 32, ok))
                    .isEqualTo(MvStatus.OKAY);
            rule("NOTIF-BUF-2", "handle of the accepted ring")
                    .assertThat(ok.get())
                    .isNotZero();
        }
    }

    @DeviceTest
    @Asserts("NOTIF-BUF-3")
    void aRingAlreadyInUseIsRefused(TckSettings settings) {
        try (Firmware fw = Firmware.bare(settings)) {
            Microvisor mv = fw.mv();
            rule("NOTIF-BUF-3", "the ring of the open TCK centre given again, other irq")
                    .assertThat(mv.mvSetupNotifications(MvNotificationSetup.of(42, fw.ring()), new U32Ref()))
                    .isEqualTo(MvStatus.BUFFERALREADYINUSE);
            ByteBuffer mine = ByteBuffer.allocateDirect(64);
            U32Ref h = new U32Ref();
            assertThat(mv.mvSetupNotifications(MvNotificationSetup.of(43, mine), h))
                    .as("a fresh ring")
                    .isEqualTo(MvStatus.OKAY);
            rule("NOTIF-BUF-3", "the same ring given to a second centre")
                    .assertThat(mv.mvSetupNotifications(MvNotificationSetup.of(44, mine), new U32Ref()))
                    .isEqualTo(MvStatus.BUFFERALREADYINUSE);
            assertThat(mv.mvCloseNotifications(h)).as("mvCloseNotifications").isEqualTo(MvStatus.OKAY);
            rule("NOTIF-BUF-3", "once its centre is closed the ring may be used again")
                    .assertThat(mv.mvSetupNotifications(MvNotificationSetup.of(44, mine), new U32Ref()))
                    .isEqualTo(MvStatus.OKAY);
        }
    }

    @DeviceTest
    @Asserts("NOTIF-IRQ-2")
    void anIrqAlreadyInUseIsRefused(TckSettings settings) {
        try (Firmware fw = Firmware.bare(settings)) {
            Microvisor mv = fw.mv();
            rule("NOTIF-IRQ-2", "irq %d is used by the open TCK centre", Firmware.IRQ)
                    .assertThat(mv.mvSetupNotifications(
                            MvNotificationSetup.of(Firmware.IRQ, ByteBuffer.allocateDirect(64)), new U32Ref()))
                    .isEqualTo(MvStatus.INVALIDINTERRUPT);
            U32Ref h = new U32Ref();
            assertThat(mv.mvSetupNotifications(MvNotificationSetup.of(45, ByteBuffer.allocateDirect(64)), h))
                    .as("irq 45")
                    .isEqualTo(MvStatus.OKAY);
            rule("NOTIF-IRQ-2", "irq 45 used by another open centre")
                    .assertThat(mv.mvSetupNotifications(
                            MvNotificationSetup.of(45, ByteBuffer.allocateDirect(64)), new U32Ref()))
                    .isEqualTo(MvStatus.INVALIDINTERRUPT);
            assertThat(mv.mvCloseNotifications(h)).as("mvCloseNotifications").isEqualTo(MvStatus.OKAY);
            rule("NOTIF-IRQ-2", "irq 45 is free again once its centre is closed")
                    .assertThat(mv.mvSetupNotifications(
                            MvNotificationSetup.of(45, ByteBuffer.allocateDirect(64)), new U32Ref()))
                    .isEqualTo(MvStatus.OKAY);
        }
    }

    @DeviceTest
    @Asserts("LIMIT-NOTIF-1")
    void atMost32CentresAreOpen(TckSettings settings) {
        try (Firmware fw = Firmware.bare(settings)) {
            Microvisor mv = fw.mv();
            List<U32Ref> opened = new ArrayList<>();
            for (int i = 1; i < 32; i++) { // the TCK's own centre is the first
                U32Ref h = new U32Ref();
                rule("LIMIT-NOTIF-1", "centre %d of 32", i + 1)
                        .assertThat(setup(mv, 100 + i, 32, h))
                        .isEqualTo(MvStatus.OKAY);
                opened.add(h);
            }
            U32Ref refused = new U32Ref(0x1234);
            rule("LIMIT-NOTIF-1", "a 33rd centre")
                    .assertThat(setup(mv, 200, 32, refused))
                    .isEqualTo(MvStatus.TOOMANYNOTIFICATIONBUFFERS);
            rule("LIMIT-NOTIF-1", "no handle written for the refused centre")
                    .assertThat(refused.get())
                    .isEqualTo(0x1234);
            assertThat(mv.mvCloseNotifications(opened.get(0)))
                    .as("mvCloseNotifications")
                    .isEqualTo(MvStatus.OKAY);
            rule("LIMIT-NOTIF-1", "a closed centre no longer counts")
                    .assertThat(setup(mv, 200, 32, new U32Ref()))
                    .isEqualTo(MvStatus.OKAY);
        }
    }

    @DeviceTest
    @Asserts("GEN-FAULT-1")
    void nullArgumentsOfTheNotificationCallsAnswerParameterFault(TckSettings settings) {
        try (Firmware fw = Firmware.bare(settings)) {
            Microvisor mv = fw.mv();
            rule("GEN-FAULT-1", "mvSetupNotifications(null setup)")
                    .assertThat(mv.mvSetupNotifications(null, new U32Ref()))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            rule("GEN-FAULT-1", "mvSetupNotifications(null handle cell)")
                    .assertThat(
                            mv.mvSetupNotifications(MvNotificationSetup.of(46, ByteBuffer.allocateDirect(64)), null))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            rule("GEN-FAULT-1", "mvSetupNotifications with a null ring")
                    .assertThat(mv.mvSetupNotifications(new MvNotificationSetup(46, null, 64), new U32Ref()))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            rule("GEN-FAULT-1", "mvCloseNotifications(null)")
                    .assertThat(mv.mvCloseNotifications(null))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            assertThat(mv.mvSetupNotifications(MvNotificationSetup.of(46, ByteBuffer.allocateDirect(64)), new U32Ref()))
                    .as("after the faults, irq 46 and a fresh ring are still free")
                    .isEqualTo(MvStatus.OKAY);
        }
    }

    /**
     * A centre that a network and a channel still name is closed, then the link goes down and comes back: the
     * network and the channel would notify that centre, so nothing may arrive. A second centre, requested for a
     * second network, is the fence: once its records for the same changes are in, the first centre's would be too.
     */
    @DeviceTest
    @Asserts({"NOTIF-CLOSE-1", "NOTIF-CLOSE-2"})
    void aClosedCentreGetsNoRecordAndNoInterrupt(TckSettings settings) throws InterruptedException {
        try (Firmware fw = Firmware.bare(settings)) {
            Microvisor mv = fw.mv();
            Assumptions.assumeTrue(mv.networkLink().isPresent(), "implementation offers no network link control");
            NetworkLink link = mv.networkLink().get();
            int closedIrq = 40;
            int fenceIrq = 41;
            LinkedBlockingQueue<Integer> irqs = new LinkedBlockingQueue<>();
            mv.registerIrqHandler(closedIrq, irqs::add);
            mv.registerIrqHandler(fenceIrq, irqs::add);
            ByteBuffer closedRing = ByteBuffer.allocateDirect(8 * 16);
            ByteBuffer fenceRing = ByteBuffer.allocateDirect(8 * 16);
            U32Ref closed = new U32Ref();
            U32Ref fence = new U32Ref();
            assertThat(mv.mvSetupNotifications(MvNotificationSetup.of(closedIrq, closedRing), closed))
                    .isEqualTo(MvStatus.OKAY);
            assertThat(mv.mvSetupNotifications(MvNotificationSetup.of(fenceIrq, fenceRing), fence))
                    .isEqualTo(MvStatus.OKAY);
            U32Ref network = new U32Ref();
            assertThat(mv.mvRequestNetwork(MvRequestNetworkParams.v1(closed.get(), 7), network))
                    .isEqualTo(MvStatus.OKAY);
            U32Ref fenceNetwork = new U32Ref();
            assertThat(mv.mvRequestNetwork(MvRequestNetworkParams.v1(fence.get(), 8), fenceNetwork))
                    .isEqualTo(MvStatus.OKAY);
            U32Ref channel = new U32Ref();
            assertThat(mv.mvOpenChannel(
                            fw.channelParams(1536)
                                    .notificationHandle(closed.get())
                                    .networkHandle(network.get())
                                    .build(),
                            channel))
                    .isEqualTo(MvStatus.OKAY);
            int closedHandle = closed.get();
            rule("NOTIF-CLOSE-2", "closing a centre a network and a channel still name")
                    .assertThat(mv.mvCloseNotifications(closed))
                    .isEqualTo(MvStatus.OKAY);
            try {
                link.down();
                link.up();
                for (int i = 0; i < 2; i++) {
                    Integer irq = irqs.poll(fw.timeout().toMillis(), TimeUnit.MILLISECONDS);
                    rule("NOTIF-CLOSE-1", "interrupt %d of 2 (expected only from the fence centre)", i + 1)
                            .assertThat(irq)
                            .isEqualTo(fenceIrq);
                }
                rule("NOTIF-CLOSE-1", "no interrupt for the centre 0x%08x after mvCloseNotifications", closedHandle)
                        .assertThat(irqs.poll(
                                settings.timeout(Observer.QUIET_WINDOW).toMillis(), TimeUnit.MILLISECONDS))
                        .isNull();
                rule("NOTIF-CLOSE-1", "no record written to the closed centre's ring")
                        .assertThat(Devices.ringEmpty(closedRing, closedRing.capacity()))
                        .isTrue();
            } finally {
                link.up();
            }
        }
    }
}
