package dev.mvmqtt.tck.tests.messaging.properties;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.codes.MvMqttLostMessageReason;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttLostMessageInfo;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.PropertyTarget;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;
import dev.mvmqtt.tck.observer.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Topics and payloads round-tripped byte for byte, device to observer and observer to device, on the first
 * available target: empty and binary payloads, UTF-8 multi-byte topic levels (2-, 3- and 4-byte sequences), and
 * payloads right at the receive buffer's limit. One device, channel and observer per property.
 */
@AddLifecycleHook(PropertyTarget.Resolver.class)
class RoundTripPropertyTests {
    static final int RX = 2048;
    /** Topic-level pieces: ASCII, 2-, 3- and 4-byte UTF-8 sequences. */
    static final List<String> PIECES = List.of(
            "a",
            "Z",
            "0",
            "-",
            "_",
            " ",
            "\u00e9",
            "\u00df",
            "\u03a9",
            "\u0436",
            "\u4e2d",
            "\u6587",
            "\u20ac",
            "\ud83d\ude00",
            "\ud83d\ude80",
            "/");

    private TckTarget target;
    private Firmware fw;
    private Observer observer;
    private int channel;
    private String up;
    private String down;
    private int n;

    @BeforeProperty
    void open(PropertyTarget property) {
        target = property.target();
        fw = Firmware.start(target);
        channel = fw.openChannel(RX);
        assertThat(fw.connect(
                                channel,
                                Firmware.connectRequest(target, target.uniqueClientId("roundtrip"))
                                        .build())
                        .state())
                .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
        up = target.uniqueTopic("up");
        down = target.uniqueTopic("down");
        fw.subscribed(channel, down + "/#", 0);
        observer = target.observer();
        observer.subscribe(up + "/#", 1);
    }

    @AfterProperty
    void close() {
        if (observer != null) {
            observer.close();
        }
        if (fw != null) {
            fw.close();
        }
    }

    @Provide
    Arbitrary<String> levels() {
        return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(12).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new byte[0])),
                net.jqwik.api.Tuple.of(
                        4, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64)),
                net.jqwik.api.Tuple.of(
                        2,
                        Arbitraries.bytes().array(byte[].class).ofMinSize(300).ofMaxSize(512)));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Property(tries = 25)
    @Asserts({"PUB-OK-1", "PUB-QOS-1", "GEN-CORR-1"})
    void deviceToObserverIsByteExact(
            @ForAll("levels") String level,
            @ForAll("payloads") byte[] payload,
            @ForAll @IntRange(min = 0, max = 1) int qos,
            @ForAll int correlationId) {
        String topic = up + "/" + (n++) + "/" + level;
        MvMqttPublishResponse r =
                fw.publish(channel, MvMqttPublishRequest.of(correlationId, topic, payload, qos, false));
        rule("PUB-OK-1", "publish response").assertThat(r.state()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
        rule("GEN-CORR-1", "correlation id echoed").assertThat(r.correlationId).isEqualTo(correlationId);
        ReceivedMessage m = observer.awaitMessages(
                        1,
                        target.timeout(Firmware.ANSWER_TIMEOUT),
                        x -> x.topic().equals(topic))
                .get(0);
        rule("PUB-OK-1", "topic bytes").assertThat(utf8(m.topic())).isEqualTo(utf8(topic));
        rule("PUB-OK-1", "payload bytes").assertThat(m.payload()).isEqualTo(payload);
        rule("PUB-QOS-1", "QoS at the broker").assertThat(m.qos()).isEqualTo(qos);
    }

    @Property(tries = 25)
    @Asserts({"RECV-MSG-1", "SUB-DELIV-1", "READ-MSG-1"})
    void observerToDeviceIsByteExact(
            @ForAll("levels") String level,
            @ForAll("payloads") byte[] small,
            @ForAll @IntRange(min = 0, max = 1) int big,
            @ForAll long contentSeed) {
        String topic = down + "/" + (n++) + "/" + level;
        byte[] payload = small;
        if (big == 1) {
            // Large: half the receive buffer, random content.
            payload = new byte[RX / 2];
            new Random(contentSeed).nextBytes(payload);
        }
        observer.publish(topic, payload, 0, false);
        MvMqttMessage m = fw.receive(channel, 1024, RX);
        rule("RECV-MSG-1", "topic and payload bytes, QoS 0")
                .assertThat(m)
                .hasTopic(topic)
                .hasPayload(payload)
                .hasQos(0);
    }

    @Property(tries = 25)
    @Asserts("LOST-REF-1")
    void payloadsAtTheReceiveBufferLimitAreDeliveredOrLost(
            @ForAll("levels") String level, @ForAll @IntRange(min = -6, max = 6) int beyond, @ForAll long contentSeed) {
        String topic = down + "/" + (n++) + "/" + level;
        int room = RX - utf8(topic).length;
        byte[] payload = new byte[room + beyond];
        new Random(contentSeed).nextBytes(payload);
        observer.publish(topic, payload, 0, false);
        if (beyond <= 0) {
            MvMqttMessage m = fw.receive(channel, 1024, RX);
            rule("LOST-REF-1").assertThat(m.topic().written()).isEqualTo(utf8(topic));
            rule("LOST-REF-1", "topic + payload = %d <= %d is delivered byte for byte", RX + beyond, RX)
                    .assertThat(m.payload().written())
                    .isEqualTo(payload);
        } else {
            fw.awaitReadable(channel, MvMqttReadableDataType.MESSAGELOST);
            MvMqttLostMessageInfo info = MvMqttLostMessageInfo.allocate(1024);
            assertThat(fw.mv().mvMqttReceiveLostMessageInfo(channel, info)).isEqualTo(MvStatus.OKAY);
            rule("LOST-REF-1", "reason")
                    .assertThat(info.reason().get())
                    .isEqualTo(MvMqttLostMessageReason.DEVICERECEIVEBUFFERTOOSMALL.code());
            rule("LOST-REF-1", "topic").assertThat(info.topic().written()).isEqualTo(utf8(topic));
            rule("LOST-REF-1", "message_len = topic length + payload length")
                    .assertThat(info.messageLen().get())
                    .isEqualTo(RX + beyond);
        }
    }
}
