package dev.mvmqtt.tck.tests.connection;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.binaryPayload;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.RuleCheck;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TargetTest;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;
import dev.mvmqtt.tck.target.MqttVersion;
import java.time.Duration;

/**
 * Persistent and clean sessions, on both versions and both brokers: each reconnect is a new channel with the same
 * client id; what the broker kept is seen by what the device receives (and, for MQTT 5, by the session-present flag
 * an observer taking over the id gets).
 */
class SessionTests {

    private static MvMqttConnectRequest request(TckTarget target, String clientId, boolean cleanStart) {
        return Firmware.connectRequest(target, clientId).cleanStart(cleanStart).build();
    }

    /** Connects a new channel, lets it end gracefully; returns nothing (the channel is closed). */
    private static void endGracefully(Firmware fw, int channel) {
        assertThat(fw.disconnect(channel).state())
                .as("graceful disconnect")
                .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
        assertThat(fw.closeChannel(channel)).isEqualTo(MvStatus.OKAY);
    }

    @TargetTest(versions = MqttVersion.V3_1_1)
    @Asserts("SESS-PERSIST-1")
    void subscriptionsSurviveAReconnectWithoutCleanStart(TckTarget target) {
        subscriptionsSurvive(target, rule("SESS-PERSIST-1"));
    }

    /** On MQTT 5 the same persistence rests on the reference's session-expiry decision. */
    @TargetTest(versions = MqttVersion.V5)
    @Asserts("SESS-REF-2")
    void v5SubscriptionsSurviveAReconnectWithoutCleanStart(TckTarget target) {
        subscriptionsSurvive(target, rule("SESS-REF-2"));
    }

    private static void subscriptionsSurvive(TckTarget target, RuleCheck rule) {
        String id = target.uniqueClientId("persist1");
        String topic = target.uniqueTopic("persist/subs");
        byte[] payload = binaryPayload("to the resumed session");
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int first = fw.connected(target, request(target, id, false));
            fw.subscribed(first, topic, 1);
            endGracefully(fw, first);

            int second = fw.connected(target, request(target, id, false));
            observer.publish(topic, payload, 1, false);
            MvMqttMessage m = fw.receive(second);
            rule.with("the earlier subscription delivers on the new channel")
                    .assertThat(m.topic().written())
                    .isEqualTo(utf8(topic));
            rule.with("payload").assertThat(m.payload().written()).isEqualTo(payload);
            fw.mv().mvMqttAcknowledgeMessage(second, m.correlationId().get());
        }
    }

    @TargetTest(versions = MqttVersion.V3_1_1)
    @Asserts("SESS-PERSIST-2")
    void qos1PublishedWhileOfflineArrivesAfterReconnect(TckTarget target) {
        queuedWhileOfflineArrives(target, rule("SESS-PERSIST-2"));
    }

    /** On MQTT 5 the same persistence rests on the reference's session-expiry decision. */
    @TargetTest(versions = MqttVersion.V5)
    @Asserts("SESS-REF-2")
    void v5Qos1PublishedWhileOfflineArrivesAfterReconnect(TckTarget target) {
        queuedWhileOfflineArrives(target, rule("SESS-REF-2"));
    }

    private static void queuedWhileOfflineArrives(TckTarget target, RuleCheck rule) {
        String id = target.uniqueClientId("persist2");
        String topic = target.uniqueTopic("persist/offline");
        byte[] payload = binaryPayload("queued while offline");
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int first = fw.connected(target, request(target, id, false));
            fw.subscribed(first, topic, 1);
            endGracefully(fw, first);

            observer.publish(topic, payload, 1, false);
            int second = fw.connected(target, request(target, id, false));
            MvMqttMessage m = fw.receive(second);
            rule.with("the message queued while offline")
                    .assertThat(m.topic().written())
                    .isEqualTo(utf8(topic));
            rule.with("payload byte for byte").assertThat(m.payload().written()).isEqualTo(payload);
            rule.with("delivered at QoS 1").assertThat(m.qos().get()).isEqualTo(1);
            fw.mv().mvMqttAcknowledgeMessage(second, m.correlationId().get());
        }
    }

    @TargetTest
    @Asserts("ACK-REF-1")
    void unacknowledgedQos1IsRedeliveredAfterReconnect(TckTarget target) {
        String id = target.uniqueClientId("redeliver");
        String topic = target.uniqueTopic("persist/unacked");
        byte[] payload = binaryPayload("never acknowledged");
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int first = fw.connected(target, request(target, id, false));
            fw.subscribed(first, topic, 1);
            observer.publish(topic, payload, 1, false);
            MvMqttMessage m1 = fw.receive(first);
            rule("ACK-REF-1").assertThat(m1.payload().written()).isEqualTo(payload);
            // no mvMqttAcknowledgeMessage
            endGracefully(fw, first);

            int second = fw.connected(target, request(target, id, false));
            MvMqttMessage m2 = fw.receive(second);
            rule("ACK-REF-1", "the unacknowledged message is redelivered on the new channel")
                    .assertThat(m2.topic().written())
                    .isEqualTo(utf8(topic));
            rule("ACK-REF-1", "payload").assertThat(m2.payload().written()).isEqualTo(payload);
            rule("ACK-REF-1", "QoS 1").assertThat(m2.qos().get()).isEqualTo(1);
            fw.mv().mvMqttAcknowledgeMessage(second, m2.correlationId().get());
        }
    }

    @TargetTest
    @Asserts("SESS-CLEAN-1")
    void cleanStartForgetsSubscriptionsAndQueuedMessages(TckTarget target) {
        String id = target.uniqueClientId("clean");
        String topic = target.uniqueTopic("clean/subs");
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int first = fw.connected(target, request(target, id, false));
            fw.subscribed(first, topic, 1);
            endGracefully(fw, first);
            observer.publish(topic, utf8("queued for the old session"), 1, false);

            int second = fw.connected(target, request(target, id, true));
            observer.publish(topic, utf8("after the clean start"), 1, false);
            // Fence instead of a quiet window: the queued message (resent when a session resumes) and one delivered
            // through the old subscription would both come before a QoS 1 message published later on the same
            // (ordered) topic. Subscribing anew delivers, and the first message to arrive must be the new one.
            byte[] fresh = utf8("after subscribing again");
            fw.subscribed(second, topic, 1);
            observer.publish(topic, fresh, 1, false);
            MvMqttMessage m = fw.receive(second);
            rule("SESS-CLEAN-1", "the first message on the clean session is the one published after subscribing")
                    .assertThat(m.payload().written())
                    .isEqualTo(fresh);
            fw.mv().mvMqttAcknowledgeMessage(second, m.correlationId().get());
        }
    }

    /**
     * The session-present flag of an observer that takes over the id right after the device's graceful disconnect
     * tells whether the session outlived the connection (expiry &gt; 0) or not (expiry 0). The exact expiry (3600 s)
     * is not observable from outside the broker.
     */
    @TargetTest(versions = MqttVersion.V5)
    @Asserts("SESS-REF-1")
    void v5SessionOutlivesTheConnectionOnlyWithoutCleanStart(TckTarget target) {
        try (Firmware fw = Firmware.start(target)) {
            String kept = target.uniqueClientId("expiry");
            int ch = fw.connected(target, request(target, kept, false));
            endGracefully(fw, ch);
            try (Observer o = target.observerBuilder()
                    .clientId(kept)
                    .cleanStart(false)
                    .sessionExpiry(Duration.ZERO)
                    .connect()) {
                rule(
                                "SESS-REF-1",
                                "clean_start 0 connects with a session expiry > 0: the session outlives the connection")
                        .assertThat(o.sessionPresent())
                        .isTrue();
            }
            String dropped = target.uniqueClientId("noexpiry");
            int ch2 = fw.connected(target, request(target, dropped, true));
            endGracefully(fw, ch2);
            try (Observer o = target.observerBuilder()
                    .clientId(dropped)
                    .cleanStart(false)
                    .sessionExpiry(Duration.ZERO)
                    .connect()) {
                rule("SESS-REF-1", "clean_start 1 connects with Clean Start 1 and expiry 0: no session remains")
                        .assertThat(o.sessionPresent())
                        .isFalse();
            }
        }
    }
}
