package dev.mvmqtt.tck.tests.demo;

import static dev.mvmqtt.tck.RuleCheck.precondition;
import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.RuleCheck.rules;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.NetworkLink;
import dev.mvmqtt.spec.api.codes.MvEventType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.RuleCheck;
import dev.mvmqtt.tck.junit.TargetTest;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;
import dev.mvmqtt.tck.observer.ReceivedMessage;
import dev.mvmqtt.tck.profile.BrokerRaces;
import dev.mvmqtt.tck.target.MqttVersion;
import dev.mvmqtt.tck.tests.demo.DemoFirmware.ConnectAttempt;
import dev.mvmqtt.tck.tests.demo.DemoFirmware.PublishOutcome;
import dev.mvmqtt.tck.tests.demo.DemoFirmware.Received;
import dev.mvmqtt.tck.tests.demo.DemoFirmware.SubscribeOutcome;
import dev.mvmqtt.tck.tests.demo.DemoFirmware.Teardown;
import dev.mvmqtt.tck.tests.demo.DemoFirmware.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Assumptions;

/**
 * Demo-style acceptance: the official Microvisor MQTT demos' call patterns, played by {@link DemoFirmware} on every
 * broker target. The demos run on real devices, so an implementation under which they would misbehave is wrong
 * (issue 8): these tests fail exactly where the demo firmware would take its error path (a subscription it counts as
 * failed, a notification it never sees, a session it loses). Checks the demos do not make but that the kit's rules
 * need (the observer's view, the reconnect's delivery) are named by their rule ids.
 *
 * <p>Every test also checks, at each step, what the demo's ISRs read from their rings (NOTIF-RING-1, NOTIF-IRQ-1).
 */
class DemoFirmwareTests {
    /** A session that outlives the taking-over client's own connection (MQTT 5 only; 3.1.1 keeps it anyway). */
    private static final Duration THIEF_SESSION_EXPIRY = Duration.ofMinutes(5);
    /** The disconnect reason code of an MQTT 5 broker whose session another client took over. */
    private static final int SESSION_TAKEN_OVER = 0x8E;

    /** The demo firmware; a ring anomaly its ISRs see violates {@code rings}. */
    private static DemoFirmware firmware(TckTarget target, String clientId, List<Topic> topics, RuleCheck rings) {
        return new DemoFirmware(target, clientId, topics, target.uniqueTopic("sensor/device"), rings);
    }

    /**
     * Runs the loop until the connect and (with topics) the subscribe were answered; checks both as the demo does,
     * against {@code connectRule} and {@code subscribeRule} (CONN-OK-1 and SUB-RESP-4, or preconditions).
     */
    private static void awaitConnectedAndSubscribed(
            DemoFirmware fw, int topics, int nth, RuleCheck connectRule, RuleCheck subscribeRule) {
        fw.runUntil(
                () -> fw.connects().size() >= nth,
                connectRule.with("the demo firmware's connect #" + nth + " is answered"));
        ConnectAttempt connect = fw.connects().get(nth - 1);
        connectRule
                .with("connect #%d read OKAY, REQUESTCOMPLETED and reason code 0 (the demo's check): %s", nth, connect)
                .assertThat(connect.demoAccepts())
                .isTrue();
        if (topics > 0) {
            fw.runUntil(
                    () -> fw.subscribes().size() >= nth,
                    subscribeRule.with("the demo firmware's subscribe #" + nth + " is answered and read"));
            SubscribeOutcome sub = fw.subscribes().get(nth - 1);
            assertThat(sub.request())
                    .as("mvMqttRequestSubscribe after the connect")
                    .isEqualTo(MvStatus.OKAY);
            subscribeRule
                    .with(
                            "mvMqttReadSubscribeResponse with one uint32 per topic and reason_codes_size = %d (a count)",
                            topics)
                    .assertThat(sub.read())
                    .isEqualTo(MvStatus.OKAY);
            subscribeRule
                    .with("the subscribe response's request_state")
                    .assertThat(MvMqttRequestState.of(sub.requestState()))
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            subscribeRule
                    .with("reason_codes_len, one code per topic (the demo's check)")
                    .assertThat(sub.reasonCodesLen())
                    .isEqualTo(topics);
        }
    }

    /** Runs the loop until a message with this payload was received; returns it. */
    private static Received awaitMessage(DemoFirmware fw, String payload, RuleCheck rule) {
        fw.runUntil(() -> fw.received().stream().anyMatch(r -> payload.equals(r.text())), rule);
        return fw.received().stream()
                .filter(r -> payload.equals(r.text()))
                .findFirst()
                .orElseThrow();
    }

    private static void assertMessage(Received r, String topic, String payload, int qos, RuleCheck rule) {
        rule.with("mvMqttReceiveMessage with 1024-byte topic and payload buffers")
                .assertThat(r.read())
                .isEqualTo(MvStatus.OKAY);
        rule.with("topic").assertThat(r.topic()).isEqualTo(topic);
        rule.with("payload").assertThat(r.text()).isEqualTo(payload);
        rule.with("QoS").assertThat(r.qos()).isEqualTo(qos);
    }

    private static Teardown onlyTeardown(DemoFirmware fw, RuleCheck rule) {
        rule.with("one teardown").assertThat(fw.teardowns()).hasSize(1);
        Teardown t = fw.teardowns().get(0);
        rule.with("mvCloseChannel in the demo's teardown").assertThat(t.close()).isEqualTo(MvStatus.OKAY);
        rule.with("mvCloseChannel writes 0 through the handle")
                .assertThat(t.handleAfterClose())
                .isZero();
        return t;
    }

    @TargetTest
    @Asserts({"NOTIF-RING-1", "NOTIF-IRQ-1", "CONN-OK-1", "SUB-RESP-4", "SUB-RESP-3", "SUB-DELIV-1", "PUB-OK-1"})
    void demoFirmwareConnectsSubscribesReceivesAndPublishes(TckTarget target) {
        String a = target.uniqueTopic("command/device/a");
        String b = target.uniqueTopic("command/device/b");
        try (Observer observer = target.observer();
                DemoFirmware fw = firmware(
                        target,
                        target.uniqueClientId("demo"),
                        List.of(new Topic(a, 0), new Topic(b, 0)),
                        rules("NOTIF-RING-1", "NOTIF-IRQ-1"))) {
            awaitConnectedAndSubscribed(fw, 2, 1, rule("CONN-OK-1"), rule("SUB-RESP-4"));
            rule("NOTIF-RING-1", "the channel's first record, read from slot 0 of the 0xff-filled ring")
                    .assertThat(fw.workRing().reads().get(0).tag())
                    .isEqualTo(DemoFirmware.TAG_CHANNEL_MQTT);
            rule("SUB-RESP-3", "topics granted at QoS 0 have reason code 0 (the demo's check)")
                    .assertThat(fw.subscribes().get(0).codes())
                    .containsExactly(0, 0);

            observer.publish(a, "to a", 0, false);
            assertMessage(
                    awaitMessage(fw, "to a", rule("SUB-DELIV-1", "a QoS 0 message on the first topic")),
                    a,
                    "to a",
                    0,
                    rule("SUB-DELIV-1"));
            observer.publish(b, "to b", 0, false);
            assertMessage(
                    awaitMessage(fw, "to b", rule("SUB-DELIV-1", "a QoS 0 message on the second topic")),
                    b,
                    "to b",
                    0,
                    rule("SUB-DELIV-1"));

            String sensor = target.uniqueTopic("sensor/device");
            observer.subscribe(sensor, 1);
            int id = fw.publish("{\"temperature\":21.5}");
            fw.runUntil(() -> !fw.publishes().isEmpty(), rule("PUB-OK-1", "the publish response"));
            PublishOutcome p = fw.publishes().get(0);
            rule("PUB-OK-1", "publish response read OKAY, REQUESTCOMPLETED, reason code 0 (the demo's check): %s", p)
                    .assertThat(p.demoAccepts())
                    .isTrue();
            rule("PUB-OK-1", "the publish response's correlation id")
                    .assertThat(p.correlationId())
                    .isEqualTo(id);
            ReceivedMessage m = observer.awaitMessages(
                            1,
                            target.timeout(Duration.ofSeconds(10)),
                            x -> x.topic().equals(sensor))
                    .get(0);
            rule("PUB-OK-1", "the payload at the broker")
                    .assertThat(new String(m.payload(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"temperature\":21.5}");
        }
    }

    @TargetTest
    @Asserts({
        "NOTIF-RING-1",
        "NOTIF-IRQ-1",
        "CONN-OK-1",
        "SUB-RESP-4",
        "SUB-RESP-3",
        "SUB-DELIV-1",
        "ACK-QOS-1",
        "SESS-PERSIST-2"
    })
    void everyMessageIsAcknowledgedAndOnlyWhatCameWhileAwayIsDeliveredAfterTheReconnect(TckTarget target) {
        String q0 = target.uniqueTopic("command/device/q0");
        String q1 = target.uniqueTopic("command/device/q1");
        int messages = 8;
        try (Observer observer = target.observer();
                DemoFirmware fw = firmware(
                        target,
                        target.uniqueClientId("demoack"),
                        List.of(new Topic(q0, 0), new Topic(q1, 1)),
                        rules("NOTIF-RING-1", "NOTIF-IRQ-1"))) {
            awaitConnectedAndSubscribed(fw, 2, 1, rule("CONN-OK-1"), rule("SUB-RESP-4"));
            List<Integer> codes = fw.subscribes().get(0).codes();
            rule("SUB-RESP-3", "the topic granted at QoS 0 has reason code 0")
                    .assertThat(codes.get(0))
                    .isZero();
            rule("SUB-RESP-3", "the topic granted at QoS 1 has reason code 0 or 1")
                    .assertThat(codes.get(1))
                    .isBetween(0, 1);

            // One message at a time, as the broker would trickle them: each is read and acknowledged before the next.
            for (int i = 0; i < messages; i++) {
                int qos = i % 2;
                String topic = qos == 0 ? q0 : q1;
                observer.publish(topic, "m" + i, qos, false);
                Received r = awaitMessage(fw, "m" + i, rule("SUB-DELIV-1", "message " + i + " at QoS " + qos));
                assertMessage(r, topic, "m" + i, qos, rule("SUB-DELIV-1"));
                if (qos == 1) {
                    rule("ACK-QOS-1", "mvMqttAcknowledgeMessage of received QoS 1 message %d", i)
                            .assertThat(r.ack())
                            .isEqualTo(MvStatus.OKAY);
                }
            }
            rule("NOTIF-RING-1", "more records than slots went through the ring (it wrapped)")
                    .assertThat(fw.workRing().reads())
                    .hasSizeGreaterThan(DemoRing.SLOTS);

            fw.disconnect();
            fw.runUntil(() -> !fw.teardowns().isEmpty(), "the demo firmware's graceful disconnect is answered");
            assertThat(fw.teardowns())
                    .as("one teardown after the graceful disconnect")
                    .hasSize(1);
            // The loop has queued its reconnect but not run it: this message comes while the firmware is away.
            observer.publish(q1, "while away", 1, false);
            awaitConnectedAndSubscribed(fw, 2, 2, rule("CONN-OK-1"), rule("SUB-RESP-4"));
            Received away = awaitMessage(
                    fw,
                    "while away",
                    rule(
                            "SESS-PERSIST-2",
                            "the QoS 1 message published while the demo firmware was away, after its clean_start 0 reconnect"));
            assertMessage(away, q1, "while away", 1, rule("SESS-PERSIST-2"));
            rule("ACK-QOS-1", "mvMqttAcknowledgeMessage of the message delivered after the reconnect")
                    .assertThat(away.ack())
                    .isEqualTo(MvStatus.OKAY);
            // The demo acknowledges its last QoS 1 message and disconnects at once, with no publish of its own at QoS 1
            // to fence the PUBACK: a broker that acts on the close before the packets just before it redelivers it.
            BrokerRaces.assumeLastPacketsHonoured(
                    target, "whether the demo's last acknowledgement before its DISCONNECT holds");
            int expected = messages + 1;
            fw.runFor(
                    target.quietWindow(),
                    () -> fw.received().size() > expected,
                    rule(
                            "ACK-QOS-1",
                            "a message the demo firmware had acknowledged was delivered again after its clean_start 0 reconnect"));
        }
    }

    @TargetTest
    @Asserts({"NOTIF-RING-1", "NOTIF-IRQ-1", "CONN-OK-1", "SUB-RESP-4", "NET-NOTIF-1", "LOSS-NOTIF-1", "SESS-PERSIST-2"
    })
    void reconnectLoopAfterTheNetworkLinkWentDownDeliversWhatCameWhileAway(TckTarget target) {
        String q1 = target.uniqueTopic("command/device/q1");
        try (Observer observer = target.observer();
                DemoFirmware fw = firmware(
                        target,
                        target.uniqueClientId("demonet"),
                        List.of(new Topic(q1, 1)),
                        rules("NOTIF-RING-1", "NOTIF-IRQ-1"))) {
            Assumptions.assumeTrue(fw.mv().networkLink().isPresent(), "implementation offers no network link control");
            NetworkLink link = fw.mv().networkLink().get();
            awaitConnectedAndSubscribed(fw, 1, 1, rule("CONN-OK-1"), rule("SUB-RESP-4"));
            link.down();
            try {
                fw.runUntil(
                        () -> !fw.teardowns().isEmpty(),
                        rule(
                                "LOSS-NOTIF-1",
                                "the link went down; the demo firmware closes its channel on CHANNELNOTCONNECTED"));
                rule("LOSS-NOTIF-1", "CHANNELNOTCONNECTED with the channel's tag")
                        .assertThat(fw.workIsrSaw(MvEventType.CHANNELNOTCONNECTED))
                        .isTrue();
                rule("LOSS-NOTIF-1", "why the firmware tore down")
                        .assertThat(onlyTeardown(fw, rule("LOSS-NOTIF-1")).cause())
                        .isEqualTo("dropped connection");
                fw.runUntil(
                        () -> fw.networkRing().reads().stream()
                                .anyMatch(r -> r.type().equals(MvEventType.NETWORKSTATUSCHANGED)),
                        rule("NET-NOTIF-1", "the link going down is notified to the network's centre"));
                observer.publish(q1, "while the link was down 1", 1, false);
                observer.publish(q1, "while the link was down 2", 1, false);
            } finally {
                link.up();
            }
            fw.runUntil(
                    () -> fw.connects().size() >= 2,
                    rule(
                            "NET-NOTIF-1",
                            "the link coming back is notified to the network's centre, on which the demo firmware reconnects"));
            awaitConnectedAndSubscribed(fw, 1, 2, rule("CONN-OK-1"), rule("SUB-RESP-4"));
            for (int i = 1; i <= 2; i++) {
                String text = "while the link was down " + i;
                assertMessage(
                        awaitMessage(
                                fw,
                                text,
                                rule("SESS-PERSIST-2", "QoS 1 message " + i + " published while the link was down")),
                        q1,
                        text,
                        1,
                        rule("SESS-PERSIST-2"));
            }
        }
    }

    @TargetTest
    @Asserts({"NOTIF-RING-1", "NOTIF-IRQ-1", "CONN-OK-1", "SUB-RESP-4", "LOSS-NOTIF-1", "SESS-PERSIST-2"})
    void reconnectLoopAfterASessionTakeoverDeliversWhatCameWhileAway(TckTarget target) {
        String clientId = target.uniqueClientId("demotake");
        String q1 = target.uniqueTopic("command/device/q1");
        try (Observer observer = target.observer();
                DemoFirmware fw =
                        firmware(target, clientId, List.of(new Topic(q1, 1)), rules("NOTIF-RING-1", "NOTIF-IRQ-1"))) {
            awaitConnectedAndSubscribed(fw, 1, 1, rule("CONN-OK-1"), rule("SUB-RESP-4"));
            // Another client takes the session over (keeping it), then leaves; the device was dropped meanwhile.
            try (Observer thief = target.observerBuilder()
                    .clientId(clientId)
                    .cleanStart(false)
                    .sessionExpiry(THIEF_SESSION_EXPIRY)
                    .connect()) {
                fw.runUntil(
                        () -> !fw.teardowns().isEmpty(),
                        rule(
                                "LOSS-NOTIF-1",
                                "the broker dropped the demo firmware's connection; it closes its channel on CHANNELNOTCONNECTED"));
            }
            rule("LOSS-NOTIF-1", "CHANNELNOTCONNECTED with the channel's tag")
                    .assertThat(fw.workIsrSaw(MvEventType.CHANNELNOTCONNECTED))
                    .isTrue();
            rule("LOSS-NOTIF-1", "why the firmware tore down")
                    .assertThat(onlyTeardown(fw, rule("LOSS-NOTIF-1")).cause())
                    .isEqualTo("dropped connection");
            observer.publish(q1, "while taken over", 1, false);
            awaitConnectedAndSubscribed(fw, 1, 2, rule("CONN-OK-1"), rule("SUB-RESP-4"));
            assertMessage(
                    awaitMessage(
                            fw,
                            "while taken over",
                            rule("SESS-PERSIST-2", "the QoS 1 message published while the demo firmware was away")),
                    q1,
                    "while taken over",
                    1,
                    rule("SESS-PERSIST-2"));
        }
    }

    /**
     * The demo's teardown reads the disconnect response on its dropped-connection path: the broker's reason code
     * (0x8E, session taken over). Skipped where the broker closes a taken-over connection without a DISCONNECT
     * (mosquitto 2.0): there is no code to relay.
     */
    @TargetTest(versions = MqttVersion.V5)
    @Asserts("DISC-REF-2")
    void v5TakeoverDisconnectCodeIsReadOnTheDroppedConnectionPath(TckTarget target) {
        OptionalInt brokerCode = TakeoverProbe.disconnectReasonOnTakeover(target);
        Assumptions.assumeTrue(
                brokerCode.isPresent(),
                "broker of " + target.id()
                        + " closes a taken-over connection without an MQTT 5 DISCONNECT: no disconnect code to relay");
        rule("DISC-REF-2", "the broker's own DISCONNECT reason on a takeover (probe)")
                .assertThat(brokerCode.getAsInt())
                .isEqualTo(SESSION_TAKEN_OVER);
        String clientId = target.uniqueClientId("demo8e");
        try (DemoFirmware fw = firmware(
                target, clientId, List.of(), precondition("the demo's ISRs read every record from their rings"))) {
            awaitConnectedAndSubscribed(
                    fw, 0, 1, precondition("the demo's connect"), precondition("the demo's subscribe"));
            try (Observer thief = target.observerBuilder().clientId(clientId).connect()) {
                fw.runUntil(
                        () -> !fw.teardowns().isEmpty(),
                        rule(
                                "DISC-REF-2",
                                "after the broker's DISCONNECT, CHANNELNOTCONNECTED reaches the demo firmware's dropped-connection path"));
            }
            rule("DISC-REF-2", "the loss follows the broker's DISCONNECT")
                    .assertThat(fw.workIsrSaw(MvEventType.CHANNELNOTCONNECTED))
                    .isTrue();
            Teardown t = onlyTeardown(fw, rule("DISC-REF-2"));
            rule("DISC-REF-2", "mvMqttReadDisconnectResponse in the demo's teardown after a takeover: %s", t)
                    .assertThat(t.readDisconnect())
                    .isEqualTo(MvStatus.OKAY);
            rule("DISC-REF-2", "request_state of the broker-initiated disconnect response")
                    .assertThat(t.disconnectRequestState())
                    .isEqualTo(MvMqttRequestState.NOTCONNECTED);
            rule("DISC-REF-2", "disconnect_code, the broker's reason (0x8E session taken over)")
                    .assertThat(t.disconnectCode())
                    .isEqualTo(SESSION_TAKEN_OVER);
        }
    }

    /** Two things the demo does that only the reference's decisions make safe: all-zero codes for QoS 1, acking QoS 0. */
    @TargetTest
    @Asserts({"SUB-REF-1", "ACK-REF-2"})
    void demoChecksOnAQos1SubscriptionAndAcknowledgementsOfQos0Messages(TckTarget target) {
        String q0 = target.uniqueTopic("command/device/q0");
        String q1 = target.uniqueTopic("command/device/q1");
        try (Observer observer = target.observer();
                DemoFirmware fw = firmware(
                        target,
                        target.uniqueClientId("demoref"),
                        List.of(new Topic(q0, 0), new Topic(q1, 1)),
                        precondition("the demo's ISRs read every record from their rings"))) {
            awaitConnectedAndSubscribed(
                    fw, 2, 1, precondition("the demo's connect"), precondition("the demo's subscribe"));
            SubscribeOutcome sub = fw.subscribes().get(0);
            rule(
                            "SUB-REF-1",
                            "every granted subscription, QoS 0 or 1, reported with code 0 (the demo's check): %s",
                            sub)
                    .assertThat(sub.codes())
                    .containsExactly(0, 0);
            observer.publish(q0, "qos 0", 0, false);
            Received r =
                    awaitMessage(fw, "qos 0", rule("ACK-REF-2", "a QoS 0 message arrives for the demo to acknowledge"));
            rule("ACK-REF-2", "the demo acknowledges a QoS 0 message too")
                    .assertThat(r.ack())
                    .isEqualTo(MvStatus.OKAY);
        }
    }
}
