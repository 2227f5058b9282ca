package dev.mvmqtt.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscription;
import dev.mvmqtt.spec.api.net.MvOpenChannelParams;
import dev.mvmqtt.spec.api.net.MvRequestNetworkParams;
import dev.mvmqtt.spec.api.notify.MvNotificationSetup;
import dev.mvmqtt.tck.broker.BrokerPool;
import dev.mvmqtt.tck.broker.RunningBroker;
import dev.mvmqtt.tck.observer.Observer;
import dev.mvmqtt.tck.observer.ReceivedMessage;
import dev.mvmqtt.tck.settings.ProvisioningMode;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.TargetId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The C path end to end: {@link NativeMicrovisor} lays Java requests out as C structs and calls libmvhost
 * (itself backed by the reference) through its exported C functions; interrupts come back through the
 * vector-table handlers libmvnative defines. A device connects to Mosquitto, subscribes, publishes to
 * itself, receives and acknowledges, and the broker's observer sees the publish.
 */
class NativeMicrovisorIT {
    private static final int IRQ = 33;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static BrokerPool brokers;

    @BeforeAll
    static void startPool() {
        brokers = new BrokerPool();
    }

    @AfterAll
    static void stopPool() {
        brokers.close();
    }

    @Test
    void aDeviceOnTheCPathConnectsSubscribesPublishesAndReceives() throws Exception {
        RunningBroker broker = brokers.status(
                        TargetId.parse("mosquitto-v5-plain"),
                        TckSettings.builder()
                                .provisioning(ProvisioningMode.DOCKER_FREE)
                                .build())
                .broker()
                .orElseThrow();
        String topic = "mvhost/native/" + UUID.randomUUID();
        LinkedBlockingQueue<Integer> interrupts = new LinkedBlockingQueue<>();
        try (NativeMicrovisor mv = NativeMicrovisor.open(
                        Path.of(System.getProperty("mvhost.library", "target/native/libmvhost.so")));
                Observer observer = Observer.builder(
                                broker.host(),
                                broker.plainPort(),
                                TargetId.parse("mosquitto-v5-plain").version())
                        .plain()
                        .connect()) {
            observer.subscribe(topic, 1);
            mv.registerIrqHandler(IRQ, interrupts::add);
            ByteBuffer ring = ByteBuffer.allocateDirect(2048);
            U32Ref centre = new U32Ref();
            assertThat(mv.mvSetupNotifications(MvNotificationSetup.of(IRQ, ring), centre))
                    .isEqualTo(MvStatus.OKAY);
            assertThat(centre.get()).isNotZero();
            U32Ref network = new U32Ref();
            assertThat(mv.mvRequestNetwork(MvRequestNetworkParams.v1(centre.get(), 1), network))
                    .isEqualTo(MvStatus.OKAY);

            ByteBuffer rx = ByteBuffer.allocateDirect(4096).alignedSlice(512);
            ByteBuffer tx = ByteBuffer.allocateDirect(4096).alignedSlice(512);
            MvOpenChannelParams.Builder params = MvOpenChannelParams.builder()
                    .notificationHandle(centre.get())
                    .notificationTag(2)
                    .networkHandle(network.get())
                    .sendBuffer(tx, 2048);
            U32Ref channel = new U32Ref();
            assertThat(mv.mvOpenChannel(
                            params.receiveBuffer(rx.slice(8, 1024), 512).build(), channel))
                    .as("a receive buffer 8 bytes past a 512-byte boundary, judged on its real address")
                    .isEqualTo(MvStatus.INVALIDBUFFERALIGNMENT);
            assertThat(mv.mvOpenChannel(params.receiveBuffer(rx, 2048).build(), channel))
                    .isEqualTo(MvStatus.OKAY);
            int ch = channel.get();

            MvMqttConnectRequest connect = MvMqttConnectRequest.builder()
                    .host(broker.host())
                    .port(broker.plainPort())
                    .clientId("native-it")
                    .build();
            assertThat(mv.mvMqttRequestConnect(
                            ch,
                            connect.toBuilder().host(MvSizedString.raw(null, 9)).build()))
                    .as("a NULL host with a length is a bad nested pointer")
                    .isEqualTo(MvStatus.LATEFAULT);
            assertThat(mv.mvOpenChannel(params.receiveBuffer(rx, 2048).build(), channel))
                    .isEqualTo(MvStatus.OKAY);
            ch = channel.get();
            assertThat(mv.mvMqttRequestConnect(ch, connect)).isEqualTo(MvStatus.OKAY);
            awaitReadable(mv, ch, interrupts, MvMqttReadableDataType.CONNECTRESPONSE);
            MvMqttConnectResponse connected = new MvMqttConnectResponse();
            assertThat(mv.mvMqttReadConnectResponse(ch, connected)).isEqualTo(MvStatus.OKAY);
            assertThat(connected.state()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);

            assertThat(mv.mvMqttRequestSubscribe(
                            ch,
                            MvMqttSubscribeRequest.of(
                                    7, MvMqttSubscription.of(topic, 1), MvMqttSubscription.of(topic + "/other", 0))))
                    .isEqualTo(MvStatus.OKAY);
            awaitReadable(mv, ch, interrupts, MvMqttReadableDataType.SUBSCRIBERESPONSE);
            MvMqttSubscribeResponse subscribed = MvMqttSubscribeResponse.withRoomFor(8);
            assertThat(mv.mvMqttReadSubscribeResponse(ch, subscribed)).isEqualTo(MvStatus.OKAY);
            assertThat(subscribed.correlationId().get()).isEqualTo(7);
            assertThat(subscribed.reasonCodesLen().get())
                    .as("one code per topic, count read back from C")
                    .isEqualTo(2);
            assertThat(subscribed.writtenReasonCodes())
                    .as("both granted, codes read back from C")
                    .containsExactly(0, 0);

            byte[] payload = "through C".getBytes(StandardCharsets.UTF_8);
            assertThat(mv.mvMqttRequestPublish(ch, MvMqttPublishRequest.of(9, topic, payload, 1, false)))
                    .isEqualTo(MvStatus.OKAY);
            List<ReceivedMessage> seen = observer.awaitMessages(1, WAIT);
            assertThat(seen.get(0).payload()).isEqualTo(payload);
            assertThat(seen.get(0).qos()).isEqualTo(1);

            boolean gotResponse = false;
            boolean gotMessage = false;
            while (!gotResponse || !gotMessage) {
                U32Ref type = awaitSomethingReadable(mv, ch, interrupts);
                if (type.get() == MvMqttReadableDataType.PUBLISHRESPONSE.code()) {
                    MvMqttPublishResponse published = new MvMqttPublishResponse();
                    assertThat(mv.mvMqttReadPublishResponse(ch, published)).isEqualTo(MvStatus.OKAY);
                    assertThat(published.correlationId).isEqualTo(9);
                    assertThat(published.state()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
                    gotResponse = true;
                } else {
                    assertThat(type.get()).isEqualTo(MvMqttReadableDataType.MESSAGERECEIVED.code());
                    MvMqttMessage message = MvMqttMessage.allocate(256, 256);
                    assertThat(mv.mvMqttReceiveMessage(ch, message)).isEqualTo(MvStatus.OKAY);
                    assertThat(new String(message.topic().written(), StandardCharsets.UTF_8))
                            .isEqualTo(topic);
                    assertThat(message.payload().written()).isEqualTo(payload);
                    assertThat(message.qos().get()).isEqualTo(1);
                    assertThat(message.retain().get()).isZero();
                    assertThat(mv.mvMqttAcknowledgeMessage(
                                    ch, message.correlationId().get()))
                            .isEqualTo(MvStatus.OKAY);
                    gotMessage = true;
                }
            }

            assertThat(mv.mvCloseChannel(channel)).isEqualTo(MvStatus.OKAY);
            assertThat(channel.get())
                    .as("closing zeroes the handle, written back from C")
                    .isZero();
            assertThat(mv.mvCloseChannel(channel)).isEqualTo(MvStatus.INVALIDHANDLE);
        }
    }

    private static void awaitReadable(
            NativeMicrovisor mv, int ch, LinkedBlockingQueue<Integer> interrupts, MvMqttReadableDataType expected)
            throws InterruptedException {
        assertThat(awaitSomethingReadable(mv, ch, interrupts).get()).isEqualTo(expected.code());
    }

    /** Waits for an interrupt until the channel has something readable; returns its type. */
    private static U32Ref awaitSomethingReadable(NativeMicrovisor mv, int ch, LinkedBlockingQueue<Integer> interrupts)
            throws InterruptedException {
        U32Ref type = new U32Ref();
        while (true) {
            assertThat(mv.mvMqttGetNextReadableDataType(ch, type)).isEqualTo(MvStatus.OKAY);
            if (type.get() != MvMqttReadableDataType.NONE.code()) {
                return type;
            }
            assertThat(interrupts.poll(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("an interrupt within %s", WAIT)
                    .isEqualTo(IRQ);
        }
    }
}
