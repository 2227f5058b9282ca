package dev.mvmqtt.tck.tests.messaging;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.tests.messaging.Messaging.payload;
import static dev.mvmqtt.tck.tests.messaging.Messaging.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TargetTest;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;

/**
 * mvMqttAcknowledgeMessage, checked on the broker side through a persistent session: a QoS 1 message the broker
 * still considers unacknowledged is redelivered when the same client id reconnects with clean_start 0.
 */
class AcknowledgeTests {

    /** Connects a persistent session on a new channel and subscribes at QoS 1; returns the channel. */
    private static int persistentSubscribed(Firmware fw, TckTarget target, String clientId, String topic) {
        int ch = fw.connected(target, Messaging.persistent(target, clientId));
        fw.subscribed(ch, topic, 1);
        return ch;
    }

    private static void disconnectAndClose(Firmware fw, int ch) {
        assertThat(fw.disconnect(ch).state()).as("graceful disconnect").isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
        assertThat(fw.closeChannel(ch)).isEqualTo(MvStatus.OKAY);
    }

    @TargetTest
    @Asserts("ACK-QOS-1")
    void acknowledgedMessageIsNotRedeliveredAfterPersistentReconnect(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            String clientId = target.uniqueClientId("acked");
            String topic = target.uniqueTopic("acked");
            int ch = persistentSubscribed(fw, target, clientId, topic);
            observer.publish(topic, utf8("acknowledge me"), 1, false);
            MvMqttMessage m = fw.receive(ch);
            rule("ACK-QOS-1").assertThat(m.qos().get()).isEqualTo(1);
            rule("ACK-QOS-1", "acknowledge")
                    .assertThat(fw.mv()
                            .mvMqttAcknowledgeMessage(ch, m.correlationId().get()))
                    .isEqualTo(MvStatus.OKAY);
            Messaging.fence(fw, ch, target);
            disconnectAndClose(fw, ch);
            int again = fw.connected(target, Messaging.persistent(target, clientId));
            // Control, and fence: a redelivery is resent on the session's resumption, so it would come before a
            // QoS 1 message published later on the same topic (an ordered topic): no quiet window needed.
            observer.publish(topic, utf8("control"), 1, false);
            MvMqttMessage control = fw.receive(again);
            rule(
                            "ACK-QOS-1",
                            "an acknowledged QoS 1 message is not redelivered after a persistent-session reconnect: the first message is the control published after it")
                    .assertThat(payload(control))
                    .isEqualTo(utf8("control"));
            fw.mv().mvMqttAcknowledgeMessage(again, control.correlationId().get());
            disconnectAndClose(fw, again);
            cleanSession(fw, target, clientId);
        }
    }

    @TargetTest
    @Asserts({"ACK-REF-1", "ACK-REF-2"})
    void unacknowledgedMessageIsRedeliveredAndForeignIdsHaveNoEffect(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            String clientId = target.uniqueClientId("unacked");
            String topic = target.uniqueTopic("unacked");
            String q0topic = target.uniqueTopic("q0");
            int ch = persistentSubscribed(fw, target, clientId, topic);
            fw.subscribed(ch, q0topic, 0);
            observer.publish(q0topic, utf8("qos0"), 0, false);
            MvMqttMessage q0 = fw.receive(ch);
            observer.publish(topic, utf8("never acknowledged"), 1, false);
            MvMqttMessage m = fw.receive(ch);
            int id = m.correlationId().get();
            rule("ACK-REF-2", "id of a QoS 0 message")
                    .assertThat(fw.mv()
                            .mvMqttAcknowledgeMessage(ch, q0.correlationId().get()))
                    .isEqualTo(MvStatus.OKAY);
            rule("ACK-REF-2", "unknown id")
                    .assertThat(fw.mv().mvMqttAcknowledgeMessage(ch, id ^ 0x5A5A0000))
                    .isEqualTo(MvStatus.OKAY);
            rule("ACK-REF-2", "unknown id")
                    .assertThat(fw.mv().mvMqttAcknowledgeMessage(ch, id + 1000))
                    .isEqualTo(MvStatus.OKAY);
            disconnectAndClose(fw, ch);
            int again = fw.connected(target, Messaging.persistent(target, clientId));
            MvMqttMessage redelivered = fw.receive(again);
            rule("ACK-REF-1", "the unacknowledged QoS 1 message is redelivered")
                    .assertThat(redelivered)
                    .hasTopic(topic)
                    .hasPayload(utf8("never acknowledged"))
                    .hasQos(1);
            int rid = redelivered.correlationId().get();
            assertThat(fw.mv().mvMqttAcknowledgeMessage(again, rid)).isEqualTo(MvStatus.OKAY);
            rule("ACK-REF-2", "an id already acknowledged")
                    .assertThat(fw.mv().mvMqttAcknowledgeMessage(again, rid))
                    .isEqualTo(MvStatus.OKAY);
            Messaging.fence(fw, again, target);
            disconnectAndClose(fw, again);
            int third = fw.connected(target, Messaging.persistent(target, clientId));
            // Fence instead of a quiet window: a second redelivery would come before a QoS 1 message published later
            // on the same topic (an ordered topic), and the session still delivers.
            observer.publish(topic, utf8("fence"), 1, false);
            MvMqttMessage fence = fw.receive(third);
            rule("ACK-REF-1", "acknowledged once redelivered: gone (the first message is the fence)")
                    .assertThat(payload(fence))
                    .isEqualTo(utf8("fence"));
            fw.mv().mvMqttAcknowledgeMessage(third, fence.correlationId().get());
            disconnectAndClose(fw, third);
            cleanSession(fw, target, clientId);
        }
    }

    @TargetTest
    @Asserts("ACK-NORESP-1")
    void acknowledgementProducesNoResponseAndNoNotification(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int ch = fw.connected(target);
            String topic = target.uniqueTopic("noresp");
            fw.subscribed(ch, topic, 1);
            observer.publish(topic, utf8("m"), 1, false);
            MvMqttMessage m = fw.receive(ch);
            Messaging.settle(fw);
            assertThat(fw.mv().mvMqttAcknowledgeMessage(ch, m.correlationId().get()))
                    .isEqualTo(MvStatus.OKAY);
            Messaging.assertNothingFollows(
                    fw,
                    ch,
                    target.quietWindow(),
                    rule("ACK-NORESP-1", "no readable item and no notification after an acknowledgement"));
        }
    }

    @TargetTest
    @Asserts("LIMIT-REF-5")
    void acknowledgementsAreNeverRateLimited(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int ch = fw.connected(target);
            String topic = target.uniqueTopic("many");
            fw.subscribed(ch, topic, 1);
            int[] ids = new int[20];
            for (int i = 0; i < 20; i++) {
                observer.publish(topic, utf8("m" + i), 1, false);
                ids[i] = fw.receive(ch).correlationId().get();
                rule("LIMIT-REF-5", "acknowledgement %d", i)
                        .assertThat(fw.mv().mvMqttAcknowledgeMessage(ch, ids[i]))
                        .isEqualTo(MvStatus.OKAY);
            }
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 20; i++) {
                    rule("LIMIT-REF-5", "acknowledgement %d, round %d", i, round)
                            .assertThat(fw.mv().mvMqttAcknowledgeMessage(ch, ids[i]))
                            .isEqualTo(MvStatus.OKAY);
                }
            }
        }
    }

    /** Leaves no session behind: a clean-start connect of the same client id. */
    static void cleanSession(Firmware fw, TckTarget target, String clientId) {
        int ch = fw.connected(
                target,
                Firmware.connectRequest(target, clientId).cleanStart(true).build());
        fw.disconnect(ch);
        fw.closeChannel(ch);
    }
}
