package dev.mvmqtt.tck.tests.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvClosureReason;
import dev.mvmqtt.spec.api.codes.MvEventType;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttDisconnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscription;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttWill;
import dev.mvmqtt.spec.api.notify.NotificationRecord;
import dev.mvmqtt.tck.RuleCheck;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.observer.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Small round trips and checks the connection tests share (package-private, not a test class). */
final class ConnectionSupport {
    /** The request states that may only appear in a connect response (GEN-STATE-1). */
    static final Set<MvMqttRequestState> CONNECT_ONLY_STATES = Set.of(
            MvMqttRequestState.NXDOMAIN,
            MvMqttRequestState.UNKNOWNCA,
            MvMqttRequestState.CERTIFICATEEXPIRED,
            MvMqttRequestState.SOCKETERROR);

    private ConnectionSupport() {}

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A payload with bytes a text-only path would mangle: NUL, 0xff, a UTF-8 sequence cut in half. */
    static byte[] binaryPayload(String label) {
        byte[] text = utf8(label);
        byte[] out = new byte[text.length + 4];
        System.arraycopy(text, 0, out, 0, text.length);
        out[text.length] = 0;
        out[text.length + 1] = (byte) 0xff;
        out[text.length + 2] = (byte) 0xc3;
        out[text.length + 3] = (byte) 0x80;
        return out;
    }

    static MvMqttWill will(String topic, byte[] payload, int qos, boolean retain) {
        return MvMqttWill.of(topic, payload, qos, retain);
    }

    /** Waits for the connect response (it must be the next readable item) and reads it. */
    static MvMqttConnectResponse awaitConnectResponse(Firmware fw, int channel) {
        fw.awaitReadable(channel, MvMqttReadableDataType.CONNECTRESPONSE);
        MvMqttConnectResponse r = new MvMqttConnectResponse();
        assertThat(fw.mv().mvMqttReadConnectResponse(channel, r))
                .as("mvMqttReadConnectResponse")
                .isEqualTo(MvStatus.OKAY);
        return r;
    }

    static MvMqttPublishResponse awaitPublishResponse(Firmware fw, int channel) {
        fw.awaitReadable(channel, MvMqttReadableDataType.PUBLISHRESPONSE);
        MvMqttPublishResponse r = new MvMqttPublishResponse();
        assertThat(fw.mv().mvMqttReadPublishResponse(channel, r))
                .as("mvMqttReadPublishResponse")
                .isEqualTo(MvStatus.OKAY);
        return r;
    }

    static MvMqttSubscribeResponse awaitSubscribeResponse(Firmware fw, int channel) {
        fw.awaitReadable(channel, MvMqttReadableDataType.SUBSCRIBERESPONSE);
        MvMqttSubscribeResponse r = MvMqttSubscribeResponse.withRoomFor(8);
        assertThat(fw.mv().mvMqttReadSubscribeResponse(channel, r))
                .as("mvMqttReadSubscribeResponse")
                .isEqualTo(MvStatus.OKAY);
        return r;
    }

    static MvMqttUnsubscribeResponse awaitUnsubscribeResponse(Firmware fw, int channel) {
        fw.awaitReadable(channel, MvMqttReadableDataType.UNSUBSCRIBERESPONSE);
        MvMqttUnsubscribeResponse r = MvMqttUnsubscribeResponse.withRoomFor(8);
        assertThat(fw.mv().mvMqttReadUnsubscribeResponse(channel, r))
                .as("mvMqttReadUnsubscribeResponse")
                .isEqualTo(MvStatus.OKAY);
        return r;
    }

    static MvMqttDisconnectResponse awaitDisconnectResponse(Firmware fw, int channel) {
        fw.awaitReadable(channel, MvMqttReadableDataType.DISCONNECTRESPONSE);
        MvMqttDisconnectResponse r = new MvMqttDisconnectResponse();
        assertThat(fw.mv().mvMqttReadDisconnectResponse(channel, r))
                .as("mvMqttReadDisconnectResponse")
                .isEqualTo(MvStatus.OKAY);
        return r;
    }

    static MvMqttPublishRequest publishRequest(int correlationId, String topic, byte[] payload, int qos) {
        return MvMqttPublishRequest.of(correlationId, topic, payload, qos, false);
    }

    static MvMqttSubscribeRequest subscribeRequest(int correlationId, String topic, int qos) {
        return MvMqttSubscribeRequest.of(correlationId, MvMqttSubscription.of(topic, qos));
    }

    static MvMqttUnsubscribeRequest unsubscribeRequest(int correlationId, String topic) {
        return MvMqttUnsubscribeRequest.of(correlationId, topic);
    }

    /**
     * The four request kinds besides connect, each issued (must answer OKAY) and its response read in order: the
     * states of the subscribe, unsubscribe, publish and disconnect responses.
     */
    static List<MvMqttRequestState> issueEachRequest(Firmware fw, int channel, String topic) {
        assertThat(fw.mv().mvMqttRequestSubscribe(channel, subscribeRequest(0x51, topic, 1)))
                .as("mvMqttRequestSubscribe")
                .isEqualTo(MvStatus.OKAY);
        MvMqttSubscribeResponse sub = awaitSubscribeResponse(fw, channel);
        assertThat(fw.mv().mvMqttRequestUnsubscribe(channel, unsubscribeRequest(0x52, topic)))
                .as("mvMqttRequestUnsubscribe")
                .isEqualTo(MvStatus.OKAY);
        MvMqttUnsubscribeResponse unsub = awaitUnsubscribeResponse(fw, channel);
        assertThat(fw.mv().mvMqttRequestPublish(channel, publishRequest(0x53, topic, utf8("offline"), 1)))
                .as("mvMqttRequestPublish")
                .isEqualTo(MvStatus.OKAY);
        MvMqttPublishResponse pub = awaitPublishResponse(fw, channel);
        assertThat(fw.mv().mvMqttRequestDisconnect(channel))
                .as("mvMqttRequestDisconnect")
                .isEqualTo(MvStatus.OKAY);
        MvMqttDisconnectResponse disc = awaitDisconnectResponse(fw, channel);
        assertThat(sub.correlationId().get())
                .as("subscribe response correlation id")
                .isEqualTo(0x51);
        assertThat(unsub.correlationId().get())
                .as("unsubscribe response correlation id")
                .isEqualTo(0x52);
        assertThat(pub.correlationId).as("publish response correlation id").isEqualTo(0x53);
        return List.of(sub.state(), unsub.state(), pub.state(), disc.state());
    }

    /**
     * Issues subscribe, unsubscribe, publish and disconnect, tolerating a synchronous refusal (then there is no
     * response), and returns the states of the responses of those accepted: for rules about response states only.
     */
    static List<MvMqttRequestState> statesOfAcceptedRequests(Firmware fw, int channel, String topic) {
        ArrayList<MvMqttRequestState> states = new ArrayList<>();
        if (fw.mv().mvMqttRequestSubscribe(channel, subscribeRequest(0x61, topic, 1)) == MvStatus.OKAY) {
            states.add(awaitSubscribeResponse(fw, channel).state());
        }
        if (fw.mv().mvMqttRequestUnsubscribe(channel, unsubscribeRequest(0x62, topic)) == MvStatus.OKAY) {
            states.add(awaitUnsubscribeResponse(fw, channel).state());
        }
        if (fw.mv().mvMqttRequestPublish(channel, publishRequest(0x63, topic, utf8("offline"), 1)) == MvStatus.OKAY) {
            states.add(awaitPublishResponse(fw, channel).state());
        }
        if (fw.mv().mvMqttRequestDisconnect(channel) == MvStatus.OKAY) {
            states.add(awaitDisconnectResponse(fw, channel).state());
        }
        return states;
    }

    static MvClosureReason closureReason(Firmware fw, int channel) {
        U32Ref reason = new U32Ref(-1);
        assertThat(fw.mv().mvGetChannelClosureReason(channel, reason))
                .as("mvGetChannelClosureReason")
                .isEqualTo(MvStatus.OKAY);
        return MvClosureReason.of(reason.get());
    }

    /** Fails when a record of {@code type} was already seen or arrives within {@code window}. */
    static void assertNoRecordWithin(Firmware fw, MvEventType type, Duration window, RuleCheck rule) {
        long deadline = System.nanoTime() + window.toNanos();
        while (true) {
            for (NotificationRecord r : fw.recordsSeen()) {
                if (r.eventType() == type.code()) {
                    throw rule.violation("expected no " + type.name() + " notification, but saw " + r + "; records: "
                            + fw.recordsSeen());
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            fw.pollRecord(Duration.ofNanos(left));
        }
    }

    /** Lets {@code window} pass while taking in notifications as they come (an event wait, not a sleep). */
    static void watch(Firmware fw, Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        for (long left = window.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            fw.pollRecord(Duration.ofNanos(left));
        }
    }

    /**
     * The {@code n}-th record (1-based) of {@code type} seen on the ring, waiting for it if need be; records of other
     * types and their order do not matter.
     */
    static NotificationRecord awaitNth(Firmware fw, MvEventType type, int n) {
        long deadline = System.nanoTime() + fw.timeout().toNanos();
        while (true) {
            List<NotificationRecord> ofType = fw.recordsSeen().stream()
                    .filter(r -> r.eventType() == type.code())
                    .toList();
            if (ofType.size() >= n) {
                return ofType.get(n - 1);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("no " + type.name() + " notification (#" + n + ") within " + fw.timeout() + "; records seen: "
                        + fw.recordsSeen());
            }
            fw.pollRecord(Duration.ofNanos(left));
        }
    }

    static void assertSameMessage(ReceivedMessage m, String topic, byte[] payload, RuleCheck rule) {
        rule.with("topic as delivered").assertThat(m.topic()).isEqualTo(topic);
        rule.with("payload byte for byte").assertThat(m.payload()).isEqualTo(payload);
    }
}
