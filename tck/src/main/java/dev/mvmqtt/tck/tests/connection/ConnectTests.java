package dev.mvmqtt.tck.tests.connection;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.RuleCheck.rules;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.CONNECT_ONLY_STATES;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.awaitConnectResponse;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.binaryPayload;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.issueEachRequest;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.statesOfAcceptedRequests;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.codes.MvEventType;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttAuthentication;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscription;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TargetTest;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;
import dev.mvmqtt.tck.observer.ReceivedMessage;
import dev.mvmqtt.tck.target.MqttVersion;
import dev.mvmqtt.tck.target.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

/** Connect outcomes against a real broker and real failure conditions: CONN, and the connect-related GEN rules. */
class ConnectTests {

    /** A loopback port on which nothing listens: bound, noted, closed. */
    private static int closedLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            return s.getLocalPort();
        }
    }

    @TargetTest
    @Asserts({"CONN-OK-1", "READ-CONN-1"})
    void connectToAcceptingBrokerCompletesAndPublishesReachTheBroker(TckTarget target) {
        String topic = target.uniqueTopic("conn-ok");
        byte[] payload = binaryPayload("conn-ok");
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            observer.subscribe(topic, 1);
            int ch = fw.openChannel();
            MvMqttConnectResponse r = fw.connect(
                    ch,
                    Firmware.connectRequest(target, target.uniqueClientId("connok"))
                            .build());
            rule("CONN-OK-1", "connect to an accepting broker")
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            rule("CONN-OK-1", "reason_code of a completed connect")
                    .assertThat(r.reasonCode)
                    .isZero();
            MvMqttPublishResponse p = fw.publish(ch, MvMqttPublishRequest.of(7, topic, payload, 1, false));
            rule("CONN-OK-1", "publish on the connected channel")
                    .assertThat(p.state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            ReceivedMessage m = observer.awaitMessages(
                            1, fw.timeout(), x -> x.topic().equals(topic))
                    .get(0);
            rule("CONN-OK-1", "the publish reached the broker byte for byte")
                    .assertThat(m.payload())
                    .isEqualTo(payload);
        }
    }

    /**
     * MQTT 5 witness: no-local exists only in MQTT 5, so a device whose own publication does not come back on a
     * no-local subscription (while the observer sees it, and the observer's publication does come back) is speaking
     * MQTT 5.
     */
    @TargetTest(versions = MqttVersion.V5)
    @Asserts({"CONN-VER-1", "SUB-OPTS-1"})
    void v5ConnectSpeaksMqtt5(TckTarget target) {
        String topic = target.uniqueTopic("ver5");
        byte[] own = utf8("device's own");
        byte[] other = utf8("from the observer");
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            observer.subscribe(topic, 1);
            int ch = fw.connected(target);
            var sub = fw.subscribe(
                    ch, MvMqttSubscribeRequest.of(9, new MvMqttSubscription(MvSizedString.of(topic), 0, 1, 0, 0)));
            rule("SUB-OPTS-1", "subscribe with no-local on MQTT 5")
                    .assertThat(sub.state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            assertThat(fw.publish(ch, MvMqttPublishRequest.of(10, topic, own, 0, false))
                            .state())
                    .as("publish on the no-local topic")
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            observer.awaitMessages(1, fw.timeout(), m -> m.is(topic, own));
            observer.publish(topic, other, 0, false);
            MvMqttMessage m = fw.receive(ch);
            rule(
                            "CONN-VER-1",
                            "with V5 the broker honours no-local (an MQTT 5 connection): the first message back is the observer's, not the device's own")
                    .assertThat(m.payload().written())
                    .isEqualTo(other);
        }
    }

    /**
     * MQTT 3.1.1 witness: a zero-length client id with clean session 0 must be rejected by a 3.1.1 server
     * [MQTT-3.1.3-8]; under MQTT 5 the server would assign an id.
     */
    @TargetTest(versions = MqttVersion.V3_1_1)
    @Asserts({"CONN-VER-1", "SESS-ZERO-2", "CONN-OK-2"})
    void v311ZeroLengthClientIdWithoutCleanStartIsRejected(TckTarget target) {
        String topic = target.uniqueTopic("zero2");
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            observer.subscribe(topic, 1);
            int ch = fw.openChannel();
            MvMqttConnectRequest request = Firmware.connectRequest(target, "x")
                    .clientId(MvSizedString.EMPTY)
                    .cleanStart(false)
                    .build();
            MvMqttConnectResponse r = fw.connect(ch, request);
            rules("SESS-ZERO-2", "CONN-VER-1", "CONN-OK-2")
                    .as("a 3.1.1 broker rejects a zero-length client id with clean_start 0")
                    .assertThat(r.state())
                    .isNotEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            // no connection is established: a publish does not reach the broker
            fw.mv().mvMqttRequestPublish(ch, MvMqttPublishRequest.of(3, topic, utf8("x"), 0, false));
            observer.assertNoMessageWithin(target.quietWindow());
        }
    }

    @TargetTest(versions = MqttVersion.V3_1_1)
    @Asserts("SESS-ZERO-1")
    void v311ZeroLengthClientIdWithCleanStartIsAccepted(TckTarget target) {
        String topic = target.uniqueTopic("zero1");
        byte[] payload = utf8("zero-length id");
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            observer.subscribe(topic, 1);
            int ch = fw.openChannel();
            MvMqttConnectResponse r = fw.connect(
                    ch,
                    Firmware.connectRequest(target, "x")
                            .clientId(MvSizedString.EMPTY)
                            .cleanStart(true)
                            .build());
            rule("SESS-ZERO-1", "zero-length client id with clean_start 1 on 3.1.1")
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            assertThat(fw.publish(ch, MvMqttPublishRequest.of(4, topic, payload, 1, false))
                            .state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            observer.awaitMessages(1, fw.timeout(), m -> m.is(topic, payload));
        }
    }

    @TargetTest
    @Asserts({"CONN-NXDOMAIN-1", "GEN-STATE-1"})
    void unresolvableHostIsAnsweredNxdomain(TckTarget target) {
        try (Firmware fw = Firmware.start(target)) {
            int ch = fw.openChannel();
            MvMqttConnectResponse r = fw.connect(
                    ch,
                    Firmware.connectRequest(target, target.uniqueClientId("nx"))
                            .host("no-such-broker.mvmqtt-tck.invalid")
                            .build());
            rule("CONN-NXDOMAIN-1", "connect to a host under .invalid")
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.NXDOMAIN);
            rule("GEN-STATE-1", "connect-only states never answer subscribe/unsubscribe/publish/disconnect")
                    .assertThat(statesOfAcceptedRequests(fw, ch, target.uniqueTopic("nx")))
                    .doesNotContainAnyElementsOf(CONNECT_ONLY_STATES);
        }
    }

    @TargetTest
    @Asserts({"CONN-SOCKET-1", "CONN-REF-6", "GEN-STATE-1"})
    void closedPortIsAnsweredSocketError(TckTarget target) throws IOException {
        int port = closedLoopbackPort();
        try (Firmware fw = Firmware.start(target)) {
            int ch = fw.openChannel();
            MvMqttConnectResponse r = fw.connect(
                    ch,
                    Firmware.connectRequest(target, target.uniqueClientId("sock"))
                            .host("127.0.0.1")
                            .port(port)
                            .build());
            rule("CONN-SOCKET-1", "connect to a loopback port nothing listens on")
                    .assertThat(r.state())
                    .isNotEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            rule("CONN-REF-6", "connect to a loopback port nothing listens on")
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.SOCKETERROR);
            rule("GEN-STATE-1", "connect-only states never answer subscribe/unsubscribe/publish/disconnect")
                    .assertThat(statesOfAcceptedRequests(fw, ch, target.uniqueTopic("sock")))
                    .doesNotContainAnyElementsOf(CONNECT_ONLY_STATES);
        }
    }

    @TargetTest
    @Asserts("CONN-ONCE-1")
    void secondConnectOnAConnectedChannelIsRefused(TckTarget target) {
        String topic = target.uniqueTopic("once");
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            String id = target.uniqueClientId("once");
            int ch = fw.connected(target, Firmware.connectRequest(target, id).build());
            rule("CONN-ONCE-1", "a second connect on the channel")
                    .assertThat(fw.mv()
                            .mvMqttRequestConnect(
                                    ch,
                                    Firmware.connectRequest(target, target.uniqueClientId("once2"))
                                            .build()))
                    .isEqualTo(MvStatus.REQUESTALREADYSENT);
            // issued nothing: no second response, and the first connection is intact
            rule("CONN-ONCE-1", "nothing readable after the refused connect")
                    .assertThat(fw.nextReadable(ch))
                    .isEqualTo(MvMqttReadableDataType.NONE);
            observer.subscribe(topic, 1);
            assertThat(fw.publish(ch, MvMqttPublishRequest.of(5, topic, utf8("still"), 1, false))
                            .state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            observer.awaitMessages(1, fw.timeout(), m -> m.topic().equals(topic));
        }
    }

    /** CONN-REF-1: REQUESTALREADYSENT whatever the first outcome; ALREADYCONNECTED never written. */
    @TargetTest
    @Asserts({"CONN-REF-1", "CONN-ONCE-1"})
    void secondConnectIsRequestAlreadySentWhateverTheOutcome(TckTarget target) throws IOException {
        try (Firmware fw = Firmware.start(target)) {
            // completed, then gracefully disconnected
            int completed = fw.connected(target);
            rule("CONN-REF-1", "second connect after a completed connect")
                    .assertThat(fw.mv()
                            .mvMqttRequestConnect(
                                    completed,
                                    Firmware.connectRequest(target, target.uniqueClientId("r1"))
                                            .build()))
                    .isEqualTo(MvStatus.REQUESTALREADYSENT);
            assertThat(fw.disconnect(completed).state()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            rule("CONN-REF-1", "second connect after a graceful disconnect")
                    .assertThat(fw.mv()
                            .mvMqttRequestConnect(
                                    completed,
                                    Firmware.connectRequest(target, target.uniqueClientId("r2"))
                                            .build()))
                    .isEqualTo(MvStatus.REQUESTALREADYSENT);
            fw.closeChannel(completed);

            // failed (SOCKETERROR)
            int failed = fw.openChannel();
            MvMqttConnectResponse f = fw.connect(
                    failed,
                    Firmware.connectRequest(target, target.uniqueClientId("r3"))
                            .host("127.0.0.1")
                            .port(closedLoopbackPort())
                            .build());
            assertThat(f.state()).isNotEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            rule("CONN-REF-1", "second connect after a failed connect")
                    .assertThat(fw.mv()
                            .mvMqttRequestConnect(
                                    failed,
                                    Firmware.connectRequest(target, target.uniqueClientId("r4"))
                                            .build()))
                    .isEqualTo(MvStatus.REQUESTALREADYSENT);

            // refused by the broker (3.1.1: zero-length id without clean session; 5: wrong password)
            int refused = fw.openChannel();
            MvMqttConnectRequest refusedRequest = target.version() == MqttVersion.V3_1_1
                    ? Firmware.connectRequest(target, "x")
                            .clientId(MvSizedString.EMPTY)
                            .cleanStart(false)
                            .build()
                    : Firmware.connectRequest(target, target.uniqueClientId("r5"))
                            .authentication(MvMqttAuthentication.usernamePassword(
                                    target.credentials().username(),
                                    target.credentials().wrongPassword()))
                            .build();
            MvMqttConnectResponse rr = fw.connect(refused, refusedRequest);
            assertThat(rr.state()).isNotEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            rule("CONN-REF-1", "second connect after a refused connect")
                    .assertThat(fw.mv()
                            .mvMqttRequestConnect(
                                    refused,
                                    Firmware.connectRequest(target, target.uniqueClientId("r6"))
                                            .build()))
                    .isEqualTo(MvStatus.REQUESTALREADYSENT);

            // never ALREADYCONNECTED, never a second connect response
            for (int ch : new int[] {failed, refused}) {
                rule("CONN-REF-1", "no response follows a refused second connect")
                        .assertThat(fw.nextReadable(ch))
                        .isEqualTo(MvMqttReadableDataType.NONE);
            }
        }
    }

    /**
     * A listener that accepts TCP (the kernel completes the handshake into its backlog) but never answers: the
     * connect stays pending until the listener closes.
     */
    @TargetTest
    @Asserts({"GEN-REF-1", "CONN-REF-1"})
    void requestsWhileConnectPendingAreAnsweredNotConnected(TckTarget target) throws IOException {
        try (Firmware fw = Firmware.start(target)) {
            int ch = fw.openChannel();
            try (ServerSocket silent = new ServerSocket()) {
                silent.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 8);
                MvMqttConnectRequest request = Firmware.connectRequest(target, target.uniqueClientId("pend"))
                        .host("127.0.0.1")
                        .port(silent.getLocalPort())
                        .build();
                assertThat(fw.mv().mvMqttRequestConnect(ch, request))
                        .as("connect to a silent listener")
                        .isEqualTo(MvStatus.OKAY);
                rule("CONN-REF-1", "second connect while the first is pending")
                        .assertThat(fw.mv().mvMqttRequestConnect(ch, request))
                        .isEqualTo(MvStatus.REQUESTALREADYSENT);
                List<MvMqttRequestState> states = issueEachRequest(fw, ch, target.uniqueTopic("pend"));
                rule("GEN-REF-1", "subscribe, unsubscribe, publish, disconnect while the connect is pending")
                        .assertThat(states)
                        .containsOnly(MvMqttRequestState.NOTCONNECTED);
            }
            MvMqttConnectResponse r = awaitConnectResponse(fw, ch);
            rule("CONN-REF-1", "connect to a listener that closed without answering")
                    .assertThat(r.state())
                    .isNotIn(MvMqttRequestState.REQUESTCOMPLETED, MvMqttRequestState.ALREADYCONNECTED);
        }
    }

    @TargetTest
    @Asserts("GEN-REF-1")
    void requestsAfterFailedOrRefusedConnectAreAnsweredNotConnected(TckTarget target) throws IOException {
        try (Firmware fw = Firmware.start(target)) {
            int failed = fw.openChannel();
            fw.connect(
                    failed,
                    Firmware.connectRequest(target, target.uniqueClientId("gf"))
                            .host("127.0.0.1")
                            .port(closedLoopbackPort())
                            .build());
            rule("GEN-REF-1", "requests after a failed connect (SOCKETERROR)")
                    .assertThat(issueEachRequest(fw, failed, target.uniqueTopic("gf")))
                    .containsOnly(MvMqttRequestState.NOTCONNECTED);
            int nx = fw.openChannel();
            fw.connect(
                    nx,
                    Firmware.connectRequest(target, target.uniqueClientId("gn"))
                            .host("broker.mvmqtt-tck.invalid")
                            .build());
            rule("GEN-REF-1", "requests after a failed connect (NXDOMAIN)")
                    .assertThat(issueEachRequest(fw, nx, target.uniqueTopic("gn")))
                    .containsOnly(MvMqttRequestState.NOTCONNECTED);
            int refused = fw.openChannel();
            MvMqttConnectResponse r = fw.connect(
                    refused,
                    Firmware.connectRequest(target, target.uniqueClientId("gr"))
                            .authentication(MvMqttAuthentication.usernamePassword(
                                    target.credentials().username(),
                                    target.credentials().wrongPassword()))
                            .build());
            rule("GEN-REF-1").assertThat(r.state()).isNotEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            rule("GEN-REF-1", "requests after a connect the broker refused")
                    .assertThat(issueEachRequest(fw, refused, target.uniqueTopic("gr")))
                    .containsOnly(MvMqttRequestState.NOTCONNECTED);
        }
    }

    /**
     * Keepalive: with keepalive 2 s a broker drops a silent client after 3 s; the device keeps the connection
     * alive (PINGREQ) over 3.5 s of no application traffic. Transport-independent, so plain targets only.
     * (Keepalive 1 s proved too tight for a loaded 2-core CI machine: one ping round trip late and the
     * connection goes, which says nothing about the implementation.)
     */
    @TargetTest(transport = Transport.PLAIN)
    @Asserts("CONN-OK-1")
    void keepaliveHoldsAnIdleConnection(TckTarget target) {
        String topic = target.uniqueTopic("keepalive");
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            observer.subscribe(topic, 1);
            int ch = fw.connected(
                    target,
                    Firmware.connectRequest(target, target.uniqueClientId("ka"))
                            .keepalive(2)
                            .build());
            ConnectionSupport.assertNoRecordWithin(
                    fw,
                    MvEventType.CHANNELNOTCONNECTED,
                    target.timeout(Duration.ofMillis(3500)),
                    rule("CONN-OK-1", "keepalive 2 s: the idle connection must survive 3.5 s"));
            assertThat(fw.publish(ch, MvMqttPublishRequest.of(6, topic, utf8("alive"), 1, false))
                            .state())
                    .as("publish after 3.5 s idle with keepalive 2 s")
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            observer.awaitMessages(1, fw.timeout(), m -> m.topic().equals(topic));
        }
    }
}
