package dev.mvmqtt.tck.tests.messaging;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.tests.messaging.Messaging.codes;
import static dev.mvmqtt.tck.tests.messaging.Messaging.topic;
import static dev.mvmqtt.tck.tests.messaging.Messaging.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscription;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeResponse;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TargetTest;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;
import dev.mvmqtt.tck.target.MqttVersion;
import java.nio.ByteBuffer;

/** Unsubscribe on a connected channel. */
class UnsubscribeTests {

    @TargetTest
    @Asserts({"UNSUB-OK-1", "UNSUB-RESP-1", "READ-UNSUB-1", "GEN-CORR-1"})
    void unsubscribeStopsDeliveryWithOneCodePerTopic(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int ch = fw.connected(target);
            String a = target.uniqueTopic("a");
            String b = target.uniqueTopic("b");
            String c = target.uniqueTopic("c");
            String kept = target.uniqueTopic("kept");
            assertThat(fw.subscribe(
                                    ch,
                                    MvMqttSubscribeRequest.of(
                                            1,
                                            MvMqttSubscription.of(a, 0),
                                            MvMqttSubscription.of(b, 1),
                                            MvMqttSubscription.of(c, 0),
                                            MvMqttSubscription.of(kept, 0)))
                            .state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            int correlation = 0x80000001;
            MvMqttUnsubscribeResponse r = fw.unsubscribe(ch, MvMqttUnsubscribeRequest.of(correlation, a, b, c));
            rule("UNSUB-OK-1", "unsubscribe response")
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            rule("GEN-CORR-1", "unsubscribe correlation id echoed")
                    .assertThat(r.correlationId().get())
                    .isEqualTo(correlation);
            rule("UNSUB-RESP-1", "reason_codes_len is the number of topics")
                    .assertThat(r.reasonCodesLen().get())
                    .isEqualTo(3);
            rule("UNSUB-RESP-1", "success codes for subscribed topics")
                    .assertThat(codes(r.writtenReasonCodes()))
                    .containsExactly(0, 0, 0);
            for (String t : new String[] {a, b, c}) {
                observer.publish(t, utf8("after unsubscribe"), 1, false);
            }
            observer.publish(kept, utf8("still subscribed"), 0, false);
            MvMqttMessage m = fw.receive(ch);
            rule("UNSUB-OK-1", "messages on unsubscribed topics no longer arrive (published before this one)")
                    .assertThat(topic(m))
                    .isEqualTo(kept);
            Messaging.assertNothingReadableWithin(
                    fw, ch, target.quietWindow(), rule("UNSUB-OK-1", "nothing arrives on unsubscribed topics"));
        }
    }

    @TargetTest(versions = MqttVersion.V5)
    @Asserts("UNSUB-REF-1")
    void mqtt5UnsubackCodesArePassedThrough(TckTarget target) {
        try (Firmware fw = Firmware.start(target)) {
            int ch = fw.connected(target);
            String subscribed = target.uniqueTopic("s");
            String never = target.uniqueTopic("never");
            fw.subscribed(ch, subscribed, 0);
            MvMqttUnsubscribeResponse r = fw.unsubscribe(ch, MvMqttUnsubscribeRequest.of(2, never, subscribed));
            assertThat(r.state()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            rule("UNSUB-REF-1").assertThat(r.reasonCodesLen().get()).isEqualTo(2);
            // Brokers differ for a filter never subscribed: 0x11 (no subscription existed) or 0x00; both are UNSUBACK
            // codes.
            rule("UNSUB-REF-1", "UNSUBACK code for a filter never subscribed")
                    .assertThat(r.reasonCode(0))
                    .isIn(0x00, 0x11);
            rule("UNSUB-REF-1", "UNSUBACK 0x00 success for the subscribed filter, in request order")
                    .assertThat(r.reasonCode(1))
                    .isEqualTo(0x00);
        }
    }

    @TargetTest(versions = MqttVersion.V3_1_1)
    @Asserts("UNSUB-REF-1")
    void mqtt311UnsubscribeCodesAreZero(TckTarget target) {
        try (Firmware fw = Firmware.start(target)) {
            int ch = fw.connected(target);
            String subscribed = target.uniqueTopic("s");
            fw.subscribed(ch, subscribed, 1);
            MvMqttUnsubscribeResponse r =
                    fw.unsubscribe(ch, MvMqttUnsubscribeRequest.of(2, target.uniqueTopic("never"), subscribed));
            assertThat(r.state()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            rule("UNSUB-REF-1", "on 3.1.1 each code is 0")
                    .assertThat(codes(r.writtenReasonCodes()))
                    .containsExactly(0, 0);
        }
    }

    @TargetTest
    @Asserts("UNSUB-RESP-2")
    void emptyReasonCodeBufferIsInvalidBufferSize(TckTarget target) {
        try (Firmware fw = Firmware.start(target)) {
            int ch = fw.connected(target);
            assertThat(fw.mv()
                            .mvMqttRequestUnsubscribe(
                                    ch,
                                    MvMqttUnsubscribeRequest.of(4, target.uniqueTopic("x"), target.uniqueTopic("y"))))
                    .isEqualTo(MvStatus.OKAY);
            fw.awaitReadable(ch, MvMqttReadableDataType.UNSUBSCRIBERESPONSE);
            MvMqttUnsubscribeResponse none = new MvMqttUnsubscribeResponse(
                    new U32Ref(-1), new U32Ref(-1), ByteBuffer.allocate(0), 0, new U32Ref(-1));
            rule("UNSUB-RESP-2", "0 bytes cannot hold the codes of 2 topics")
                    .assertThat(fw.mv().mvMqttReadUnsubscribeResponse(ch, none))
                    .isEqualTo(MvStatus.INVALIDBUFFERSIZE);
        }
    }

    @TargetTest
    @Asserts("SUB-REF-2")
    void unsubscribeReasonCodesSizeCountsCodesAndTooSmallConsumesNothing(TckTarget target) {
        try (Firmware fw = Firmware.start(target)) {
            int ch = fw.connected(target);
            assertThat(fw.mv()
                            .mvMqttRequestUnsubscribe(
                                    ch,
                                    MvMqttUnsubscribeRequest.of(4, target.uniqueTopic("x"), target.uniqueTopic("y"))))
                    .isEqualTo(MvStatus.OKAY);
            fw.awaitReadable(ch, MvMqttReadableDataType.UNSUBSCRIBERESPONSE);
            MvMqttUnsubscribeResponse small = new MvMqttUnsubscribeResponse(
                    new U32Ref(-1), new U32Ref(-1), ByteBuffer.allocate(8), 1, new U32Ref(-1));
            rule("SUB-REF-2", "reason_codes_size 1 < 2 topics")
                    .assertThat(fw.mv().mvMqttReadUnsubscribeResponse(ch, small))
                    .isEqualTo(MvStatus.INVALIDBUFFERSIZE);
            rule("SUB-REF-2", "nothing written")
                    .assertThat(small.reasonCodesLen().get())
                    .isEqualTo(-1);
            rule("SUB-REF-2", "nothing consumed")
                    .assertThat(fw.nextReadable(ch))
                    .isEqualTo(MvMqttReadableDataType.UNSUBSCRIBERESPONSE);
            MvMqttUnsubscribeResponse exact = new MvMqttUnsubscribeResponse(
                    new U32Ref(-1), new U32Ref(-1), ByteBuffer.allocate(8), 2, new U32Ref(-1));
            rule("SUB-REF-2", "reason_codes_size 2 holds 2 codes")
                    .assertThat(fw.mv().mvMqttReadUnsubscribeResponse(ch, exact))
                    .isEqualTo(MvStatus.OKAY);
            rule("SUB-REF-2").assertThat(exact.reasonCodesLen().get()).isEqualTo(2);
        }
    }

    @TargetTest
    @Asserts("LIMIT-REF-3")
    void secondUnsubscribeWhileOneIsInFlightIsRateLimited(TckTarget target) {
        try (Firmware fw = Firmware.start(target)) {
            int ch = fw.connected(target);
            assertThat(fw.mv().mvMqttRequestUnsubscribe(ch, MvMqttUnsubscribeRequest.of(1, target.uniqueTopic("x"))))
                    .isEqualTo(MvStatus.OKAY);
            rule("LIMIT-REF-3", "unsubscribe while one is in flight")
                    .assertThat(fw.mv()
                            .mvMqttRequestUnsubscribe(ch, MvMqttUnsubscribeRequest.of(2, target.uniqueTopic("y"))))
                    .isEqualTo(MvStatus.RATELIMITED);
            rule("LIMIT-REF-3")
                    .assertThat(
                            Messaging.readUnsubscribe(fw, ch).correlationId().get())
                    .isEqualTo(1);
            rule("LIMIT-REF-3", "accepted again once the response was read")
                    .assertThat(fw.mv()
                            .mvMqttRequestUnsubscribe(ch, MvMqttUnsubscribeRequest.of(3, target.uniqueTopic("y"))))
                    .isEqualTo(MvStatus.OKAY);
            rule("LIMIT-REF-3")
                    .assertThat(
                            Messaging.readUnsubscribe(fw, ch).correlationId().get())
                    .isEqualTo(3);
        }
    }
}
