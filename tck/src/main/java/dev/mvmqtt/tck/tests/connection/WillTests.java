package dev.mvmqtt.tck.tests.connection;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.RuleCheck.rules;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.assertSameMessage;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.binaryPayload;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.will;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttDisconnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttWill;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TargetTest;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;
import dev.mvmqtt.tck.observer.ReceivedMessage;
import dev.mvmqtt.tck.profile.BrokerRaces;
import java.time.Duration;

/**
 * Wills, seen by the observer on the broker side. An abrupt end is the channel of a live connection being closed
 * (the connection goes without DISCONNECT); the network-link variant is in {@link ConnectionLossTests}.
 */
class WillTests {

    @TargetTest
    @Asserts({"WILL-UNEXP-1", "WILL-FIELDS-1"})
    void willIsPublishedWhenTheConnectionEndsAbruptly(TckTarget target) {
        String willTopic = target.uniqueTopic("will/qos1");
        byte[] willPayload = binaryPayload("gone");
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            observer.subscribe(willTopic, 2);
            int ch = fw.connected(
                    target,
                    Firmware.connectRequest(target, target.uniqueClientId("will1"))
                            .will(will(willTopic, willPayload, 1, false))
                            .build());
            assertThat(fw.closeChannel(ch))
                    .as("mvCloseChannel on the live connection")
                    .isEqualTo(MvStatus.OKAY);
            ReceivedMessage m = observer.awaitMessages(
                            1, fw.timeout(), x -> x.topic().equals(willTopic))
                    .get(0);
            assertSameMessage(
                    m,
                    willTopic,
                    willPayload,
                    rules("WILL-UNEXP-1", "WILL-FIELDS-1").as("the will"));
            rule("WILL-FIELDS-1", "the will's QoS 1 (observer subscribed at 2)")
                    .assertThat(m.qos())
                    .isEqualTo(1);
            rule("WILL-FIELDS-1", "retain 0").assertThat(m.retain()).isFalse();
        }
    }

    @TargetTest
    @Asserts("WILL-FIELDS-1")
    void retainedQos0WillBecomesTheRetainedMessage(TckTarget target) {
        String willTopic = target.uniqueTopic("will/retained");
        byte[] willPayload = binaryPayload("retained will");
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            observer.subscribe(willTopic, 2);
            int ch = fw.connected(
                    target,
                    Firmware.connectRequest(target, target.uniqueClientId("will2"))
                            .will(will(willTopic, willPayload, 0, true))
                            .build());
            fw.closeChannel(ch);
            ReceivedMessage live = observer.awaitMessages(
                            1, fw.timeout(), x -> x.topic().equals(willTopic))
                    .get(0);
            assertSameMessage(live, willTopic, willPayload, rule("WILL-FIELDS-1", "the will"));
            rule("WILL-FIELDS-1", "the will's QoS 0").assertThat(live.qos()).isZero();
            try (Observer late = target.observer()) {
                late.subscribe(willTopic, 1);
                ReceivedMessage retained = late.awaitMessages(1, fw.timeout()).get(0);
                assertSameMessage(retained, willTopic, willPayload, rule("WILL-FIELDS-1", "the retained will"));
                rule("WILL-FIELDS-1", "with retain 1 the will is the topic's retained message")
                        .assertThat(retained.retain())
                        .isTrue();
                late.clearRetained(willTopic);
            }
        }
    }

    @TargetTest
    @Asserts({"WILL-GRACE-1", "DISC-OK-1"})
    void gracefulDisconnectDiscardsTheWill(TckTarget target) {
        BrokerRaces.assumeLastPacketsHonoured(target, "whether the will is discarded");
        String willTopic = target.uniqueTopic("will/grace");
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            observer.subscribe(willTopic, 2);
            int ch = fw.connected(
                    target,
                    Firmware.connectRequest(target, target.uniqueClientId("will3"))
                            .will(will(willTopic, binaryPayload("must not appear"), 1, false))
                            .build());
            MvMqttDisconnectResponse d = fw.disconnect(ch);
            rule("DISC-OK-1", "disconnect on a connected channel")
                    .assertThat(d.state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            fw.closeChannel(ch);
            // the broker received DISCONNECT: it discarded the will, which it would otherwise publish at once
            observer.assertNoMessageWithin(target.quietWindow());
        }
    }

    /**
     * QOS-TWO-1 for a will: whatever the device does with a QoS 2 will, no QoS 2 will reaches the broker. If it
     * connects at all, the abrupt end publishes the will at QoS 0 or 1 (the observer is subscribed at 2).
     */
    @TargetTest
    @Asserts("QOS-TWO-1")
    void qos2WillNeverReachesTheBrokerAsQos2(TckTarget target) {
        String willTopic = target.uniqueTopic("will/qos2m");
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            observer.subscribe(willTopic, 2);
            int ch = fw.openChannel();
            MvMqttConnectResponse r = fw.connect(
                    ch,
                    Firmware.connectRequest(target, target.uniqueClientId("will5"))
                            .will(new MvMqttWill(
                                    MvSizedString.of(willTopic), MvSizedString.of(binaryPayload("qos2")), 2, 0))
                            .build());
            fw.closeChannel(ch);
            if (r.state().equals(MvMqttRequestState.REQUESTCOMPLETED)) {
                for (ReceivedMessage m : observer.awaitMessages(1, fw.timeout())) {
                    rule("QOS-TWO-1", "a will asked for at QoS 2 reaches the broker at QoS 0 or 1 only")
                            .assertThat(m.qos())
                            .isLessThan(2);
                }
            } else {
                observer.assertNoMessageWithin(target.quietWindow());
            }
        }
    }

    /** QoS 2 in a will: refused, no connection, nothing reaches the broker (no session, no will). */
    @TargetTest
    @Asserts("QOS-REF-3")
    void qos2WillIsRefusedAndNothingReachesTheBroker(TckTarget target) {
        String willTopic = target.uniqueTopic("will/qos2");
        String id = target.uniqueClientId("will4");
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            observer.subscribe(willTopic, 2);
            int ch = fw.openChannel();
            // clean_start 0: had a connection been made, the broker would keep a session for this id
            MvMqttConnectResponse r = fw.connect(
                    ch,
                    Firmware.connectRequest(target, id)
                            .cleanStart(false)
                            .will(new MvMqttWill(
                                    MvSizedString.of(willTopic), MvSizedString.of(binaryPayload("qos2")), 2, 0))
                            .build());
            rule("QOS-REF-3", "a will with QoS 2 is answered INVALIDPARAMETERS")
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.INVALIDPARAMETERS);
            fw.closeChannel(ch);
            observer.assertNoMessageWithin(target.quietWindow());
            try (Observer probe = target.observerBuilder()
                    .clientId(id)
                    .cleanStart(false)
                    .sessionExpiry(Duration.ZERO)
                    .connect()) {
                rule("QOS-REF-3", "no connection was made (the broker has no session for the id)")
                        .assertThat(probe.sessionPresent())
                        .isFalse();
            }
        }
    }
}
