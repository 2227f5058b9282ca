package dev.mvmqtt.tck.tests.device;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.MvSizedStringBuffer;
import dev.mvmqtt.spec.api.NetworkLink;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttLostMessageInfo;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeResponse;
import dev.mvmqtt.spec.api.net.MvRequestNetworkParams;
import dev.mvmqtt.spec.api.notify.MvNotificationSetup;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.DeviceTest;
import dev.mvmqtt.tck.settings.TckSettings;
import java.nio.ByteBuffer;
import java.util.function.BiFunction;

/**
 * GEN-REF-8: a ByteBuffer is application memory over [0, capacity); a read-only one, or one whose limit is below its
 * capacity, is refused as a null pointer would be, and one whose position is not 0 is used from index 0 all the same.
 */
class ApplicationMemoryTests {

    /** A direct buffer of {@code capacity} bytes whose limit is {@code limit}. */
    private static ByteBuffer limited(int capacity, int limit) {
        return ByteBuffer.allocateDirect(capacity).limit(limit);
    }

    @DeviceTest
    @Asserts("GEN-REF-8")
    void aRingThatIsReadOnlyOrLimitedBelowItsCapacityIsRefusedAndNothingThrowsLater(TckSettings settings) {
        try (Firmware fw = Firmware.bare(settings)) {
            Microvisor mv = fw.mv();
            U32Ref h = new U32Ref(0x5151);
            rule("GEN-REF-8", "a 64-byte ring whose limit is 32")
                    .assertThat(mv.mvSetupNotifications(new MvNotificationSetup(50, limited(64, 32), 64), h))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            rule("GEN-REF-8", "a ring whose limit is below the declared 32 bytes")
                    .assertThat(mv.mvSetupNotifications(new MvNotificationSetup(51, limited(64, 16), 32), h))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            rule("GEN-REF-8", "a read-only ring")
                    .assertThat(mv.mvSetupNotifications(
                            new MvNotificationSetup(
                                    52, ByteBuffer.allocateDirect(64).asReadOnlyBuffer(), 64),
                            h))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            rule("GEN-REF-8", "a refused setup writes no handle")
                    .assertThat(h.get())
                    .isEqualTo(0x5151);

            // position is not part of it: the ring is [0, capacity) and the record goes to index 0
            ByteBuffer positioned = ByteBuffer.allocateDirect(64).position(48);
            U32Ref centre = new U32Ref();
            rule("GEN-REF-8", "a ring whose position is 48")
                    .assertThat(mv.mvSetupNotifications(new MvNotificationSetup(53, positioned, 64), centre))
                    .isEqualTo(MvStatus.OKAY);
            U32Ref network = new U32Ref();
            assertThat(mv.mvRequestNetwork(
                            new MvRequestNetworkParams(MvRequestNetworkParams.VERSION_1, centre.get(), 7), network))
                    .isEqualTo(MvStatus.OKAY);
            NetworkLink link = mv.networkLink().orElse(null);
            if (link != null) {
                link.down(); // must not throw: NETWORKSTATUSCHANGED goes to index 0 of the ring
                link.up();
                rule("GEN-REF-8", "the ring's position is left alone")
                        .assertThat(positioned.position())
                        .isEqualTo(48);
                rule("GEN-REF-8", "records written from index 0")
                        .assertThat(Devices.ringEmpty(positioned, 64))
                        .isFalse();
            }
        }
    }

    @DeviceTest
    @Asserts("GEN-REF-8")
    void channelBuffersThatAreReadOnlyOrLimitedBelowTheirCapacityAreRefused(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            ByteBuffer rxLimited = Firmware.aligned(2048).limit(1024);
            rule("GEN-REF-8", "a 2048-byte receive buffer whose limit is 1024")
                    .assertThat(mv.mvOpenChannel(
                            fw.channelParams(2048)
                                    .receiveBuffer(rxLimited, 2048)
                                    .build(),
                            new U32Ref()))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            ByteBuffer txLimited = Firmware.aligned(1024).limit(512);
            rule("GEN-REF-8", "a send buffer whose limit is below its capacity")
                    .assertThat(mv.mvOpenChannel(
                            fw.channelParams(2048).sendBuffer(txLimited, 512).build(), new U32Ref()))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            rule("GEN-REF-8", "a read-only receive buffer")
                    .assertThat(mv.mvOpenChannel(
                            fw.channelParams(2048)
                                    .receiveBuffer(Firmware.aligned(2048).asReadOnlyBuffer(), 2048)
                                    .build(),
                            new U32Ref()))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            rule("GEN-REF-8", "a receive buffer whose position is 100 is still its whole capacity")
                    .assertThat(mv.mvOpenChannel(
                            fw.channelParams(2048)
                                    .receiveBuffer(Firmware.aligned(2048).position(100), 2048)
                                    .build(),
                            new U32Ref()))
                    .isEqualTo(MvStatus.OKAY);
        }
    }

    /** One fresh channel per holder: LATEFAULT leaves the channel unusable. */
    private static void lateFault(TckSettings settings, String what, BiFunction<Microvisor, Integer, MvStatus> call) {
        try (Firmware fw = Firmware.start(settings)) {
            int channel = fw.openChannel();
            rule("GEN-REF-8", "%s", what)
                    .assertThat(call.apply(fw.mv(), channel))
                    .isEqualTo(MvStatus.LATEFAULT);
        }
    }

    private static MvSizedStringBuffer holder(ByteBuffer data) {
        return new MvSizedStringBuffer(data, data.capacity(), new U32Ref());
    }

    @DeviceTest
    @Asserts("GEN-REF-8")
    void holderBuffersThatAreReadOnlyOrLimitedBelowTheirCapacityAnswerLateFault(TckSettings settings) {
        lateFault(
                settings,
                "message holder whose topic buffer's limit is below its capacity",
                (mv, ch) -> mv.mvMqttReceiveMessage(
                        ch,
                        new MvMqttMessage(
                                new U32Ref(),
                                holder(ByteBuffer.allocate(64).limit(8)),
                                MvSizedStringBuffer.allocate(64),
                                new U32Ref(),
                                new U32Ref())));
        lateFault(
                settings,
                "message holder whose payload buffer's limit is below its capacity",
                (mv, ch) -> mv.mvMqttReceiveMessage(
                        ch,
                        new MvMqttMessage(
                                new U32Ref(),
                                MvSizedStringBuffer.allocate(64),
                                holder(ByteBuffer.allocate(64).limit(0)),
                                new U32Ref(),
                                new U32Ref())));
        lateFault(
                settings,
                "message holder with a read-only payload buffer",
                (mv, ch) -> mv.mvMqttReceiveMessage(
                        ch,
                        new MvMqttMessage(
                                new U32Ref(),
                                MvSizedStringBuffer.allocate(64),
                                holder(ByteBuffer.allocate(64).asReadOnlyBuffer()),
                                new U32Ref(),
                                new U32Ref())));
        lateFault(
                settings,
                "lost-message holder whose topic buffer's limit is below its capacity",
                (mv, ch) -> mv.mvMqttReceiveLostMessageInfo(
                        ch,
                        new MvMqttLostMessageInfo(
                                new U32Ref(), holder(ByteBuffer.allocate(64).limit(63)), new U32Ref())));
        lateFault(
                settings,
                "subscribe response whose reason-codes buffer's limit is below its capacity",
                (mv, ch) -> mv.mvMqttReadSubscribeResponse(
                        ch,
                        new MvMqttSubscribeResponse(
                                new U32Ref(),
                                new U32Ref(),
                                ByteBuffer.allocate(32).limit(4),
                                32,
                                new U32Ref())));
        lateFault(
                settings,
                "unsubscribe response whose reason-codes buffer's limit is below its capacity",
                (mv, ch) -> mv.mvMqttReadUnsubscribeResponse(
                        ch,
                        new MvMqttUnsubscribeResponse(
                                new U32Ref(),
                                new U32Ref(),
                                ByteBuffer.allocate(32).limit(4),
                                32,
                                new U32Ref())));
    }
}
