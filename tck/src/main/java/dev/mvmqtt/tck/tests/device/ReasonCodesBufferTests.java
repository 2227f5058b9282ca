package dev.mvmqtt.tck.tests.device;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscription;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeResponse;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TargetTest;
import dev.mvmqtt.tck.junit.TckTarget;
import java.nio.ByteBuffer;

/**
 * The reason-codes buffer of (un)subscribe responses. The catalogue files these as broker-less, but a
 * response carries one code per topic only when the broker answered, so they run on a target.
 */
class ReasonCodesBufferTests {

    @TargetTest
    @Asserts("SUB-RESP-2")
    void aSubscribeResponseBufferTooSmallForTheCodesIsRefused(TckTarget target) {
        try (Firmware fw = Firmware.start(target)) {
            Microvisor mv = fw.mv();
            int channel = fw.connected(target);
            assertThat(mv.mvMqttRequestSubscribe(
                            channel,
                            MvMqttSubscribeRequest.of(
                                    31,
                                    MvMqttSubscription.of(target.uniqueTopic("a"), 0),
                                    MvMqttSubscription.of(target.uniqueTopic("b"), 1),
                                    MvMqttSubscription.of(target.uniqueTopic("c"), 1))))
                    .as("subscribe 3 topics")
                    .isEqualTo(MvStatus.OKAY);
            fw.awaitReadable(channel, MvMqttReadableDataType.SUBSCRIBERESPONSE);
            rule("SUB-RESP-2", "reason_codes_size 2 for 3 topics")
                    .assertThat(mv.mvMqttReadSubscribeResponse(channel, MvMqttSubscribeResponse.withRoomFor(2)))
                    .isEqualTo(MvStatus.INVALIDBUFFERSIZE);
        }
    }

    @TargetTest
    @Asserts("UNSUB-RESP-2")
    void anUnsubscribeResponseBufferTooSmallForTheCodesIsRefused(TckTarget target) {
        try (Firmware fw = Firmware.start(target)) {
            Microvisor mv = fw.mv();
            int channel = fw.connected(target);
            assertThat(mv.mvMqttRequestUnsubscribe(
                            channel, MvMqttUnsubscribeRequest.of(32, target.uniqueTopic("a"), target.uniqueTopic("b"))))
                    .as("unsubscribe 2 topics")
                    .isEqualTo(MvStatus.OKAY);
            fw.awaitReadable(channel, MvMqttReadableDataType.UNSUBSCRIBERESPONSE);
            rule("UNSUB-RESP-2", "reason_codes_size 1 for 2 topics")
                    .assertThat(mv.mvMqttReadUnsubscribeResponse(channel, MvMqttUnsubscribeResponse.withRoomFor(1)))
                    .isEqualTo(MvStatus.INVALIDBUFFERSIZE);
        }
    }

    @TargetTest
    @Asserts("SUB-REF-2")
    void reasonCodesSizeCountsCodesAndARefusedReadConsumesNothing(TckTarget target) {
        try (Firmware fw = Firmware.start(target)) {
            Microvisor mv = fw.mv();
            int channel = fw.connected(target);
            assertThat(mv.mvMqttRequestSubscribe(
                            channel,
                            MvMqttSubscribeRequest.of(
                                    33,
                                    MvMqttSubscription.of(target.uniqueTopic("a"), 0),
                                    MvMqttSubscription.of(target.uniqueTopic("b"), 1),
                                    MvMqttSubscription.of(target.uniqueTopic("c"), 0))))
                    .as("subscribe")
                    .isEqualTo(MvStatus.OKAY);
            fw.awaitReadable(channel, MvMqttReadableDataType.SUBSCRIBERESPONSE);
            // A count of 2 in a buffer that has room for 64 bytes: the declared count decides, not the memory.
            MvMqttSubscribeResponse two = new MvMqttSubscribeResponse(
                    new U32Ref(-1), new U32Ref(-1), ByteBuffer.allocate(64), 2, new U32Ref(-1));
            rule("SUB-REF-2", "reason_codes_size 2 for 3 topics")
                    .assertThat(mv.mvMqttReadSubscribeResponse(channel, two))
                    .isEqualTo(MvStatus.INVALIDBUFFERSIZE);
            rule("SUB-REF-2", "nothing written")
                    .assertThat(two.reasonCodesLen().get())
                    .isEqualTo(-1);
            rule("SUB-REF-2", "the refused read consumed nothing")
                    .assertThat(fw.nextReadable(channel))
                    .isEqualTo(MvMqttReadableDataType.SUBSCRIBERESPONSE);
            MvMqttSubscribeResponse exact = new MvMqttSubscribeResponse(
                    new U32Ref(-1), new U32Ref(-1), ByteBuffer.allocate(12), 3, new U32Ref(-1));
            rule("SUB-REF-2", "reason_codes_size 3 holds 3 codes")
                    .assertThat(mv.mvMqttReadSubscribeResponse(channel, exact))
                    .isEqualTo(MvStatus.OKAY);
            assertThat(exact.state()).as("subscribe response").isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            rule("SUB-REF-2", "three codes written")
                    .assertThat(exact.reasonCodesLen().get())
                    .isEqualTo(3);
            rule("SUB-REF-2", "the retried read gets the same response")
                    .assertThat(exact.correlationId().get())
                    .isEqualTo(33);

            assertThat(mv.mvMqttRequestUnsubscribe(
                            channel, MvMqttUnsubscribeRequest.of(34, target.uniqueTopic("a"), target.uniqueTopic("b"))))
                    .as("unsubscribe")
                    .isEqualTo(MvStatus.OKAY);
            fw.awaitReadable(channel, MvMqttReadableDataType.UNSUBSCRIBERESPONSE);
            MvMqttUnsubscribeResponse one = new MvMqttUnsubscribeResponse(
                    new U32Ref(-1), new U32Ref(-1), ByteBuffer.allocate(64), 1, new U32Ref(-1));
            rule("SUB-REF-2", "unsubscribe reason_codes_size 1 for 2 topics")
                    .assertThat(mv.mvMqttReadUnsubscribeResponse(channel, one))
                    .isEqualTo(MvStatus.INVALIDBUFFERSIZE);
            MvMqttUnsubscribeResponse eight = new MvMqttUnsubscribeResponse(
                    new U32Ref(-1), new U32Ref(-1), ByteBuffer.allocate(8), 8, new U32Ref(-1));
            rule("SUB-REF-2", "the retry with 8 (bytes, a larger count) reads it")
                    .assertThat(mv.mvMqttReadUnsubscribeResponse(channel, eight))
                    .isEqualTo(MvStatus.OKAY);
            rule("SUB-REF-2", "unsubscribe correlation id")
                    .assertThat(eight.correlationId().get())
                    .isEqualTo(34);
        }
    }
}
