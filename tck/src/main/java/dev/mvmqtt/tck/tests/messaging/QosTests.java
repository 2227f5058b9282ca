package dev.mvmqtt.tck.tests.messaging;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.tests.messaging.Messaging.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscription;
import dev.mvmqtt.spec.api.mqtt.MvMqttWill;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TargetTest;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;

/** QoS 2 (and above) never reaches the broker from the device. */
class QosTests {

    @TargetTest
    @Asserts({"QOS-TWO-1", "GEN-RESP-1"})
    void noQos2PublishSubscribeOrWillReachesTheBroker(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            String pubTopic = target.uniqueTopic("pub2");
            String subTopic = target.uniqueTopic("sub2");
            String willTopic = target.uniqueTopic("will2");
            observer.subscribe(pubTopic, 2);
            observer.subscribe(willTopic, 2);
            int ch = fw.connected(target);
            // Publish asking for QoS 2: whatever the answer, nothing at QoS 2 may reach the broker.
            MvStatus s = Messaging.requestPublish(fw, ch, 2, pubTopic, utf8("qos2"), 2, false);
            if (s == MvStatus.OKAY) {
                MvMqttPublishResponse r = Messaging.readPublish(fw, ch);
                rule("GEN-RESP-1", "the response answers the QoS 2 publish")
                        .assertThat(r.correlationId)
                        .isEqualTo(2);
            }
            // Subscribe asking for QoS 2: a QoS 2 grant would bring QoS 2 deliveries.
            s = fw.mv().mvMqttRequestSubscribe(ch, MvMqttSubscribeRequest.of(3, MvMqttSubscription.of(subTopic, 2)));
            if (s == MvStatus.OKAY) {
                rule("GEN-RESP-1")
                        .assertThat(
                                Messaging.readSubscribe(fw, ch).correlationId().get())
                        .isEqualTo(3);
            }
            observer.publish(subTopic, utf8("to device"), 2, false);
            // A will asking for QoS 2, on a second channel that is then dropped.
            int willChannel = fw.openChannel();
            MvMqttConnectResponse wr = fw.connect(
                    willChannel,
                    Firmware.connectRequest(target, target.uniqueClientId("will2"))
                            .will(MvMqttWill.of(willTopic, utf8("will"), 2, false))
                            .build());
            assertThat(wr.state()).as("connect response with a QoS 2 will").isNotNull();
            assertThat(fw.closeChannel(willChannel)).isEqualTo(MvStatus.OKAY);
            observer.assertNoMessageWithin(target.quietWindow(), m -> m.qos() == 2);
            // Whatever reached the device from the QoS 2 subscription came at most at QoS 1.
            while (fw.nextReadable(ch).equals(MvMqttReadableDataType.MESSAGERECEIVED)) {
                MvMqttMessage m = fw.receive(ch);
                rule("QOS-TWO-1", "no QoS 2 subscription reached the broker")
                        .assertThat(m.qos().get())
                        .isLessThan(2);
            }
        }
    }

    @TargetTest
    @Asserts("QOS-REF-1")
    void qos2PublishIsInvalidParametersAndNotSent(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            String topic = target.uniqueTopic("pub2");
            observer.subscribe(topic, 2);
            int ch = fw.connected(target);
            for (int qos : new int[] {2, 3, -1}) {
                rule("QOS-REF-1", "publish with desired_qos %d is accepted", qos)
                        .assertThat(Messaging.requestPublish(fw, ch, 40 + qos, topic, utf8("qos" + qos), qos, false))
                        .isEqualTo(MvStatus.OKAY);
                MvMqttPublishResponse r = Messaging.readPublish(fw, ch);
                rule("QOS-REF-1", "response to desired_qos %d", qos)
                        .assertThat(r.state())
                        .isEqualTo(MvMqttRequestState.INVALIDPARAMETERS);
                rule("QOS-REF-1").assertThat(r.correlationId).isEqualTo(40 + qos);
            }
            observer.assertNoMessageWithin(target.quietWindow());
        }
    }

    @TargetTest
    @Asserts("QOS-REF-2")
    void subscribeWithAnyQos2IsInvalidParametersAndNotSent(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int ch = fw.connected(target);
            String ok = target.uniqueTopic("q1");
            String two = target.uniqueTopic("q2");
            MvMqttSubscribeResponse r = fw.subscribe(
                    ch, MvMqttSubscribeRequest.of(8, MvMqttSubscription.of(ok, 1), MvMqttSubscription.of(two, 2)));
            rule("QOS-REF-2", "one QoS 2 subscription makes the request INVALIDPARAMETERS")
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.INVALIDPARAMETERS);
            rule("QOS-REF-2", "reason_codes_len")
                    .assertThat(r.reasonCodesLen().get())
                    .isZero();
            rule("QOS-REF-2").assertThat(r.correlationId().get()).isEqualTo(8);
            observer.publish(ok, utf8("a"), 1, false);
            observer.publish(two, utf8("b"), 2, false);
            Messaging.assertNothingReadableWithin(
                    fw,
                    ch,
                    target.quietWindow(),
                    rule("QOS-REF-2", "no SUBSCRIBE was sent, not even for the QoS 1 topic"));
        }
    }

    @TargetTest
    @Asserts("QOS-REF-3")
    void qos2WillIsInvalidParametersAndNoConnection(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            String willTopic = target.uniqueTopic("will2");
            observer.subscribe(willTopic, 2);
            int ch = fw.openChannel();
            MvMqttConnectResponse r = fw.connect(
                    ch,
                    Firmware.connectRequest(target, target.uniqueClientId("will2"))
                            .will(MvMqttWill.of(willTopic, utf8("will"), 2, false))
                            .build());
            rule("QOS-REF-3", "connect with a QoS 2 will")
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.INVALIDPARAMETERS);
            MvMqttPublishResponse p =
                    fw.publish(ch, MvMqttPublishRequest.of(1, target.uniqueTopic("x"), utf8("x"), 0, false));
            rule("QOS-REF-3", "no connection was made")
                    .assertThat(p.state())
                    .isEqualTo(MvMqttRequestState.NOTCONNECTED);
            assertThat(fw.closeChannel(ch)).isEqualTo(MvStatus.OKAY);
            observer.assertNoMessageWithin(target.quietWindow());
        }
    }
}
