package dev.mvmqtt.tck.tests.messaging;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.RuleCheck.rules;
import static dev.mvmqtt.tck.tests.messaging.Messaging.codes;
import static dev.mvmqtt.tck.tests.messaging.Messaging.payload;
import static dev.mvmqtt.tck.tests.messaging.Messaging.topic;
import static dev.mvmqtt.tck.tests.messaging.Messaging.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;
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
import java.util.ArrayList;
import java.util.List;

/** Subscribe on a connected channel: reason codes per topic, delivery, buffer sizes, options, one at a time. */
class SubscribeTests {

    @TargetTest
    @Asserts({"SUB-RESP-1", "SUB-RESP-3", "READ-SUB-1", "GEN-CORR-1"})
    void eightTopicsGetOneReasonCodePerTopicInRequestOrder(TckTarget target) {
        try (Firmware fw = Firmware.start(target)) {
            int ch = fw.connected(target);
            List<MvMqttSubscription> subs = new ArrayList<>();
            int[] qos = {1, 0, 0, 1, 1, 0, 1, 0};
            for (int i = 0; i < 8; i++) {
                subs.add(MvMqttSubscription.of(target.uniqueTopic("sub8/" + i), qos[i]));
            }
            int correlation = 0xF00DBEEF;
            MvMqttSubscribeResponse r = fw.subscribe(ch, new MvMqttSubscribeRequest(correlation, subs, 8));
            rule("SUB-RESP-1", "subscribe response of 8 grantable topics")
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            rule("GEN-CORR-1", "subscribe response carries the request's correlation id")
                    .assertThat(r.correlationId().get())
                    .isEqualTo(correlation);
            rule("SUB-RESP-1", "reason_codes_len is the number of topics")
                    .assertThat(r.reasonCodesLen().get())
                    .isEqualTo(8);
            int[] written = r.writtenReasonCodes();
            for (int i = 0; i < 8; i++) {
                // Zero means success (guide); a grant at QoS 1 may also read as the SUBACK's 1. A code out of order
                // would put a 1 where a QoS 0 topic stands.
                rules("SUB-RESP-1", "SUB-RESP-3")
                        .as("code %d of 8, for a topic granted at QoS %d", i, qos[i])
                        .assertThat(written[i])
                        .isIn(qos[i] == 0 ? List.of(0) : List.of(0, 1));
            }
        }
    }

    @TargetTest
    @Asserts("SUB-REF-1")
    void everyGrantedSubscriptionReadsZero(TckTarget target) {
        try (Firmware fw = Firmware.start(target)) {
            int ch = fw.connected(target);
            MvMqttSubscribeResponse r = fw.subscribe(
                    ch,
                    MvMqttSubscribeRequest.of(
                            7,
                            MvMqttSubscription.of(target.uniqueTopic("g0"), 0),
                            MvMqttSubscription.of(target.uniqueTopic("g1"), 1)));
            assertThat(r.state()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            rule("SUB-REF-1", "a grant reads 0, at QoS 0 and at QoS 1 alike")
                    .assertThat(codes(r.writtenReasonCodes()))
                    .containsExactly(0, 0);
        }
    }

    @TargetTest
    @Asserts({"SUB-RESP-4", "READ-SUB-1", "READ-UNSUB-1"})
    void aBufferSizedInCodesAsTheDemosPassItIsServed(TckTarget target) {
        try (Firmware fw = Firmware.start(target)) {
            int ch = fw.connected(target);
            for (int topics = 1; topics <= 3; topics++) {
                List<MvMqttSubscription> subs = new ArrayList<>();
                List<MvSizedString> filters = new ArrayList<>();
                for (int i = 0; i < topics; i++) {
                    String t = target.uniqueTopic("demo" + topics + "/" + i);
                    subs.add(MvMqttSubscription.of(t, i % 2));
                    filters.add(MvSizedString.of(t));
                }
                assertThat(fw.mv().mvMqttRequestSubscribe(ch, new MvMqttSubscribeRequest(topics, subs, topics)))
                        .isEqualTo(MvStatus.OKAY);
                fw.awaitReadable(ch, MvMqttReadableDataType.SUBSCRIBERESPONSE);
                // As both demos do: uint32_t reason_codes[n], .reason_codes_size = n.
                MvMqttSubscribeResponse s = new MvMqttSubscribeResponse(
                        new U32Ref(-1), new U32Ref(-1), ByteBuffer.allocate(4 * topics), topics, new U32Ref(-1));
                rule("SUB-RESP-4", "subscribe response of %d topics read with reason_codes_size %d", topics, topics)
                        .assertThat(fw.mv().mvMqttReadSubscribeResponse(ch, s))
                        .isEqualTo(MvStatus.OKAY);
                rule("SUB-RESP-4", "every code written")
                        .assertThat(s.reasonCodesLen().get())
                        .isEqualTo(topics);
                assertThat(fw.mv()
                                .mvMqttRequestUnsubscribe(
                                        ch, new MvMqttUnsubscribeRequest(100 + topics, filters, topics)))
                        .isEqualTo(MvStatus.OKAY);
                fw.awaitReadable(ch, MvMqttReadableDataType.UNSUBSCRIBERESPONSE);
                MvMqttUnsubscribeResponse u = new MvMqttUnsubscribeResponse(
                        new U32Ref(-1), new U32Ref(-1), ByteBuffer.allocate(4 * topics), topics, new U32Ref(-1));
                rule("SUB-RESP-4", "unsubscribe response of %d topics read with reason_codes_size %d", topics, topics)
                        .assertThat(fw.mv().mvMqttReadUnsubscribeResponse(ch, u))
                        .isEqualTo(MvStatus.OKAY);
                rule("SUB-RESP-4", "every code written")
                        .assertThat(u.reasonCodesLen().get())
                        .isEqualTo(topics);
            }
        }
    }

    @TargetTest
    @Asserts("SUB-ONE-1")
    void aSecondSubscribeIsRefusedOrAnsweredAfterTheFirst(TckTarget target) {
        try (Firmware fw = Firmware.start(target)) {
            int ch = fw.connected(target);
            assertThat(fw.mv()
                            .mvMqttRequestSubscribe(
                                    ch,
                                    MvMqttSubscribeRequest.of(1, MvMqttSubscription.of(target.uniqueTopic("one"), 0))))
                    .isEqualTo(MvStatus.OKAY);
            MvStatus second = fw.mv()
                    .mvMqttRequestSubscribe(
                            ch, MvMqttSubscribeRequest.of(2, MvMqttSubscription.of(target.uniqueTopic("two"), 0)));
            rule("SUB-ONE-1", "a subscribe while one is in flight")
                    .assertThat(second)
                    .isIn(MvStatus.OKAY, MvStatus.RATELIMITED);
            rule("SUB-ONE-1", "the first subscribe is answered first")
                    .assertThat(Messaging.readSubscribe(fw, ch).correlationId().get())
                    .isEqualTo(1);
            if (second == MvStatus.OKAY) {
                rule("SUB-ONE-1", "then the second")
                        .assertThat(
                                Messaging.readSubscribe(fw, ch).correlationId().get())
                        .isEqualTo(2);
            }
        }
    }

    @TargetTest
    @Asserts({"SUB-DELIV-1", "READ-MSG-1"})
    void subscribedTopicDeliversObserverPublishes(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int ch = fw.connected(target);
            String topic = target.uniqueTopic("deliver");
            fw.subscribed(ch, topic, 1);
            observer.publish(topic, utf8("hello device"), 1, false);
            fw.awaitReadable(ch, MvMqttReadableDataType.MESSAGERECEIVED);
            MvMqttMessage m = MvMqttMessage.allocate(256, 256);
            rule("READ-MSG-1", "mvMqttReceiveMessage of a waiting message")
                    .assertThat(fw.mv().mvMqttReceiveMessage(ch, m))
                    .isEqualTo(MvStatus.OKAY);
            rule("SUB-DELIV-1", "delivered topic").assertThat(topic(m)).isEqualTo(topic);
            rule("SUB-DELIV-1", "delivered payload").assertThat(payload(m)).isEqualTo(utf8("hello device"));
            fw.mv().mvMqttAcknowledgeMessage(ch, m.correlationId().get());
        }
    }

    @TargetTest
    @Asserts("SUB-RESP-2")
    void emptyReasonCodeBufferIsInvalidBufferSize(TckTarget target) {
        try (Firmware fw = Firmware.start(target)) {
            int ch = fw.connected(target);
            assertThat(fw.mv()
                            .mvMqttRequestSubscribe(
                                    ch,
                                    MvMqttSubscribeRequest.of(
                                            1,
                                            MvMqttSubscription.of(target.uniqueTopic("a"), 0),
                                            MvMqttSubscription.of(target.uniqueTopic("b"), 1))))
                    .isEqualTo(MvStatus.OKAY);
            fw.awaitReadable(ch, MvMqttReadableDataType.SUBSCRIBERESPONSE);
            // Below the topic count whether the size counts codes or bytes: too small under both readings.
            for (int size : new int[] {0, 1}) {
                MvMqttSubscribeResponse small = new MvMqttSubscribeResponse(
                        new U32Ref(-1), new U32Ref(-1), ByteBuffer.allocate(8), size, new U32Ref(-1));
                rule("SUB-RESP-2", "reason_codes_size %d for 2 topics", size)
                        .assertThat(fw.mv().mvMqttReadSubscribeResponse(ch, small))
                        .isEqualTo(MvStatus.INVALIDBUFFERSIZE);
            }
        }
    }

    @TargetTest
    @Asserts("SUB-REF-2")
    void reasonCodesSizeCountsCodesAndTooSmallConsumesNothing(TckTarget target) {
        try (Firmware fw = Firmware.start(target)) {
            int ch = fw.connected(target);
            assertThat(fw.mv()
                            .mvMqttRequestSubscribe(
                                    ch,
                                    MvMqttSubscribeRequest.of(
                                            0x33,
                                            MvMqttSubscription.of(target.uniqueTopic("a"), 0),
                                            MvMqttSubscription.of(target.uniqueTopic("b"), 1),
                                            MvMqttSubscription.of(target.uniqueTopic("c"), 1))))
                    .isEqualTo(MvStatus.OKAY);
            fw.awaitReadable(ch, MvMqttReadableDataType.SUBSCRIBERESPONSE);
            // The memory holds 3 codes every time; only the declared count is too small.
            for (int size : new int[] {0, 1, 2}) {
                MvMqttSubscribeResponse small = new MvMqttSubscribeResponse(
                        new U32Ref(-1), new U32Ref(-1), ByteBuffer.allocate(12), size, new U32Ref(-1));
                rule("SUB-REF-2", "reason_codes_size %d codes < 3 topics", size)
                        .assertThat(fw.mv().mvMqttReadSubscribeResponse(ch, small))
                        .isEqualTo(MvStatus.INVALIDBUFFERSIZE);
                rule("SUB-REF-2", "nothing written (request_state)")
                        .assertThat(small.requestState().get())
                        .isEqualTo(-1);
                rule("SUB-REF-2", "nothing written (reason_codes_len)")
                        .assertThat(small.reasonCodesLen().get())
                        .isEqualTo(-1);
                rule("SUB-REF-2", "the response is not consumed")
                        .assertThat(fw.nextReadable(ch))
                        .isEqualTo(MvMqttReadableDataType.SUBSCRIBERESPONSE);
            }
            MvMqttSubscribeResponse exact = new MvMqttSubscribeResponse(
                    new U32Ref(-1), new U32Ref(-1), ByteBuffer.allocate(12), 3, new U32Ref(-1));
            rule("SUB-REF-2", "reason_codes_size 3 holds 3 codes")
                    .assertThat(fw.mv().mvMqttReadSubscribeResponse(ch, exact))
                    .isEqualTo(MvStatus.OKAY);
            rule("SUB-REF-2", "the retry reads the response")
                    .assertThat(exact.correlationId().get())
                    .isEqualTo(0x33);
            rule("SUB-REF-2", "the retry reads every code")
                    .assertThat(codes(exact.writtenReasonCodes()))
                    .containsExactly(0, 0, 0);
            rule("SUB-REF-2", "the response read is consumed")
                    .assertThat(fw.nextReadable(ch))
                    .isEqualTo(MvMqttReadableDataType.NONE);
            // The header's reading, bytes: 12 for 3 codes is a larger count and is served too.
            assertThat(fw.mv()
                            .mvMqttRequestSubscribe(
                                    ch,
                                    MvMqttSubscribeRequest.of(
                                            0x34,
                                            MvMqttSubscription.of(target.uniqueTopic("d"), 0),
                                            MvMqttSubscription.of(target.uniqueTopic("e"), 1),
                                            MvMqttSubscription.of(target.uniqueTopic("f"), 1))))
                    .isEqualTo(MvStatus.OKAY);
            fw.awaitReadable(ch, MvMqttReadableDataType.SUBSCRIBERESPONSE);
            MvMqttSubscribeResponse bytes = new MvMqttSubscribeResponse(
                    new U32Ref(-1), new U32Ref(-1), ByteBuffer.allocate(12), 12, new U32Ref(-1));
            rule("SUB-REF-2", "reason_codes_size 12 (bytes) for 3 codes")
                    .assertThat(fw.mv().mvMqttReadSubscribeResponse(ch, bytes))
                    .isEqualTo(MvStatus.OKAY);
            rule("SUB-REF-2").assertThat(bytes.reasonCodesLen().get()).isEqualTo(3);
        }
    }

    @TargetTest
    @Asserts("LIMIT-REF-2")
    void secondSubscribeWhileOneIsInFlightIsRateLimited(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int ch = fw.connected(target);
            String first = target.uniqueTopic("first");
            String second = target.uniqueTopic("second");
            assertThat(fw.mv()
                            .mvMqttRequestSubscribe(ch, MvMqttSubscribeRequest.of(1, MvMqttSubscription.of(first, 0))))
                    .isEqualTo(MvStatus.OKAY);
            rule("LIMIT-REF-2", "a subscribe while one is in flight (its response unread)")
                    .assertThat(fw.mv()
                            .mvMqttRequestSubscribe(ch, MvMqttSubscribeRequest.of(2, MvMqttSubscription.of(second, 0))))
                    .isEqualTo(MvStatus.RATELIMITED);
            MvMqttSubscribeResponse r = Messaging.readSubscribe(fw, ch);
            rule("LIMIT-REF-2", "the response answers the accepted subscribe")
                    .assertThat(r.correlationId().get())
                    .isEqualTo(1);
            // The refused subscribe reached nothing: a publish on its topic is not delivered.
            observer.publish(second, utf8("not subscribed"), 0, false);
            observer.publish(first, utf8("subscribed"), 0, false);
            MvMqttMessage m = fw.receive(ch);
            rule("LIMIT-REF-2", "the refused subscribe was not sent; only the first topic delivers")
                    .assertThat(topic(m))
                    .isEqualTo(first);
            // Once the response is read, the next subscribe is accepted.
            rule("LIMIT-REF-2", "subscribe after the first response was read")
                    .assertThat(fw.mv()
                            .mvMqttRequestSubscribe(ch, MvMqttSubscribeRequest.of(3, MvMqttSubscription.of(second, 0))))
                    .isEqualTo(MvStatus.OKAY);
            rule("LIMIT-REF-2")
                    .assertThat(Messaging.readSubscribe(fw, ch).correlationId().get())
                    .isEqualTo(3);
        }
    }

    @TargetTest(versions = MqttVersion.V5)
    @Asserts("SUB-OPTS-1")
    void noLocalAndRetainHandlingAreSentOnMqtt5(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int ch = fw.connected(target);
            String own = target.uniqueTopic("nl");
            String retained = target.uniqueTopic("rh2");
            String control = target.uniqueTopic("rh0");
            observer.subscribe(own, 1);
            observer.publish(retained, utf8("retained-rh2"), 1, true);
            observer.publish(control, utf8("retained-rh0"), 1, true);
            MvMqttSubscribeResponse r = fw.subscribe(
                    ch,
                    MvMqttSubscribeRequest.of(
                            5,
                            new MvMqttSubscription(MvSizedString.of(own), 1, 1, 0, 0),
                            new MvMqttSubscription(MvSizedString.of(retained), 1, 0, 0, 2)));
            assertThat(r.state()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            Messaging.readPublishOk(fw, ch, 9, own, utf8("own publication"));
            observer.awaitMessages(
                    1, target.timeout(Firmware.ANSWER_TIMEOUT), m -> m.topic().equals(own));
            Messaging.assertNothingReadableWithin(
                    fw,
                    ch,
                    target.quietWindow(),
                    rule(
                            "SUB-OPTS-1",
                            "with nl 1 the device's own publication is not delivered; with rh 2 no retained message is sent"));
            // Control: the same retained setup with rh 0 does deliver.
            Messaging.SubscribeResult sr = Messaging.subscribeWithMessages(
                    fw, ch, MvMqttSubscribeRequest.of(6, MvMqttSubscription.of(control, 1)), 1);
            rule("SUB-OPTS-1", "control: rh 0 delivers the retained message")
                    .assertThat(topic(sr.messages().get(0)))
                    .isEqualTo(control);
            observer.clearRetained(retained);
            observer.clearRetained(control);
        }
    }

    @TargetTest(versions = MqttVersion.V3_1_1)
    @Asserts("SUB-REF-3")
    void subscriptionOptionsAreIgnoredOnMqtt311(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int ch = fw.connected(target);
            String own = target.uniqueTopic("nl");
            String retained = target.uniqueTopic("rh");
            observer.publish(retained, utf8("retained"), 1, true);
            Messaging.SubscribeResult sr = Messaging.subscribeWithMessages(
                    fw,
                    ch,
                    MvMqttSubscribeRequest.of(
                            5,
                            new MvMqttSubscription(MvSizedString.of(own), 0, 1, 1, 2),
                            new MvMqttSubscription(MvSizedString.of(retained), 0, 7, 9, 5)),
                    1);
            MvMqttSubscribeResponse r = sr.response();
            rule("SUB-REF-3", "nl/rap/rh of any value are ignored on 3.1.1")
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            rule("SUB-REF-3").assertThat(codes(r.writtenReasonCodes())).containsExactly(0, 0);
            rule("SUB-REF-3", "rh ignored: the retained message is sent")
                    .assertThat(topic(sr.messages().get(0)))
                    .isEqualTo(retained);
            MvMqttMessage self = Messaging.publishAndReadEcho(fw, ch, 9, own, utf8("own publication"));
            rule("SUB-REF-3", "nl ignored: the device receives its own publication")
                    .assertThat(topic(self))
                    .isEqualTo(own);
            observer.clearRetained(retained);
        }
    }

    @TargetTest(versions = MqttVersion.V5)
    @Asserts("SUB-REF-4")
    void invalidOptionsOnMqtt5AreInvalidParametersAndNotSent(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int ch = fw.connected(target);
            int[][] options = {{2, 0, 0}, {0, 2, 0}, {0, 0, 3}};
            List<String> topics = new ArrayList<>();
            for (int i = 0; i < options.length; i++) {
                String t = target.uniqueTopic("opt" + i);
                topics.add(t);
                MvMqttSubscribeResponse r = fw.subscribe(
                        ch,
                        MvMqttSubscribeRequest.of(
                                i,
                                new MvMqttSubscription(
                                        MvSizedString.of(t), 0, options[i][0], options[i][1], options[i][2])));
                rule("SUB-REF-4", "nl=%d rap=%d rh=%d", options[i][0], options[i][1], options[i][2])
                        .assertThat(r.state())
                        .isEqualTo(MvMqttRequestState.INVALIDPARAMETERS);
                rule("SUB-REF-4").assertThat(r.reasonCodesLen().get()).isZero();
            }
            for (String t : topics) {
                observer.publish(t, utf8("nobody subscribed"), 0, false);
            }
            Messaging.assertNothingReadableWithin(
                    fw, ch, target.quietWindow(), rule("SUB-REF-4", "nothing was sent to the broker"));
        }
    }
}
