package dev.mvmqtt.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.mvmqtt.reference.support.Device;
import dev.mvmqtt.reference.support.LocalBrokers;
import dev.mvmqtt.reference.support.LocalBrokers.Broker;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvEventType;
import dev.mvmqtt.spec.api.codes.MvMqttProtocolVersion;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttDisconnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscription;
import dev.mvmqtt.spec.api.mqtt.MvMqttWill;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference against real brokers, plain TCP: HiveMQ CE embedded and mosquitto, MQTT 3.1.1 and 5.
 * The exhaustive conformance tests are the TCK's; these cover the relay's main flows.
 */
@ExtendWith(LocalBrokers.class)
class BrokerFlowTest {
    /** How long a thing that must not happen is given to happen anyway. */
    private static final Duration MUST_NOT_HAPPEN_WINDOW = Duration.ofMillis(1500);

    static Stream<Arguments> targets() {
        return Stream.of(Broker.values())
                .flatMap(b -> Stream.of(MvMqttProtocolVersion.V3_1_1, MvMqttProtocolVersion.V5)
                        .map(v -> Arguments.of(b, v)));
    }

    private static int port(Broker broker) throws Exception {
        if (broker == Broker.MOSQUITTO) {
            try {
                return LocalBrokers.port(broker);
            } catch (IllegalStateException e) {
                Assumptions.abort(e.getMessage());
            }
        }
        return LocalBrokers.port(broker);
    }

    private static MvMqttConnectRequest.Builder connect(MvMqttProtocolVersion version, int port, String clientId) {
        return MvMqttConnectRequest.builder()
                .protocolVersion(version)
                .host("127.0.0.1")
                .port(port)
                .clientId(clientId)
                .keepalive(30);
    }

    private static MvMqttConnectResponse connectAndRead(Device d, int ch, MvMqttConnectRequest request)
            throws Exception {
        assertThat(d.mv.mvMqttRequestConnect(ch, request)).isEqualTo(MvStatus.OKAY);
        d.awaitReadable(ch, MvMqttReadableDataType.CONNECTRESPONSE);
        MvMqttConnectResponse response = new MvMqttConnectResponse();
        assertThat(d.mv.mvMqttReadConnectResponse(ch, response)).isEqualTo(MvStatus.OKAY);
        return response;
    }

    private static void subscribe(Device d, int ch, String topic, int qos) throws Exception {
        assertThat(d.mv.mvMqttRequestSubscribe(ch, MvMqttSubscribeRequest.of(77, MvMqttSubscription.of(topic, qos))))
                .isEqualTo(MvStatus.OKAY);
        d.awaitReadable(ch, MvMqttReadableDataType.SUBSCRIBERESPONSE);
        MvMqttSubscribeResponse sub = MvMqttSubscribeResponse.withRoomFor(8);
        assertThat(d.mv.mvMqttReadSubscribeResponse(ch, sub)).isEqualTo(MvStatus.OKAY);
        assertThat(sub.state()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
        assertThat(sub.correlationId().get()).isEqualTo(77);
        assertThat(sub.writtenReasonCodes())
                .as("SUB-REF-1: a grant reads 0 at any QoS")
                .containsExactly(0);
    }

    private static Mqtt5BlockingClient observer(int port) {
        Mqtt5BlockingClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier("observer-" + UUID.randomUUID())
                .serverHost("127.0.0.1")
                .serverPort(port)
                .buildBlocking();
        client.connect();
        return client;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targets")
    void connectSubscribeReceiveAcknowledgePublishDisconnect(Broker broker, MvMqttProtocolVersion version)
            throws Exception {
        int port = port(broker);
        String topic = "ref/flow/" + UUID.randomUUID();
        try (Device d = new Device();
                Mqtt5BlockingClient.Mqtt5Publishes seen = observerPublishes(port, topic + "/out")) {
            int ch = d.openChannel();
            MvMqttConnectResponse connack = connectAndRead(
                    d, ch, connect(version, port, "ref-" + UUID.randomUUID()).build());
            assertThat(connack.state()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            assertThat(connack.reasonCode).isZero();
            subscribe(d, ch, topic + "/in", 1);

            Mqtt5BlockingClient obs = observer(port);
            byte[] payload = {0, 1, 2, (byte) 0xff};
            obs.publishWith()
                    .topic(topic + "/in")
                    .payload(payload)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            d.awaitReadable(ch, MvMqttReadableDataType.MESSAGERECEIVED);
            MvMqttMessage message = MvMqttMessage.allocate(256, 256);
            assertThat(d.mv.mvMqttReceiveMessage(ch, message)).isEqualTo(MvStatus.OKAY);
            assertThat(new String(message.topic().written(), StandardCharsets.UTF_8))
                    .isEqualTo(topic + "/in");
            assertThat(message.payload().written()).containsExactly(payload);
            assertThat(message.qos().get()).isEqualTo(1);
            assertThat(d.mv.mvMqttAcknowledgeMessage(ch, message.correlationId().get()))
                    .isEqualTo(MvStatus.OKAY);
            obs.disconnect();

            assertThat(d.mv.mvMqttRequestPublish(
                            ch,
                            MvMqttPublishRequest.of(
                                    1234, topic + "/out", "hello".getBytes(StandardCharsets.UTF_8), 1, false)))
                    .isEqualTo(MvStatus.OKAY);
            d.awaitReadable(ch, MvMqttReadableDataType.PUBLISHRESPONSE);
            MvMqttPublishResponse pub = new MvMqttPublishResponse();
            assertThat(d.mv.mvMqttReadPublishResponse(ch, pub)).isEqualTo(MvStatus.OKAY);
            assertThat(pub.state()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            assertThat(pub.correlationId).isEqualTo(1234);
            Optional<Mqtt5Publish> received = seen.receive(10, TimeUnit.SECONDS);
            assertThat(received).isPresent();
            assertThat(received.get().getPayloadAsBytes()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));

            assertThat(d.mv.mvMqttRequestDisconnect(ch)).isEqualTo(MvStatus.OKAY);
            d.awaitReadable(ch, MvMqttReadableDataType.DISCONNECTRESPONSE);
            MvMqttDisconnectResponse disc = new MvMqttDisconnectResponse();
            assertThat(d.mv.mvMqttReadDisconnectResponse(ch, disc)).isEqualTo(MvStatus.OKAY);
            assertThat(disc.state()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
        }
    }

    /** An observer subscribed to {@code filter}; closing it disconnects. */
    private static Mqtt5BlockingClient.Mqtt5Publishes observerPublishes(int port, String filter) {
        Mqtt5BlockingClient client = observer(port);
        Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.SUBSCRIBED);
        client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
        return new Mqtt5BlockingClient.Mqtt5Publishes() {
            @Override
            public Mqtt5Publish receive() throws InterruptedException {
                return publishes.receive();
            }

            @Override
            public Optional<Mqtt5Publish> receive(long timeout, TimeUnit unit) throws InterruptedException {
                return publishes.receive(timeout, unit);
            }

            @Override
            public Optional<Mqtt5Publish> receiveNow() {
                return publishes.receiveNow();
            }

            @Override
            public void close() {
                publishes.close();
                client.disconnect();
            }
        };
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targets")
    void unacknowledgedQos1IsRedeliveredInTheNextPersistentSession(Broker broker, MvMqttProtocolVersion version)
            throws Exception {
        int port = port(broker);
        String topic = "ref/redeliver/" + UUID.randomUUID();
        String clientId = "ref-persist-" + UUID.randomUUID();
        try (Device d = new Device()) {
            int first = d.openChannel();
            assertThat(connectAndRead(
                                    d,
                                    first,
                                    connect(version, port, clientId)
                                            .cleanStart(false)
                                            .build())
                            .state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            subscribe(d, first, topic, 1);
            Mqtt5BlockingClient obs = observer(port);
            obs.publishWith()
                    .topic(topic)
                    .payload("once".getBytes(StandardCharsets.UTF_8))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            obs.disconnect();
            d.awaitReadable(first, MvMqttReadableDataType.MESSAGERECEIVED);
            MvMqttMessage message = MvMqttMessage.allocate(256, 256);
            assertThat(d.mv.mvMqttReceiveMessage(first, message)).isEqualTo(MvStatus.OKAY);
            // Not acknowledged. Disconnect gracefully and come back to the same session.
            assertThat(d.mv.mvMqttRequestDisconnect(first)).isEqualTo(MvStatus.OKAY);
            d.awaitReadable(first, MvMqttReadableDataType.DISCONNECTRESPONSE);
            assertThat(d.mv.mvCloseChannel(new U32Ref(first))).isEqualTo(MvStatus.OKAY);

            int second = d.openChannel();
            assertThat(connectAndRead(
                                    d,
                                    second,
                                    connect(version, port, clientId)
                                            .cleanStart(false)
                                            .build())
                            .state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            d.awaitReadable(second, MvMqttReadableDataType.MESSAGERECEIVED);
            MvMqttMessage again = MvMqttMessage.allocate(256, 256);
            assertThat(d.mv.mvMqttReceiveMessage(second, again)).isEqualTo(MvStatus.OKAY);
            assertThat(again.payload().written()).isEqualTo("once".getBytes(StandardCharsets.UTF_8));
            assertThat(again.qos().get()).isEqualTo(1);
            assertThat(d.mv.mvMqttAcknowledgeMessage(
                            second, again.correlationId().get()))
                    .isEqualTo(MvStatus.OKAY);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targets")
    void willIsPublishedOnAbruptDropAndNotOnGracefulDisconnect(Broker broker, MvMqttProtocolVersion version)
            throws Exception {
        int port = port(broker);
        String willTopic = "ref/will/" + UUID.randomUUID();
        try (Device d = new Device();
                Mqtt5BlockingClient.Mqtt5Publishes wills = observerPublishes(port, willTopic + "/#")) {
            // Graceful: the broker discards the will.
            int graceful = d.openChannel();
            MvMqttWill gracefulWill =
                    MvMqttWill.of(willTopic + "/graceful", "bye".getBytes(StandardCharsets.UTF_8), 0, false);
            assertThat(connectAndRead(
                                    d,
                                    graceful,
                                    connect(version, port, "ref-w1-" + UUID.randomUUID())
                                            .will(gracefulWill)
                                            .build())
                            .state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            assertThat(d.mv.mvMqttRequestDisconnect(graceful)).isEqualTo(MvStatus.OKAY);
            d.awaitReadable(graceful, MvMqttReadableDataType.DISCONNECTRESPONSE);
            assertThat(d.mv.mvCloseChannel(new U32Ref(graceful))).isEqualTo(MvStatus.OKAY);

            // Abrupt: closing the channel of a live connection drops it without DISCONNECT.
            int abrupt = d.openChannel();
            MvMqttWill abruptWill =
                    MvMqttWill.of(willTopic + "/abrupt", "lost".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(connectAndRead(
                                    d,
                                    abrupt,
                                    connect(version, port, "ref-w2-" + UUID.randomUUID())
                                            .will(abruptWill)
                                            .build())
                            .state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            assertThat(d.mv.mvCloseChannel(new U32Ref(abrupt))).isEqualTo(MvStatus.OKAY);

            Optional<Mqtt5Publish> will = wills.receive(15, TimeUnit.SECONDS);
            assertThat(will).as("the will of the dropped connection").isPresent();
            assertThat(will.get().getTopic().toString()).isEqualTo(willTopic + "/abrupt");
            assertThat(will.get().getPayloadAsBytes()).isEqualTo("lost".getBytes(StandardCharsets.UTF_8));
            assertThat(wills.receive(MUST_NOT_HAPPEN_WINDOW.toMillis(), TimeUnit.MILLISECONDS))
                    .as("no will after a graceful disconnect")
                    .isEmpty();
        }
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("targets")
    void unresolvableHostIsNxdomainAndRefusedPortIsSocketError(Broker broker, MvMqttProtocolVersion version)
            throws Exception {
        try (Device d = new Device()) {
            int ch1 = d.openChannel();
            MvMqttConnectResponse nx = connectAndRead(
                    d,
                    ch1,
                    connect(version, 1883, "ref-nx")
                            .host("no-such-broker.invalid")
                            .build());
            assertThat(nx.state()).isEqualTo(MvMqttRequestState.NXDOMAIN);
            int ch2 = d.openChannel();
            MvMqttConnectResponse refused = connectAndRead(
                    d,
                    ch2,
                    connect(version, LocalBrokers.closedPort(), "ref-refused").build());
            assertThat(refused.state()).isEqualTo(MvMqttRequestState.SOCKETERROR);
            // Later requests on a channel whose connect failed are accepted and answered NOTCONNECTED.
            assertThat(d.mv.mvMqttRequestPublish(ch2, MvMqttPublishRequest.of(5, "t", new byte[0], 0, false)))
                    .isEqualTo(MvStatus.OKAY);
            d.awaitReadable(ch2, MvMqttReadableDataType.PUBLISHRESPONSE);
            MvMqttPublishResponse pub = new MvMqttPublishResponse();
            assertThat(d.mv.mvMqttReadPublishResponse(ch2, pub)).isEqualTo(MvStatus.OKAY);
            assertThat(pub.state()).isEqualTo(MvMqttRequestState.NOTCONNECTED);
            assertThat(List.of(d.mv.mvMqttRequestConnect(
                            ch2, connect(version, 1, "x").build())))
                    .containsExactly(MvStatus.REQUESTALREADYSENT);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targets")
    void brokerSideDropIsChannelNotConnectedThenChannelClosed(Broker broker, MvMqttProtocolVersion version)
            throws Exception {
        int port = port(broker);
        String clientId = "ref-takeover-" + UUID.randomUUID();
        try (Device d = new Device()) {
            int ch = d.openChannel();
            assertThat(connectAndRead(d, ch, connect(version, port, clientId).build())
                            .state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            // Another client with the same id takes the session over: the broker drops the device.
            Mqtt5BlockingClient thief = MqttClient.builder()
                    .useMqttVersion5()
                    .identifier(clientId)
                    .serverHost("127.0.0.1")
                    .serverPort(port)
                    .buildBlocking();
            thief.connect();
            // HiveMQ CE tells an MQTT 5 client why (DISCONNECT 0x8E); mosquitto 2.0.11 just closes the connection.
            boolean brokerSaysWhy = version == MvMqttProtocolVersion.V5 && broker == Broker.HIVEMQ;
            try {
                if (brokerSaysWhy) {
                    d.awaitRecord(MvEventType.CHANNELDATAREADABLE);
                }
                d.awaitRecord(MvEventType.CHANNELNOTCONNECTED);
                assertThat(d.mv.mvMqttRequestPublish(ch, MvMqttPublishRequest.of(1, "t", new byte[0], 0, false)))
                        .isEqualTo(MvStatus.CHANNELCLOSED);
                U32Ref reason = new U32Ref();
                assertThat(d.mv.mvGetChannelClosureReason(ch, reason)).isEqualTo(MvStatus.OKAY);
                assertThat(reason.get())
                        .isEqualTo(dev.mvmqtt.spec.api.codes.MvClosureReason.CHANNELCLOSEDBYSERVER.code());
                if (brokerSaysWhy) {
                    // DISC-REF-2: the broker's DISCONNECT (0x8E, session taken over) is readable before the loss.
                    U32Ref type = new U32Ref();
                    assertThat(d.mv.mvMqttGetNextReadableDataType(ch, type)).isEqualTo(MvStatus.OKAY);
                    assertThat(type.get()).isEqualTo(MvMqttReadableDataType.DISCONNECTRESPONSE.code());
                    MvMqttDisconnectResponse disc = new MvMqttDisconnectResponse();
                    assertThat(d.mv.mvMqttReadDisconnectResponse(ch, disc)).isEqualTo(MvStatus.OKAY);
                    assertThat(disc.state()).isEqualTo(MvMqttRequestState.NOTCONNECTED);
                    assertThat(disc.disconnectCode).isEqualTo(0x8E);
                }
                assertThat(d.mv.mvMqttGetNextReadableDataType(ch, new U32Ref())).isEqualTo(MvStatus.CHANNELCLOSED);
            } finally {
                thief.disconnect();
            }
        }
    }
}
