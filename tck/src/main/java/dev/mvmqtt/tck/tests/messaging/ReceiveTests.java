package dev.mvmqtt.tck.tests.messaging;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.tests.messaging.Messaging.payload;
import static dev.mvmqtt.tck.tests.messaging.Messaging.topic;
import static dev.mvmqtt.tck.tests.messaging.Messaging.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.MvSizedStringBuffer;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttDisconnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttLostMessageInfo;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscription;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeResponse;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.RuleCheck;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TargetTest;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;
import dev.mvmqtt.tck.target.BrokerFamily;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** mvMqttReceiveMessage and the read calls around it. */
class ReceiveTests {

    @TargetTest
    @Asserts({"RECV-MSG-1", "RECV-QOS-1", "READ-MSG-1", "READ-CONSUME-1"})
    void receiveWritesTopicPayloadQosAndRetain(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int ch = fw.connected(target);
            String topic = target.uniqueTopic("recv/\u00df\u03a9\u4e2d\ud83d\ude00");
            String downgraded = target.uniqueTopic("recv/sub0");
            fw.subscribed(ch, topic, 1);
            fw.subscribed(ch, downgraded, 0);
            byte[] p0 = PublishTests.allBytes();
            byte[] p1 = utf8("\u20ac uno \u0000 dos");
            observer.publish(topic, p0, 0, false);
            observer.publish(topic, p1, 1, false);
            observer.publish(downgraded, utf8("down"), 1, false);
            // QoS 0 and QoS 1 are not ordered relative to each other: identify the three by payload.
            // Some brokers (HiveMQ) send nothing more while a QoS 1 message is unacknowledged: acknowledge on receipt.
            List<MvMqttMessage> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                MvMqttMessage m = fw.receive(ch);
                got.add(m);
                if (m.qos().get() == 1) {
                    assertThat(fw.mv()
                                    .mvMqttAcknowledgeMessage(
                                            ch, m.correlationId().get()))
                            .isEqualTo(MvStatus.OKAY);
                }
            }
            MvMqttMessage m0 = got.stream()
                    .filter(m -> payload(m).length == 256)
                    .findFirst()
                    .orElseThrow();
            MvMqttMessage m1 = got.stream()
                    .filter(m -> Arrays.equals(payload(m), p1))
                    .findFirst()
                    .orElseThrow();
            MvMqttMessage m2 = got.stream()
                    .filter(m -> topic(m).equals(downgraded))
                    .findFirst()
                    .orElseThrow();
            rule(
                            "RECV-MSG-1",
                            "QoS 0 message: topic bytes (UTF-8, multi-byte), binary payload, retain flag of a live message")
                    .assertThat(m0)
                    .hasTopic(topic)
                    .hasPayload(p0)
                    .isNotRetained();
            rule("RECV-MSG-1", "topic length cell")
                    .assertThat(m0.topic().length().get())
                    .isEqualTo(utf8(topic).length);
            rule("RECV-MSG-1", "payload length cell")
                    .assertThat(m0.payload().length().get())
                    .isEqualTo(256);
            rule("RECV-QOS-1", "delivered at QoS 0").assertThat(m0).hasQos(0);
            rule("RECV-MSG-1", "QoS 1 message: topic, payload with a NUL byte")
                    .assertThat(m1)
                    .hasTopic(topic)
                    .hasPayload(p1);
            rule("RECV-QOS-1", "delivered at QoS 1").assertThat(m1).hasQos(1);
            rule("RECV-MSG-1", "the message on the QoS 0 subscription")
                    .assertThat(m2)
                    .hasTopic(downgraded)
                    .hasPayload(utf8("down"));
            rule("RECV-QOS-1", "a QoS 1 publish on a QoS 0 subscription is delivered at QoS 0")
                    .assertThat(m2)
                    .hasQos(0);
            rule("READ-CONSUME-1", "each message read once, then NONE")
                    .assertThat(fw.nextReadable(ch))
                    .isEqualTo(MvMqttReadableDataType.NONE);
        }
    }

    @TargetTest
    @Asserts("RECV-RETAIN-1")
    void retainFlagMarksTheRetainedMessageOnSubscribing(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int ch = fw.connected(target);
            String topic = target.uniqueTopic("retain");
            observer.publish(topic, utf8("retained"), 1, true);
            // The retained message may become readable before the subscribe response: read both in any order.
            Messaging.SubscribeResult sr = Messaging.subscribeWithMessages(
                    fw, ch, MvMqttSubscribeRequest.of(1, MvMqttSubscription.of(topic, 1)), 1);
            assertThat(sr.response().state()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            MvMqttMessage r = sr.messages().get(0);
            rule("RECV-RETAIN-1").assertThat(payload(r)).isEqualTo(utf8("retained"));
            rule("RECV-RETAIN-1", "retained message delivered on subscribing")
                    .assertThat(r.retain().get())
                    .isNotZero();
            observer.publish(topic, utf8("live"), 1, false);
            MvMqttMessage live = fw.receive(ch);
            rule("RECV-RETAIN-1").assertThat(payload(live)).isEqualTo(utf8("live"));
            rule("RECV-RETAIN-1", "message published without retain")
                    .assertThat(live.retain().get())
                    .isZero();
            fw.mv().mvMqttAcknowledgeMessage(ch, live.correlationId().get());
            observer.clearRetained(topic);
        }
    }

    @TargetTest
    @Asserts("READ-REF-4")
    void aRetainedMessageIsReadableAfterItsSubscribeResponse(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int ch = fw.connected(target);
            String topic = target.uniqueTopic("retain-order");
            // QoS 1: the publish returns once the broker has acknowledged it, so the retained message is
            // stored before the device subscribes (at QoS 0 it could still be in flight and arrive live).
            observer.publish(topic, utf8("kept"), 1, true);
            try {
                assertThat(fw.mv()
                                .mvMqttRequestSubscribe(
                                        ch, MvMqttSubscribeRequest.of(4, MvMqttSubscription.of(topic, 0))))
                        .isEqualTo(MvStatus.OKAY);
                // the first item to become readable (a record may still be on its way for the connect response)
                rule("READ-REF-4", "the subscribe response comes before the retained message")
                        .assertThat(fw.awaitAnyReadable(ch))
                        .isEqualTo(MvMqttReadableDataType.SUBSCRIBERESPONSE);
                assertThat(fw.mv().mvMqttReadSubscribeResponse(ch, MvMqttSubscribeResponse.withRoomFor(1)))
                        .isEqualTo(MvStatus.OKAY);
                MvMqttMessage retained = fw.receive(ch);
                rule("READ-REF-4").assertThat(payload(retained)).isEqualTo(utf8("kept"));
                rule("READ-REF-4", "the message that follows is the retained one")
                        .assertThat(retained.retain().get())
                        .isNotZero();
            } finally {
                observer.clearRetained(topic);
            }
        }
    }

    @TargetTest
    @Asserts("RECV-SIZE-1")
    void tooSmallTopicOrPayloadBufferIsInvalidBufferSize(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int ch = fw.connected(target);
            String topic = target.uniqueTopic("small");
            byte[] payload = utf8("twenty bytes payload");
            fw.subscribed(ch, topic, 0);
            int tlen = utf8(topic).length;
            observer.publish(topic, payload, 0, false);
            fw.awaitReadable(ch, MvMqttReadableDataType.MESSAGERECEIVED);
            rule("RECV-SIZE-1", "topic buffer one byte short")
                    .assertThat(fw.mv().mvMqttReceiveMessage(ch, MvMqttMessage.allocate(tlen - 1, 256)))
                    .isEqualTo(MvStatus.INVALIDBUFFERSIZE);
            drainMessages(fw, ch);
            observer.publish(topic, payload, 0, false);
            fw.awaitReadable(ch, MvMqttReadableDataType.MESSAGERECEIVED);
            rule("RECV-SIZE-1", "payload buffer one byte short")
                    .assertThat(fw.mv().mvMqttReceiveMessage(ch, MvMqttMessage.allocate(256, payload.length - 1)))
                    .isEqualTo(MvStatus.INVALIDBUFFERSIZE);
        }
    }

    private static void drainMessages(Firmware fw, int ch) {
        while (fw.nextReadable(ch).equals(MvMqttReadableDataType.MESSAGERECEIVED)) {
            assertThat(fw.mv().mvMqttReceiveMessage(ch, MvMqttMessage.allocate(1024, 4096)))
                    .isEqualTo(MvStatus.OKAY);
        }
    }

    private static MvMqttMessage sentinel(int topicSize, int payloadSize) {
        byte[] t = new byte[topicSize];
        byte[] p = new byte[payloadSize];
        Arrays.fill(t, (byte) 0x5A);
        Arrays.fill(p, (byte) 0xA5);
        return new MvMqttMessage(
                new U32Ref(-7),
                new MvSizedStringBuffer(ByteBuffer.wrap(t), topicSize, new U32Ref(-7)),
                new MvSizedStringBuffer(ByteBuffer.wrap(p), payloadSize, new U32Ref(-7)),
                new U32Ref(-7),
                new U32Ref(-7));
    }

    private static void assertUntouched(MvMqttMessage m, RuleCheck rule) {
        rule.with("correlation cell not written")
                .assertThat(m.correlationId().get())
                .isEqualTo(-7);
        rule.with("qos cell not written").assertThat(m.qos().get()).isEqualTo(-7);
        rule.with("retain cell not written").assertThat(m.retain().get()).isEqualTo(-7);
        rule.with("topic length not written")
                .assertThat(m.topic().length().get())
                .isEqualTo(-7);
        rule.with("payload length not written")
                .assertThat(m.payload().length().get())
                .isEqualTo(-7);
        for (int i = 0; i < m.topic().size(); i++) {
            rule.with("topic buffer byte %d not written", i)
                    .assertThat(m.topic().data().get(i))
                    .isEqualTo((byte) 0x5A);
        }
        for (int i = 0; i < m.payload().size(); i++) {
            rule.with("payload buffer byte %d not written", i)
                    .assertThat(m.payload().data().get(i))
                    .isEqualTo((byte) 0xA5);
        }
    }

    @TargetTest
    @Asserts("RECV-REF-1")
    void afterInvalidBufferSizeNothingIsWrittenAndTheMessageStaysPending(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int ch = fw.connected(target);
            String topic = target.uniqueTopic("pending");
            byte[] payload = utf8("exactly this payload");
            fw.subscribed(ch, topic, 1);
            int tlen = utf8(topic).length;
            observer.publish(topic, payload, 1, false);
            fw.awaitReadable(ch, MvMqttReadableDataType.MESSAGERECEIVED);
            MvMqttMessage shortTopic = sentinel(tlen - 1, 512);
            rule("RECV-REF-1")
                    .assertThat(fw.mv().mvMqttReceiveMessage(ch, shortTopic))
                    .isEqualTo(MvStatus.INVALIDBUFFERSIZE);
            assertUntouched(shortTopic, rule("RECV-REF-1", "topic too small"));
            rule("RECV-REF-1", "still pending")
                    .assertThat(fw.nextReadable(ch))
                    .isEqualTo(MvMqttReadableDataType.MESSAGERECEIVED);
            MvMqttMessage shortPayload = sentinel(512, payload.length - 1);
            rule("RECV-REF-1")
                    .assertThat(fw.mv().mvMqttReceiveMessage(ch, shortPayload))
                    .isEqualTo(MvStatus.INVALIDBUFFERSIZE);
            assertUntouched(shortPayload, rule("RECV-REF-1", "payload too small"));
            rule("RECV-REF-1", "still pending")
                    .assertThat(fw.nextReadable(ch))
                    .isEqualTo(MvMqttReadableDataType.MESSAGERECEIVED);
            MvMqttMessage exact = sentinel(tlen, payload.length);
            rule("RECV-REF-1", "buffers of exactly the right size")
                    .assertThat(fw.mv().mvMqttReceiveMessage(ch, exact))
                    .isEqualTo(MvStatus.OKAY);
            rule("RECV-REF-1").assertThat(topic(exact)).isEqualTo(topic);
            rule("RECV-REF-1").assertThat(payload(exact)).isEqualTo(payload);
            rule("RECV-REF-1").assertThat(exact.qos().get()).isEqualTo(1);
            rule("RECV-REF-1").assertThat(fw.nextReadable(ch)).isEqualTo(MvMqttReadableDataType.NONE);
            fw.mv().mvMqttAcknowledgeMessage(ch, exact.correlationId().get());
        }
    }

    /**
     * Needs several QoS 1 messages unacknowledged at once. HiveMQ CE sends a client nothing further while one QoS 1
     * message is unacknowledged, so there the set of unacknowledged messages never exceeds one; the rule is checked on
     * Mosquitto (and by the channel model on every broker, one message at a time).
     */
    @TargetTest(brokers = BrokerFamily.MOSQUITTO)
    @Asserts("RECV-REF-2")
    void correlationIdsAreUniqueAmongUnacknowledgedMessages(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int ch = fw.connected(target);
            String topic = target.uniqueTopic("ids");
            fw.subscribed(ch, topic, 1);
            Set<Integer> unacknowledged = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                observer.publish(topic, utf8("m" + i), 1, false);
            }
            for (int i = 0; i < 6; i++) {
                MvMqttMessage m = fw.receive(ch);
                rule(
                                "RECV-REF-2",
                                "correlation id %s unique among unacknowledged messages %s",
                                m.correlationId(),
                                unacknowledged)
                        .assertThat(unacknowledged.add(m.correlationId().get()))
                        .isTrue();
            }
            // Acknowledge half, receive more: still unique among those not acknowledged.
            Integer[] held = unacknowledged.toArray(Integer[]::new);
            for (int i = 0; i < 3; i++) {
                assertThat(fw.mv().mvMqttAcknowledgeMessage(ch, held[i])).isEqualTo(MvStatus.OKAY);
                unacknowledged.remove(held[i]);
            }
            for (int i = 0; i < 4; i++) {
                observer.publish(topic, utf8("n" + i), 1, false);
            }
            for (int i = 0; i < 4; i++) {
                MvMqttMessage m = fw.receive(ch);
                rule("RECV-REF-2", "id %s unique among unacknowledged %s", m.correlationId(), unacknowledged)
                        .assertThat(unacknowledged.add(m.correlationId().get()))
                        .isTrue();
            }
            for (int id : unacknowledged) {
                fw.mv().mvMqttAcknowledgeMessage(ch, id);
            }
        }
    }

    @TargetTest
    @Asserts({"READ-REF-1", "READ-REF-2", "READ-REF-3", "READ-CONSUME-1"})
    void wrongTypeReadsConsumeNothingAndEmptyChannelAnswersResponseNotPresent(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int ch = fw.connected(target);
            String topic = target.uniqueTopic("wrong");
            fw.subscribed(ch, topic, 0);
            observer.publish(topic, utf8("waiting"), 0, false);
            fw.awaitReadable(ch, MvMqttReadableDataType.MESSAGERECEIVED);
            MvMqttPublishResponse pub = new MvMqttPublishResponse();
            MvMqttConnectResponse con = new MvMqttConnectResponse();
            MvMqttDisconnectResponse dis = new MvMqttDisconnectResponse();
            MvMqttSubscribeResponse sub = MvMqttSubscribeResponse.withRoomFor(8);
            MvMqttUnsubscribeResponse unsub = MvMqttUnsubscribeResponse.withRoomFor(8);
            MvMqttLostMessageInfo lost = MvMqttLostMessageInfo.allocate(256);
            rule("READ-REF-1", "publish read with a message next")
                    .assertThat(fw.mv().mvMqttReadPublishResponse(ch, pub))
                    .isEqualTo(MvStatus.WRONGDATAREQUESTED);
            rule("READ-REF-1", "connect read")
                    .assertThat(fw.mv().mvMqttReadConnectResponse(ch, con))
                    .isEqualTo(MvStatus.WRONGDATAREQUESTED);
            rule("READ-REF-1", "disconnect read")
                    .assertThat(fw.mv().mvMqttReadDisconnectResponse(ch, dis))
                    .isEqualTo(MvStatus.WRONGDATAREQUESTED);
            rule("READ-REF-1", "subscribe read")
                    .assertThat(fw.mv().mvMqttReadSubscribeResponse(ch, sub))
                    .isEqualTo(MvStatus.WRONGDATAREQUESTED);
            rule("READ-REF-1", "unsubscribe read")
                    .assertThat(fw.mv().mvMqttReadUnsubscribeResponse(ch, unsub))
                    .isEqualTo(MvStatus.WRONGDATAREQUESTED);
            rule("READ-REF-1", "lost-message read")
                    .assertThat(fw.mv().mvMqttReceiveLostMessageInfo(ch, lost))
                    .isEqualTo(MvStatus.WRONGDATAREQUESTED);
            rule("READ-REF-1", "nothing written").assertThat(pub.requestState).isEqualTo(-1);
            rule("READ-REF-1", "nothing written")
                    .assertThat(sub.requestState().get())
                    .isEqualTo(-1);
            rule("READ-REF-1", "nothing consumed")
                    .assertThat(fw.nextReadable(ch))
                    .isEqualTo(MvMqttReadableDataType.MESSAGERECEIVED);
            MvMqttMessage m = fw.receive(ch);
            rule("READ-REF-1", "the message is still the next item after the wrong reads")
                    .assertThat(m)
                    .hasPayload(utf8("waiting"));
            // A publish response waiting: a message read is the wrong type.
            assertThat(Messaging.requestPublish(fw, ch, 77, target.uniqueTopic("p"), utf8("p"), 0, false))
                    .isEqualTo(MvStatus.OKAY);
            fw.awaitReadable(ch, MvMqttReadableDataType.PUBLISHRESPONSE);
            rule("READ-REF-1", "message read with a publish response next")
                    .assertThat(fw.mv().mvMqttReceiveMessage(ch, MvMqttMessage.allocate(256, 256)))
                    .isEqualTo(MvStatus.WRONGDATAREQUESTED);
            rule("READ-REF-1", "the response was not consumed")
                    .assertThat(Messaging.readPublish(fw, ch).correlationId)
                    .isEqualTo(77);
            // Nothing waiting.
            U32Ref type = new U32Ref(-1);
            rule("READ-REF-3", "next type with nothing waiting")
                    .assertThat(fw.mv().mvMqttGetNextReadableDataType(ch, type))
                    .isEqualTo(MvStatus.OKAY);
            rule("READ-REF-3", "NONE").assertThat(type.get()).isEqualTo(MvMqttReadableDataType.NONE.code());
            rule("READ-REF-2")
                    .assertThat(fw.mv().mvMqttReadPublishResponse(ch, new MvMqttPublishResponse()))
                    .isEqualTo(MvStatus.RESPONSENOTPRESENT);
            rule("READ-REF-2")
                    .assertThat(fw.mv().mvMqttReadConnectResponse(ch, new MvMqttConnectResponse()))
                    .isEqualTo(MvStatus.RESPONSENOTPRESENT);
            rule("READ-REF-2")
                    .assertThat(fw.mv().mvMqttReadDisconnectResponse(ch, new MvMqttDisconnectResponse()))
                    .isEqualTo(MvStatus.RESPONSENOTPRESENT);
            rule("READ-REF-2")
                    .assertThat(fw.mv().mvMqttReadSubscribeResponse(ch, MvMqttSubscribeResponse.withRoomFor(8)))
                    .isEqualTo(MvStatus.RESPONSENOTPRESENT);
            rule("READ-REF-2")
                    .assertThat(fw.mv().mvMqttReadUnsubscribeResponse(ch, MvMqttUnsubscribeResponse.withRoomFor(8)))
                    .isEqualTo(MvStatus.RESPONSENOTPRESENT);
            rule("READ-REF-2")
                    .assertThat(fw.mv().mvMqttReceiveMessage(ch, MvMqttMessage.allocate(256, 256)))
                    .isEqualTo(MvStatus.RESPONSENOTPRESENT);
            rule("READ-REF-2")
                    .assertThat(fw.mv().mvMqttReceiveLostMessageInfo(ch, MvMqttLostMessageInfo.allocate(256)))
                    .isEqualTo(MvStatus.RESPONSENOTPRESENT);
        }
    }
}
