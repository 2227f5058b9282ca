package dev.mvmqtt.tck.tests.messaging;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.tests.messaging.Messaging.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TargetTest;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;
import dev.mvmqtt.tck.observer.ReceivedMessage;
import dev.mvmqtt.tck.target.MqttVersion;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Publish from the device: byte-exact delivery, QoS, retain, responses and their codes, in-flight limit. */
class PublishTests {

    static byte[] allBytes() {
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    @TargetTest
    @Asserts({"PUB-OK-1", "PUB-QOS-1", "READ-PUB-1", "GEN-CORR-1"})
    void qos0And1ArriveByteExactAtTheirQos(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int ch = fw.connected(target);
            String topic = target.uniqueTopic("pub/\u00e9t\u00e9/\u4e2d");
            observer.subscribe(topic, 1);
            byte[] p0 = allBytes();
            byte[] p1 = utf8("QoS 1 \u2713 \ud83d\ude80");
            MvMqttPublishResponse r0 = fw.publish(ch, MvMqttPublishRequest.of(0xDEADBEEF, topic, p0, 0, false));
            rule("PUB-OK-1", "QoS 0 publish response").assertThat(r0).isCompleted();
            rule("GEN-CORR-1", "QoS 0 publish response correlation id")
                    .assertThat(r0)
                    .hasCorrelationId(0xDEADBEEF);
            MvMqttPublishResponse r1 = fw.publish(ch, MvMqttPublishRequest.of(0x7FFFFFFF, topic, p1, 1, false));
            rule("PUB-OK-1", "QoS 1 publish response").assertThat(r1).isCompleted();
            rule("GEN-CORR-1", "QoS 1 publish response correlation id")
                    .assertThat(r1)
                    .hasCorrelationId(0x7FFFFFFF);
            List<ReceivedMessage> got = observer.awaitMessages(2, target.timeout(Firmware.ANSWER_TIMEOUT));
            rule("PUB-OK-1", "exactly the two publications").assertThat(got).hasSize(2);
            ReceivedMessage m0 = got.stream()
                    .filter(m -> m.payload().length == 256)
                    .findFirst()
                    .orElseThrow();
            ReceivedMessage m1 = got.stream()
                    .filter(m -> m.payload().length != 256)
                    .findFirst()
                    .orElseThrow();
            rule("PUB-OK-1", "QoS 0: topic and binary payload byte for byte, not retained")
                    .assertThat(m0)
                    .hasTopic(topic)
                    .hasPayload(p0)
                    .isNotRetained();
            rule("PUB-QOS-1", "QoS 0 publish reaches the broker at QoS 0")
                    .assertThat(m0)
                    .hasQos(0);
            rule("PUB-OK-1", "QoS 1: topic and UTF-8 payload byte for byte")
                    .assertThat(m1)
                    .hasTopic(topic)
                    .hasPayload(p1);
            rule("PUB-QOS-1", "QoS 1 publish reaches the broker at QoS 1")
                    .assertThat(m1)
                    .hasQos(1);
        }
    }

    @TargetTest
    @Asserts("PUB-REF-1")
    void qos0PublishGetsRequestCompletedWithReasonZero(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int ch = fw.connected(target);
            String topic = target.uniqueTopic("q0");
            observer.subscribe(topic, 1);
            MvMqttPublishResponse r = fw.publish(ch, MvMqttPublishRequest.of(12, topic, utf8("q0"), 0, false));
            rule("PUB-REF-1", "QoS 0 response: REQUESTCOMPLETED, reason code 0")
                    .assertThat(r)
                    .isCompleted()
                    .hasReasonCode(0);
            rule("PUB-REF-1", "the message was written to the broker")
                    .assertThat(observer.awaitMessages(1, target.timeout(Firmware.ANSWER_TIMEOUT))
                            .get(0)
                            .payloadUtf8())
                    .isEqualTo("q0");
        }
    }

    @TargetTest
    @Asserts("PUB-RETAIN-1")
    void retainedPublishBecomesTheTopicsRetainedMessage(TckTarget target) {
        try (Firmware fw = Firmware.start(target)) {
            int ch = fw.connected(target);
            String topic = target.uniqueTopic("retained");
            byte[] payload = utf8("retained \u00fc");
            MvMqttPublishResponse r = fw.publish(ch, MvMqttPublishRequest.of(3, topic, payload, 1, true));
            assertThat(r.state()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            try (Observer late = target.observer()) {
                late.subscribe(topic, 1);
                ReceivedMessage m = late.awaitMessages(1, target.timeout(Firmware.ANSWER_TIMEOUT))
                        .get(0);
                rule("PUB-RETAIN-1", "retained payload").assertThat(m.payload()).isEqualTo(payload);
                rule("PUB-RETAIN-1", "delivered to a later subscriber flagged as retained")
                        .assertThat(m.retain())
                        .isTrue();
                late.clearRetained(topic);
            }
        }
    }

    @TargetTest(versions = MqttVersion.V3_1_1)
    @Asserts("PUB-RESP-1")
    void mqtt311PublishReasonCodeIsZero(TckTarget target) {
        try (Firmware fw = Firmware.start(target)) {
            int ch = fw.connected(target);
            for (int qos = 0; qos <= 1; qos++) {
                MvMqttPublishResponse r = fw.publish(
                        ch, MvMqttPublishRequest.of(qos, target.uniqueTopic("nobody"), utf8("x"), qos, false));
                assertThat(r.state()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
                rule("PUB-RESP-1", "3.1.1 reason code, QoS %d", qos)
                        .assertThat(r.reasonCode)
                        .isZero();
            }
        }
    }

    @TargetTest(versions = MqttVersion.V5)
    @Asserts("PUB-REF-2")
    void mqtt5PubackReasonIsPassedThrough(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int ch = fw.connected(target);
            String heard = target.uniqueTopic("heard");
            observer.subscribe(heard, 1);
            MvMqttPublishResponse withSubscriber =
                    fw.publish(ch, MvMqttPublishRequest.of(1, heard, utf8("x"), 1, false));
            assertThat(withSubscriber.state()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            rule("PUB-REF-2", "PUBACK 0x00 success")
                    .assertThat(withSubscriber.reasonCode)
                    .isZero();
            // MQTT 5 lets a broker answer a publish nobody subscribed to with 0x10 or 0x00: ask this one first
            int brokerSays = observer.pubAckReasonCode(target.uniqueTopic("nobody-probe"), utf8("x"))
                    .orElseThrow();
            MvMqttPublishResponse none =
                    fw.publish(ch, MvMqttPublishRequest.of(2, target.uniqueTopic("nobody"), utf8("x"), 1, false));
            rule("PUB-REF-2", "0x10 is still REQUESTCOMPLETED")
                    .assertThat(none.state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            rule(
                            "PUB-REF-2",
                            "the broker's PUBACK code for no subscribers (0x%02x to the observer) passed through",
                            brokerSays)
                    .assertThat(none.reasonCode)
                    .isEqualTo(brokerSays);
        }
    }

    @TargetTest
    @Asserts("LIMIT-REF-1")
    void sixteenPublishesInFlightThenRateLimited(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int ch = fw.connected(target);
            String topic = target.uniqueTopic("flight");
            observer.subscribe(topic, 1);
            for (int i = 0; i < 16; i++) {
                rule("LIMIT-REF-1", "publish %d of 16 in flight", i + 1)
                        .assertThat(Messaging.requestPublish(fw, ch, 100 + i, topic, utf8("m" + i), i % 2, false))
                        .isEqualTo(MvStatus.OKAY);
            }
            rule("LIMIT-REF-1", "the 17th publish in flight")
                    .assertThat(Messaging.requestPublish(fw, ch, 999, topic, utf8("refused"), 1, false))
                    .isEqualTo(MvStatus.RATELIMITED);
            Set<Integer> ids = new HashSet<>();
            for (int i = 0; i < 17; i++) {
                MvMqttPublishResponse r = Messaging.readPublish(fw, ch);
                assertThat(r.state()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
                rule("LIMIT-REF-1", "each publish answered once")
                        .assertThat(ids.add(r.correlationId))
                        .isTrue();
                if (i == 0) {
                    rule("LIMIT-REF-1", "reading one response frees a slot")
                            .assertThat(Messaging.requestPublish(fw, ch, 500, topic, utf8("after read"), 0, false))
                            .isEqualTo(MvStatus.OKAY);
                }
            }
            Set<Integer> expected = new HashSet<>();
            for (int i = 0; i < 16; i++) {
                expected.add(100 + i);
            }
            expected.add(500);
            rule("LIMIT-REF-1", "the 16 accepted publishes and the one after a read; never the refused one")
                    .assertThat(ids)
                    .isEqualTo(expected);
            // Fence instead of a quiet window: had the refused QoS 1 publish been sent, it would reach the observer
            // before a QoS 1 publish the device makes later on the same topic (an ordered topic).
            assertThat(Messaging.requestPublish(fw, ch, 600, topic, utf8("fence"), 1, false))
                    .isEqualTo(MvStatus.OKAY);
            assertThat(Messaging.readPublish(fw, ch).state())
                    .as("fence publish")
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            observer.awaitMessages(
                    1,
                    target.timeout(Firmware.ANSWER_TIMEOUT),
                    m -> m.payloadUtf8().equals("fence"));
            observer.awaitMessages(18, target.timeout(Firmware.ANSWER_TIMEOUT));
            observer.assertNoMessageSoFar(m -> m.payloadUtf8().equals("refused"));
            rule("LIMIT-REF-1").assertThat(observer.messages()).hasSize(18);
        }
    }
}
