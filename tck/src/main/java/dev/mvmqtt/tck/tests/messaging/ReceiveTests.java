package dev.mvmqtt.tck.tests.messaging;

import static dev.mvmqtt.tck.tests.messaging.Messaging.payload;
import static dev.mvmqtt.tck.tests.messaging.Messaging.topic;
import static dev.mvmqtt.tck.tests.messaging.Messaging.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.MvSizedStringBuffer;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvEventType;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttDisconnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttLostMessageInfo;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscription;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeResponse;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.target.BrokerFamily;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TargetTest;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** mvMqttReceiveMessage and the read calls around it. */
class ReceiveTests {

    @TargetTest
    @Asserts({"RECV-MSG-1", "RECV-QOS-1", "READ-MSG-1", "READ-CONSUME-1"})
    void receiveWritesTopicPayloadQosAndRetain(TckTarget target) {
        try (Firmware fw = Firmware.start(target); Observer observer = target.observer()) {
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
                    assertThat(fw.mv().mvMqttAcknowledgeMessage(ch, m.correlationId().get())).isEqualTo(MvStatus.OKAY);
                }
            }
            MvMqttMessage m0 = got.stream().filter(m -> payload(m).length == 256).findFirst().orElseThrow();
            MvMqttMessage m1 = got.stream().filter(m -> Arrays.equals(payload(m), p1)).findFirst().orElseThrow();
            MvMqttMessage m2 = got.stream().filter(m -> topic(m).equals(downgraded)).findFirst().orElseThrow();
            assertThat(topic(m0)).as("RECV-MSG-1: topic bytes (UTF-8, multi-byte)").isEqualTo(topic);
            assertThat(m0.topic().length().get()).as("RECV-MSG-1: topic length cell").isEqualTo(utf8(topic).length);
            assertThat(payload(m0)).as("RECV-MSG-1: binary payload byte for byte").isEqualTo(p0);
            assertThat(m0.payload().length().get()).as("RECV-MSG-1: payload length cell").isEqualTo(256);
            assertThat(m0.qos().get()).as("RECV-QOS-1: delivered at QoS 0").isZero();
            assertThat(m0.retain().get()).as("RECV-MSG-1: retain flag of a live message").isZero();
            assertThat(topic(m1)).isEqualTo(topic);
            assertThat(payload(m1)).as("RECV-MSG-1: payload with a NUL byte").isEqualTo(p1);
            assertThat(m1.qos().get()).as("RECV-QOS-1: delivered at QoS 1").isEqualTo(1);
            assertThat(payload(m2)).isEqualTo(utf8("down"));
            assertThat(m2.qos().get()).as("RECV-QOS-1: a QoS 1 publish on a QoS 0 subscription is delivered at QoS 0").isZero();
            assertThat(fw.nextReadable(ch)).as("READ-CONSUME-1: each message read once, then NONE").isEqualTo(MvMqttReadableDataType.NONE);
        }
    }

    @TargetTest
    @Asserts("RECV-RETAIN-1")
    void retainFlagMarksTheRetainedMessageOnSubscribing(TckTarget target) {
        try (Firmware fw = Firmware.start(target); Observer observer = target.observer()) {
            int ch = fw.connected(target);
            String topic = target.uniqueTopic("retain");
            observer.publish(topic, utf8("retained"), 1, true);
            // The retained message may become readable before the subscribe response: read both in any order.
            Messaging.SubscribeResult sr = Messaging.subscribeWithMessages(fw, ch, MvMqttSubscribeRequest.of(1, MvMqttSubscription.of(topic, 1)), 1);
            assertThat(sr.response().state()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            MvMqttMessage r = sr.messages().get(0);
            assertThat(payload(r)).isEqualTo(utf8("retained"));
            assertThat(r.retain().get()).as("RECV-RETAIN-1: retained message delivered on subscribing").isNotZero();
            observer.publish(topic, utf8("live"), 1, false);
            MvMqttMessage live = fw.receive(ch);
            assertThat(payload(live)).isEqualTo(utf8("live"));
            assertThat(live.retain().get()).as("RECV-RETAIN-1: message published without retain").isZero();
            fw.mv().mvMqttAcknowledgeMessage(ch, live.correlationId().get());
            observer.clearRetained(topic);
        }
    }

    @TargetTest
    @Asserts("READ-REF-4")
    void aRetainedMessageIsReadableAfterItsSubscribeResponse(TckTarget target) {
        try (Firmware fw = Firmware.start(target); Observer observer = target.observer()) {
            int ch = fw.connected(target);
            String topic = target.uniqueTopic("retain-order");
            // QoS 1: the publish returns once the broker has acknowledged it, so the retained message is
            // stored before the device subscribes (at QoS 0 it could still be in flight and arrive live).
            observer.publish(topic, utf8("kept"), 1, true);
            try {
                assertThat(fw.mv().mvMqttRequestSubscribe(ch, MvMqttSubscribeRequest.of(4, MvMqttSubscription.of(topic, 0))))
                        .isEqualTo(MvStatus.OKAY);
                fw.awaitRecord(MvEventType.CHANNELDATAREADABLE);
                assertThat(fw.nextReadable(ch)).as("READ-REF-4: the subscribe response comes before the retained message")
                        .isEqualTo(MvMqttReadableDataType.SUBSCRIBERESPONSE);
                assertThat(fw.mv().mvMqttReadSubscribeResponse(ch, MvMqttSubscribeResponse.withRoomFor(1))).isEqualTo(MvStatus.OKAY);
                MvMqttMessage retained = fw.receive(ch);
                assertThat(payload(retained)).isEqualTo(utf8("kept"));
                assertThat(retained.retain().get()).as("READ-REF-4: the message that follows is the retained one").isNotZero();
            } finally {
                observer.clearRetained(topic);
            }
        }
    }

    @TargetTest
    @Asserts("RECV-SIZE-1")
    void tooSmallTopicOrPayloadBufferIsInvalidBufferSize(TckTarget target) {
        try (Firmware fw = Firmware.start(target); Observer observer = target.observer()) {
            int ch = fw.connected(target);
            String topic = target.uniqueTopic("small");
            byte[] payload = utf8("twenty bytes payload");
            fw.subscribed(ch, topic, 0);
            int tlen = utf8(topic).length;
            observer.publish(topic, payload, 0, false);
            fw.awaitReadable(ch, MvMqttReadableDataType.MESSAGERECEIVED);
            assertThat(fw.mv().mvMqttReceiveMessage(ch, MvMqttMessage.allocate(tlen - 1, 256)))
                    .as("RECV-SIZE-1: topic buffer one byte short").isEqualTo(MvStatus.INVALIDBUFFERSIZE);
            drainMessages(fw, ch);
            observer.publish(topic, payload, 0, false);
            fw.awaitReadable(ch, MvMqttReadableDataType.MESSAGERECEIVED);
            assertThat(fw.mv().mvMqttReceiveMessage(ch, MvMqttMessage.allocate(256, payload.length - 1)))
                    .as("RECV-SIZE-1: payload buffer one byte short").isEqualTo(MvStatus.INVALIDBUFFERSIZE);
        }
    }

    private static void drainMessages(Firmware fw, int ch) {
        while (fw.nextReadable(ch).equals(MvMqttReadableDataType.MESSAGERECEIVED)) {
            assertThat(fw.mv().mvMqttReceiveMessage(ch, MvMqttMessage.allocate(1024, 4096))).isEqualTo(MvStatus.OKAY);
        }
    }

    private static MvMqttMessage sentinel(int topicSize, int payloadSize) {
        byte[] t = new byte[topicSize];
        byte[] p = new byte[payloadSize];
        Arrays.fill(t, (byte) 0x5A);
        Arrays.fill(p, (byte) 0xA5);
        return new MvMqttMessage(new U32Ref(-7), new MvSizedStringBuffer(ByteBuffer.wrap(t), topicSize, new U32Ref(-7)),
                new MvSizedStringBuffer(ByteBuffer.wrap(p), payloadSize, new U32Ref(-7)), new U32Ref(-7), new U32Ref(-7));
    }

    private static void assertUntouched(MvMqttMessage m, String rule) {
        assertThat(m.correlationId().get()).as("%s: correlation cell not written", rule).isEqualTo(-7);
        assertThat(m.qos().get()).as("%s: qos cell not written", rule).isEqualTo(-7);
        assertThat(m.retain().get()).as("%s: retain cell not written", rule).isEqualTo(-7);
        assertThat(m.topic().length().get()).as("%s: topic length not written", rule).isEqualTo(-7);
        assertThat(m.payload().length().get()).as("%s: payload length not written", rule).isEqualTo(-7);
        for (int i = 0; i < m.topic().size(); i++) {
            assertThat(m.topic().data().get(i)).as("%s: topic buffer byte %d not written", rule, i).isEqualTo((byte) 0x5A);
        }
        for (int i = 0; i < m.payload().size(); i++) {
            assertThat(m.payload().data().get(i)).as("%s: payload buffer byte %d not written", rule, i).isEqualTo((byte) 0xA5);
        }
    }

    @TargetTest
    @Asserts("RECV-REF-1")
    void afterInvalidBufferSizeNothingIsWrittenAndTheMessageStaysPending(TckTarget target) {
        try (Firmware fw = Firmware.start(target); Observer observer = target.observer()) {
            int ch = fw.connected(target);
            String topic = target.uniqueTopic("pending");
            byte[] payload = utf8("exactly this payload");
            fw.subscribed(ch, topic, 1);
            int tlen = utf8(topic).length;
            observer.publish(topic, payload, 1, false);
            fw.awaitReadable(ch, MvMqttReadableDataType.MESSAGERECEIVED);
            MvMqttMessage shortTopic = sentinel(tlen - 1, 512);
            assertThat(fw.mv().mvMqttReceiveMessage(ch, shortTopic)).isEqualTo(MvStatus.INVALIDBUFFERSIZE);
            assertUntouched(shortTopic, "RECV-REF-1 (topic too small)");
            assertThat(fw.nextReadable(ch)).as("RECV-REF-1: still pending").isEqualTo(MvMqttReadableDataType.MESSAGERECEIVED);
            MvMqttMessage shortPayload = sentinel(512, payload.length - 1);
            assertThat(fw.mv().mvMqttReceiveMessage(ch, shortPayload)).isEqualTo(MvStatus.INVALIDBUFFERSIZE);
            assertUntouched(shortPayload, "RECV-REF-1 (payload too small)");
            assertThat(fw.nextReadable(ch)).as("RECV-REF-1: still pending").isEqualTo(MvMqttReadableDataType.MESSAGERECEIVED);
            MvMqttMessage exact = sentinel(tlen, payload.length);
            assertThat(fw.mv().mvMqttReceiveMessage(ch, exact)).as("RECV-REF-1: buffers of exactly the right size").isEqualTo(MvStatus.OKAY);
            assertThat(topic(exact)).isEqualTo(topic);
            assertThat(payload(exact)).isEqualTo(payload);
            assertThat(exact.qos().get()).isEqualTo(1);
            assertThat(fw.nextReadable(ch)).isEqualTo(MvMqttReadableDataType.NONE);
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
        try (Firmware fw = Firmware.start(target); Observer observer = target.observer()) {
            int ch = fw.connected(target);
            String topic = target.uniqueTopic("ids");
            fw.subscribed(ch, topic, 1);
            Set<Integer> unacknowledged = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                observer.publish(topic, utf8("m" + i), 1, false);
            }
            for (int i = 0; i < 6; i++) {
                MvMqttMessage m = fw.receive(ch);
                assertThat(unacknowledged.add(m.correlationId().get()))
                        .as("RECV-REF-2: correlation id %s unique among unacknowledged messages %s", m.correlationId(), unacknowledged).isTrue();
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
                assertThat(unacknowledged.add(m.correlationId().get()))
                        .as("RECV-REF-2: id %s unique among unacknowledged %s", m.correlationId(), unacknowledged).isTrue();
            }
            for (int id : unacknowledged) {
                fw.mv().mvMqttAcknowledgeMessage(ch, id);
            }
        }
    }

    @TargetTest
    @Asserts({"READ-REF-1", "READ-REF-2", "READ-REF-3", "READ-CONSUME-1"})
    void wrongTypeReadsConsumeNothingAndEmptyChannelAnswersResponseNotPresent(TckTarget target) {
        try (Firmware fw = Firmware.start(target); Observer observer = target.observer()) {
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
            assertThat(fw.mv().mvMqttReadPublishResponse(ch, pub)).as("READ-REF-1: publish read with a message next").isEqualTo(MvStatus.WRONGDATAREQUESTED);
            assertThat(fw.mv().mvMqttReadConnectResponse(ch, con)).as("READ-REF-1: connect read").isEqualTo(MvStatus.WRONGDATAREQUESTED);
            assertThat(fw.mv().mvMqttReadDisconnectResponse(ch, dis)).as("READ-REF-1: disconnect read").isEqualTo(MvStatus.WRONGDATAREQUESTED);
            assertThat(fw.mv().mvMqttReadSubscribeResponse(ch, sub)).as("READ-REF-1: subscribe read").isEqualTo(MvStatus.WRONGDATAREQUESTED);
            assertThat(fw.mv().mvMqttReadUnsubscribeResponse(ch, unsub)).as("READ-REF-1: unsubscribe read").isEqualTo(MvStatus.WRONGDATAREQUESTED);
            assertThat(fw.mv().mvMqttReceiveLostMessageInfo(ch, lost)).as("READ-REF-1: lost-message read").isEqualTo(MvStatus.WRONGDATAREQUESTED);
            assertThat(pub.requestState).as("READ-REF-1: nothing written").isEqualTo(-1);
            assertThat(sub.requestState().get()).as("READ-REF-1: nothing written").isEqualTo(-1);
            assertThat(fw.nextReadable(ch)).as("READ-REF-1: nothing consumed").isEqualTo(MvMqttReadableDataType.MESSAGERECEIVED);
            MvMqttMessage m = fw.receive(ch);
            assertThat(payload(m)).isEqualTo(utf8("waiting"));
            // A publish response waiting: a message read is the wrong type.
            assertThat(Messaging.requestPublish(fw, ch, 77, target.uniqueTopic("p"), utf8("p"), 0, false)).isEqualTo(MvStatus.OKAY);
            fw.awaitReadable(ch, MvMqttReadableDataType.PUBLISHRESPONSE);
            assertThat(fw.mv().mvMqttReceiveMessage(ch, MvMqttMessage.allocate(256, 256)))
                    .as("READ-REF-1: message read with a publish response next").isEqualTo(MvStatus.WRONGDATAREQUESTED);
            assertThat(Messaging.readPublish(fw, ch).correlationId).as("READ-REF-1: the response was not consumed").isEqualTo(77);
            // Nothing waiting.
            U32Ref type = new U32Ref(-1);
            assertThat(fw.mv().mvMqttGetNextReadableDataType(ch, type)).as("READ-REF-3: next type with nothing waiting").isEqualTo(MvStatus.OKAY);
            assertThat(type.get()).as("READ-REF-3: NONE").isEqualTo(MvMqttReadableDataType.NONE.code());
            assertThat(fw.mv().mvMqttReadPublishResponse(ch, new MvMqttPublishResponse())).as("READ-REF-2").isEqualTo(MvStatus.RESPONSENOTPRESENT);
            assertThat(fw.mv().mvMqttReadConnectResponse(ch, new MvMqttConnectResponse())).as("READ-REF-2").isEqualTo(MvStatus.RESPONSENOTPRESENT);
            assertThat(fw.mv().mvMqttReadDisconnectResponse(ch, new MvMqttDisconnectResponse())).as("READ-REF-2").isEqualTo(MvStatus.RESPONSENOTPRESENT);
            assertThat(fw.mv().mvMqttReadSubscribeResponse(ch, MvMqttSubscribeResponse.withRoomFor(8))).as("READ-REF-2").isEqualTo(MvStatus.RESPONSENOTPRESENT);
            assertThat(fw.mv().mvMqttReadUnsubscribeResponse(ch, MvMqttUnsubscribeResponse.withRoomFor(8))).as("READ-REF-2").isEqualTo(MvStatus.RESPONSENOTPRESENT);
            assertThat(fw.mv().mvMqttReceiveMessage(ch, MvMqttMessage.allocate(256, 256))).as("READ-REF-2").isEqualTo(MvStatus.RESPONSENOTPRESENT);
            assertThat(fw.mv().mvMqttReceiveLostMessageInfo(ch, MvMqttLostMessageInfo.allocate(256))).as("READ-REF-2").isEqualTo(MvStatus.RESPONSENOTPRESENT);
        }
    }
}
