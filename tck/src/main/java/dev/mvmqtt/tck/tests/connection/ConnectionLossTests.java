package dev.mvmqtt.tck.tests.connection;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.assertSameMessage;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.awaitNth;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.binaryPayload;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.closureReason;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.publishRequest;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.subscribeRequest;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.unsubscribeRequest;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.utf8;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.will;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.NetworkLink;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvClosureReason;
import dev.mvmqtt.spec.api.codes.MvEventType;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttDisconnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.spec.api.notify.NotificationRecord;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TargetTest;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;
import dev.mvmqtt.tck.observer.ReceivedMessage;
import dev.mvmqtt.tck.target.MqttVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;

/**
 * Connection loss from real causes: the broker drops the device (session takeover: an observer connects with the
 * device's client id) or the device's network link goes down (when the implementation offers one).
 */
class ConnectionLossTests {

    private static NetworkLink linkOrSkip(Firmware fw) {
        Assumptions.assumeTrue(fw.mv().networkLink().isPresent(), "implementation offers no network link control");
        return fw.mv().networkLink().get();
    }

    /** Every request call on a lost channel answers CHANNELCLOSED; nothing is issued (no record, no packet). */
    private static void assertRequestsAnswerChannelClosed(
            Firmware fw, int ch, TckTarget target, Observer observer, String topic) {
        int records = fw.recordsSeen().size();
        rule("LOSS-CLOSED-1", "connect after a connection loss")
                .assertThat(fw.mv()
                        .mvMqttRequestConnect(
                                ch,
                                Firmware.connectRequest(target, target.uniqueClientId("again"))
                                        .build()))
                .isEqualTo(MvStatus.CHANNELCLOSED);
        rule("LOSS-CLOSED-1", "subscribe after a connection loss")
                .assertThat(fw.mv().mvMqttRequestSubscribe(ch, subscribeRequest(1, topic, 1)))
                .isEqualTo(MvStatus.CHANNELCLOSED);
        rule("LOSS-CLOSED-1", "unsubscribe after a connection loss")
                .assertThat(fw.mv().mvMqttRequestUnsubscribe(ch, unsubscribeRequest(2, topic)))
                .isEqualTo(MvStatus.CHANNELCLOSED);
        rule("LOSS-CLOSED-1", "publish after a connection loss")
                .assertThat(fw.mv().mvMqttRequestPublish(ch, publishRequest(3, topic, utf8("lost"), 1)))
                .isEqualTo(MvStatus.CHANNELCLOSED);
        rule("LOSS-CLOSED-1", "acknowledge after a connection loss")
                .assertThat(fw.mv().mvMqttAcknowledgeMessage(ch, 1))
                .isEqualTo(MvStatus.CHANNELCLOSED);
        rule("LOSS-CLOSED-1", "disconnect after a connection loss")
                .assertThat(fw.mv().mvMqttRequestDisconnect(ch))
                .isEqualTo(MvStatus.CHANNELCLOSED);
        observer.assertNoMessageWithin(target.quietWindow(), m -> m.topic().equals(topic));
        rule("LOSS-CLOSED-1", "the refused requests issued nothing (no notification)")
                .assertThat(fw.recordsSeen().subList(records, fw.recordsSeen().size()))
                .isEmpty();
    }

    @TargetTest
    @Asserts({"LOSS-NOTIF-1", "LOSS-CLOSED-1", "LOSS-REASON-1"})
    void sessionTakeoverIsAConnectionLoss(TckTarget target) {
        String id = target.uniqueClientId("takeover");
        String topic = target.uniqueTopic("takeover");
        try (Firmware fw = Firmware.start(target);
                Observer watcher = target.observer()) {
            watcher.subscribe(topic, 1);
            int ch = fw.connected(target, Firmware.connectRequest(target, id).build());
            try (Observer thief = target.observerBuilder().clientId(id).connect()) {
                NotificationRecord r = awaitNth(fw, MvEventType.CHANNELNOTCONNECTED, 1);
                rule("LOSS-NOTIF-1", "CHANNELNOTCONNECTED carries the channel's notification tag")
                        .assertThat(r.tag())
                        .isEqualTo(Firmware.CHANNEL_TAG);
                assertRequestsAnswerChannelClosed(fw, ch, target, watcher, topic);
                rule("LOSS-REASON-1", "closure reason after the broker dropped the connection")
                        .assertThat(closureReason(fw, ch))
                        .isNotEqualTo(MvClosureReason.NONE);
            }
        }
    }

    @TargetTest
    @Asserts({"LOSS-REF-3", "LOSS-REF-2"})
    void afterTakeoverQueuedDataStaysReadableAndReasonIsClosedByServer(TckTarget target) {
        String id = target.uniqueClientId("takeover2");
        String topic = target.uniqueTopic("takeover2");
        byte[] payload = binaryPayload("queued before the loss");
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int ch = fw.connected(target, Firmware.connectRequest(target, id).build());
            fw.subscribed(ch, topic, 0);
            observer.publish(topic, payload, 0, false);
            fw.awaitReadable(ch, MvMqttReadableDataType.MESSAGERECEIVED); // queued, not read
            try (Observer thief = target.observerBuilder().clientId(id).connect()) {
                awaitNth(fw, MvEventType.CHANNELNOTCONNECTED, 1);
                rule("LOSS-REF-3", "the broker closed the connection")
                        .assertThat(closureReason(fw, ch))
                        .isEqualTo(MvClosureReason.CHANNELCLOSEDBYSERVER);
                rule("LOSS-REF-2", "the message queued before the loss is still readable")
                        .assertThat(fw.nextReadable(ch))
                        .isEqualTo(MvMqttReadableDataType.MESSAGERECEIVED);
                MvMqttMessage m = MvMqttMessage.allocate(1024, 1024);
                rule("LOSS-REF-2", "mvMqttReceiveMessage after the loss")
                        .assertThat(fw.mv().mvMqttReceiveMessage(ch, m))
                        .isEqualTo(MvStatus.OKAY);
                rule("LOSS-REF-2", "the queued message byte for byte")
                        .assertThat(m)
                        .hasTopic(topic)
                        .hasPayload(payload);
                U32Ref type = new U32Ref(-1);
                if (fw.mv().mvMqttGetNextReadableDataType(ch, type) == MvStatus.OKAY
                        && type.get() == MvMqttReadableDataType.DISCONNECTRESPONSE.code()) {
                    // A broker that sent an MQTT 5 DISCONNECT for the takeover: its disconnect response (DISC-REF-2).
                    assertThat(fw.mv().mvMqttReadDisconnectResponse(ch, new MvMqttDisconnectResponse()))
                            .isEqualTo(MvStatus.OKAY);
                }
                rule("LOSS-REF-2", "once nothing is left, mvMqttGetNextReadableDataType answers CHANNELCLOSED")
                        .assertThat(fw.mv().mvMqttGetNextReadableDataType(ch, type))
                        .isEqualTo(MvStatus.CHANNELCLOSED);
            }
        }
    }

    /**
     * DISC-REF-2: a broker DISCONNECT (0x8E, session taken over) is readable as a disconnect response carrying the
     * broker's code, as the demo reads it on its dropped-connection path, and the loss follows. Brokers differ here
     * (HiveMQ CE sends the DISCONNECT, mosquitto 2.0 just closes), so a probe client learns first what this broker
     * does; a broker that sends nothing must not get a response made up for it.
     */
    @TargetTest(versions = MqttVersion.V5)
    @Asserts("DISC-REF-2")
    void v5BrokerDisconnectIsReadableWithItsCodeThenALoss(TckTarget target) {
        OptionalInt brokerSays;
        String probeId = target.uniqueClientId("takeover-probe");
        try (Observer probe = target.observerBuilder().clientId(probeId).connect();
                Observer probeThief = target.observerBuilder().clientId(probeId).connect()) {
            brokerSays = probe.awaitEndedByBroker(target.timeout(Firmware.ANSWER_TIMEOUT));
        }
        String id = target.uniqueClientId("takeover5");
        try (Firmware fw = Firmware.start(target)) {
            int ch = fw.connected(target, Firmware.connectRequest(target, id).build());
            try (Observer thief = target.observerBuilder().clientId(id).connect()) {
                awaitNth(fw, MvEventType.CHANNELNOTCONNECTED, 1);
                if (brokerSays.isEmpty()) {
                    rule("DISC-REF-2", "a takeover without DISCONNECT is a connection loss")
                            .assertThat(closureReason(fw, ch))
                            .isEqualTo(MvClosureReason.CHANNELCLOSEDBYSERVER);
                    rule("DISC-REF-2", "the broker sent no DISCONNECT, so no disconnect response is made up")
                            .assertThat(fw.mv().mvMqttGetNextReadableDataType(ch, new U32Ref(-1)))
                            .isEqualTo(MvStatus.CHANNELCLOSED);
                    return;
                }
                U32Ref type = new U32Ref(-1);
                rule("DISC-REF-2", "the queued response is still readable")
                        .assertThat(fw.mv().mvMqttGetNextReadableDataType(ch, type))
                        .isEqualTo(MvStatus.OKAY);
                rule("DISC-REF-2", "a disconnect response for the broker's DISCONNECT")
                        .assertThat(MvMqttReadableDataType.of(type.get()))
                        .isEqualTo(MvMqttReadableDataType.DISCONNECTRESPONSE);
                MvMqttDisconnectResponse r = new MvMqttDisconnectResponse();
                assertThat(fw.mv().mvMqttReadDisconnectResponse(ch, r)).isEqualTo(MvStatus.OKAY);
                rule("DISC-REF-2", "request_state").assertThat(r.state()).isEqualTo(MvMqttRequestState.NOTCONNECTED);
                rule("DISC-REF-2", "disconnect_code is the broker's (the probe saw 0x%x)", brokerSays.getAsInt())
                        .assertThat(r.disconnectCode)
                        .isEqualTo(brokerSays.getAsInt());
                rule("DISC-REF-2", "then the connection loss")
                        .assertThat(closureReason(fw, ch))
                        .isEqualTo(MvClosureReason.CHANNELCLOSEDBYSERVER);
                rule("DISC-REF-2", "nothing else left to read")
                        .assertThat(fw.mv().mvMqttGetNextReadableDataType(ch, type))
                        .isEqualTo(MvStatus.CHANNELCLOSED);
            }
        }
    }

    @TargetTest
    @Asserts({"NET-NOTIF-1", "CHAN-NET-1", "LOSS-NOTIF-1", "LOSS-CLOSED-1", "LOSS-REASON-1", "WILL-UNEXP-1"})
    void networkLinkDownLosesTheConnectionAndPublishesTheWill(TckTarget target) {
        String willTopic = target.uniqueTopic("net/will");
        byte[] willPayload = binaryPayload("link down");
        String topic = target.uniqueTopic("net/after");
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            NetworkLink link = linkOrSkip(fw);
            observer.subscribe(willTopic, 2);
            observer.subscribe(topic, 1);
            int ch = fw.connected(
                    target,
                    Firmware.connectRequest(target, target.uniqueClientId("netdown"))
                            .will(will(willTopic, willPayload, 1, false))
                            .build());
            link.down();
            try {
                NotificationRecord net = awaitNth(fw, MvEventType.NETWORKSTATUSCHANGED, 1);
                rule("NET-NOTIF-1", "NETWORKSTATUSCHANGED carries the network's notification tag")
                        .assertThat(net.tag())
                        .isEqualTo(Firmware.NETWORK_TAG);
                NotificationRecord lost = awaitNth(fw, MvEventType.CHANNELNOTCONNECTED, 1);
                rule("LOSS-NOTIF-1", "CHANNELNOTCONNECTED carries the channel's tag")
                        .assertThat(lost.tag())
                        .isEqualTo(Firmware.CHANNEL_TAG);
                U32Ref other = new U32Ref();
                rule("CHAN-NET-1", "mvOpenChannel while the network is not connected")
                        .assertThat(fw.mv().mvOpenChannel(fw.channelParams(2048).build(), other))
                        .isEqualTo(MvStatus.NETWORKNOTCONNECTED);
                ReceivedMessage m = observer.awaitMessages(
                                1, fw.timeout(), x -> x.topic().equals(willTopic))
                        .get(0);
                assertSameMessage(m, willTopic, willPayload, rule("WILL-UNEXP-1", "the will after the link went down"));
                assertRequestsAnswerChannelClosed(fw, ch, target, observer, topic);
                rule("LOSS-REASON-1", "closure reason after the link went down")
                        .assertThat(closureReason(fw, ch))
                        .isNotEqualTo(MvClosureReason.NONE);
            } finally {
                link.up();
            }
            NotificationRecord back = awaitNth(fw, MvEventType.NETWORKSTATUSCHANGED, 2);
            rule("NET-NOTIF-1", "the link coming back is notified too")
                    .assertThat(back.tag())
                    .isEqualTo(Firmware.NETWORK_TAG);
        }
    }

    /** Requests in flight when the link goes down: each answered once, NOTCONNECTED, before CHANNELNOTCONNECTED. */
    @TargetTest
    @Asserts({"LOSS-REF-1", "LOSS-REF-3"})
    void requestsInFlightAtALossAreAnsweredNotConnectedFirst(TckTarget target) {
        String topic = target.uniqueTopic("net/inflight");
        try (Firmware fw = Firmware.start(target)) {
            NetworkLink link = linkOrSkip(fw);
            int ch = fw.connected(target);
            int n = 16;
            for (int i = 0; i < n; i++) {
                assertThat(fw.mv().mvMqttRequestPublish(ch, publishRequest(100 + i, topic, utf8("in flight " + i), 1)))
                        .isEqualTo(MvStatus.OKAY);
            }
            link.down();
            try {
                awaitNth(fw, MvEventType.CHANNELNOTCONNECTED, 1);
                // by the time CHANNELNOTCONNECTED is written every request has its response: read them without waiting
                List<Integer> correlations = new ArrayList<>();
                List<MvMqttRequestState> states = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    rule("LOSS-REF-1", "response %d of %d is readable when CHANNELNOTCONNECTED is written", i + 1, n)
                            .assertThat(fw.nextReadable(ch))
                            .isEqualTo(MvMqttReadableDataType.PUBLISHRESPONSE);
                    MvMqttPublishResponse p = new MvMqttPublishResponse();
                    assertThat(fw.mv().mvMqttReadPublishResponse(ch, p)).isEqualTo(MvStatus.OKAY);
                    correlations.add(p.correlationId);
                    states.add(p.state());
                }
                rule("LOSS-REF-1", "exactly one response per request")
                        .assertThat(correlations)
                        .containsExactlyInAnyOrderElementsOf(
                                IntStream.range(100, 100 + n).boxed().toList());
                rule("LOSS-REF-1", "a request is completed by the broker or answered NOTCONNECTED")
                        .assertThat(states)
                        .isSubsetOf(MvMqttRequestState.REQUESTCOMPLETED, MvMqttRequestState.NOTCONNECTED);
                rule("LOSS-REF-1", "the requests still in flight at the loss are answered NOTCONNECTED")
                        .assertThat(states)
                        .contains(MvMqttRequestState.NOTCONNECTED);
                U32Ref type = new U32Ref(-1);
                rule("LOSS-REF-1", "no further response")
                        .assertThat(fw.mv().mvMqttGetNextReadableDataType(ch, type))
                        .isEqualTo(MvStatus.CHANNELCLOSED);
                rule("LOSS-REF-3", "the device's network link went down")
                        .assertThat(closureReason(fw, ch))
                        .isEqualTo(MvClosureReason.NETWORKDISCONNECTED);
            } finally {
                link.up();
            }
        }
    }
}
