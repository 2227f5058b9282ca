package dev.mvmqtt.tck.tests.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttLostMessageInfo;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttWill;
import dev.mvmqtt.spec.api.notify.NotificationRecord;
import dev.mvmqtt.tck.RuleCheck;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TckTarget;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Small round trips and checks shared by the messaging tests (subscribe, publish, receive, acknowledge,
 * lost messages), on top of {@link Firmware}. Only the spec API is used.
 */
public final class Messaging {
    /** Request states that only a connect response may carry (GEN-STATE-1). */
    public static final Set<MvMqttRequestState> CONNECT_ONLY_STATES = Set.of(
            MvMqttRequestState.NXDOMAIN,
            MvMqttRequestState.UNKNOWNCA,
            MvMqttRequestState.CERTIFICATEEXPIRED,
            MvMqttRequestState.SOCKETERROR);
    /** A short wait for the IRQ of an item already read to land (not a "must not happen" window). */
    private static final Duration SETTLE = Duration.ofMillis(100);

    private Messaging() {}

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A connect request for the target with clean_start 0 (a persistent session). */
    public static MvMqttConnectRequest persistent(TckTarget target, String clientId) {
        return Firmware.connectRequest(target, clientId).cleanStart(false).build();
    }

    /** A connect request for the target with a will. */
    public static MvMqttConnectRequest withWill(
            TckTarget target, String clientId, String willTopic, byte[] willPayload) {
        return Firmware.connectRequest(target, clientId)
                .will(MvMqttWill.of(willTopic, willPayload, 0, false))
                .build();
    }

    /** Issues a publish and returns its status, without reading anything. */
    public static MvStatus requestPublish(
            Firmware fw, int channel, int correlationId, String topic, byte[] payload, int qos, boolean retain) {
        return fw.mv()
                .mvMqttRequestPublish(channel, MvMqttPublishRequest.of(correlationId, topic, payload, qos, retain));
    }

    /**
     * A fence after an acknowledgement: a QoS 1 publish from the device that the broker answers. A broker reads one
     * connection's packets in order, so once it answered this publish it has read the PUBACKs the device wrote
     * before it; a DISCONNECT that follows cannot race them against the connection close.
     */
    public static void fence(Firmware fw, int channel, TckTarget target) {
        MvMqttPublishResponse r = fw.publish(
                channel, MvMqttPublishRequest.of(0xFE9CE, target.uniqueTopic("fence"), utf8("fence"), 1, false));
        assertThat(r.state())
                .as("fence: a QoS 1 publish answered by the broker")
                .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
    }

    /** Waits for PUBLISHRESPONSE as the next readable item and reads it. */
    public static MvMqttPublishResponse readPublish(Firmware fw, int channel) {
        fw.awaitReadable(channel, MvMqttReadableDataType.PUBLISHRESPONSE);
        MvMqttPublishResponse r = new MvMqttPublishResponse();
        assertThat(fw.mv().mvMqttReadPublishResponse(channel, r))
                .as("mvMqttReadPublishResponse")
                .isEqualTo(MvStatus.OKAY);
        return r;
    }

    /** Publishes QoS 0 (not retained) and checks the response is REQUESTCOMPLETED with the correlation id. */
    public static MvMqttPublishResponse readPublishOk(
            Firmware fw, int channel, int correlationId, String topic, byte[] payload) {
        MvMqttPublishResponse r = fw.publish(channel, MvMqttPublishRequest.of(correlationId, topic, payload, 0, false));
        assertThat(r.state()).as("publish response").isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
        assertThat(r.correlationId).as("publish correlation id").isEqualTo(correlationId);
        return r;
    }

    /**
     * Publishes QoS 0 (not retained) to a topic the device itself is subscribed to, and reads the publish response
     * (checked REQUESTCOMPLETED with the correlation id) and the echoed message in whatever order they become
     * readable: nothing orders a QoS 0 response against the broker's echo, which may arrive first.
     */
    public static MvMqttMessage publishAndReadEcho(
            Firmware fw, int channel, int correlationId, String topic, byte[] payload) {
        assertThat(requestPublish(fw, channel, correlationId, topic, payload, 0, false))
                .as("mvMqttRequestPublish")
                .isEqualTo(MvStatus.OKAY);
        MvMqttPublishResponse response = null;
        MvMqttMessage echo = null;
        long deadline = System.nanoTime() + fw.timeout().toNanos();
        while (response == null || echo == null) {
            MvMqttReadableDataType next = fw.nextReadable(channel);
            if (next.equals(MvMqttReadableDataType.PUBLISHRESPONSE) && response == null) {
                response = new MvMqttPublishResponse();
                assertThat(fw.mv().mvMqttReadPublishResponse(channel, response))
                        .as("mvMqttReadPublishResponse")
                        .isEqualTo(MvStatus.OKAY);
            } else if (next.equals(MvMqttReadableDataType.MESSAGERECEIVED) && echo == null) {
                echo = MvMqttMessage.allocate(1024, 4096);
                assertThat(fw.mv().mvMqttReceiveMessage(channel, echo))
                        .as("mvMqttReceiveMessage")
                        .isEqualTo(MvStatus.OKAY);
            } else {
                assertThat(next)
                        .as("only the publish response and its echo are expected")
                        .isEqualTo(MvMqttReadableDataType.NONE);
                assertThat(System.nanoTime())
                        .as("publish response and echo within %s", fw.timeout())
                        .isLessThan(deadline);
                fw.pollRecord(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
        }
        assertThat(response.state()).as("publish response").isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
        assertThat(response.correlationId).as("publish correlation id").isEqualTo(correlationId);
        return echo;
    }

    /** Waits for SUBSCRIBERESPONSE as the next readable item and reads it with room for 8 codes. */
    public static MvMqttSubscribeResponse readSubscribe(Firmware fw, int channel) {
        fw.awaitReadable(channel, MvMqttReadableDataType.SUBSCRIBERESPONSE);
        MvMqttSubscribeResponse r = MvMqttSubscribeResponse.withRoomFor(8);
        assertThat(fw.mv().mvMqttReadSubscribeResponse(channel, r))
                .as("mvMqttReadSubscribeResponse")
                .isEqualTo(MvStatus.OKAY);
        return r;
    }

    /**
     * Subscribes and reads the response and {@code messages} messages, in whatever order they become readable (a
     * retained message may be queued before the subscribe response). QoS 1 messages are acknowledged on receipt.
     */
    public static SubscribeResult subscribeWithMessages(
            Firmware fw, int channel, MvMqttSubscribeRequest request, int messages) {
        assertThat(fw.mv().mvMqttRequestSubscribe(channel, request))
                .as("mvMqttRequestSubscribe")
                .isEqualTo(MvStatus.OKAY);
        MvMqttSubscribeResponse response = null;
        List<MvMqttMessage> received = new ArrayList<>();
        long deadline = System.nanoTime() + fw.timeout().toNanos();
        while (response == null || received.size() < messages) {
            MvMqttReadableDataType next = fw.nextReadable(channel);
            if (next.equals(MvMqttReadableDataType.SUBSCRIBERESPONSE) && response == null) {
                response = MvMqttSubscribeResponse.withRoomFor(8);
                assertThat(fw.mv().mvMqttReadSubscribeResponse(channel, response))
                        .isEqualTo(MvStatus.OKAY);
            } else if (next.equals(MvMqttReadableDataType.MESSAGERECEIVED)) {
                MvMqttMessage m = MvMqttMessage.allocate(1024, 4096);
                assertThat(fw.mv().mvMqttReceiveMessage(channel, m)).isEqualTo(MvStatus.OKAY);
                if (m.qos().get() == 1) {
                    fw.mv().mvMqttAcknowledgeMessage(channel, m.correlationId().get());
                }
                received.add(m);
            } else {
                assertThat(next)
                        .as("only the subscribe response and messages are expected")
                        .isEqualTo(MvMqttReadableDataType.NONE);
                assertThat(System.nanoTime())
                        .as("subscribe response and %d message(s) within %s", messages, fw.timeout())
                        .isLessThan(deadline);
                fw.pollRecord(fw.timeout());
            }
        }
        return new SubscribeResult(response, received);
    }

    /** A subscribe response and the messages read with it. */
    public record SubscribeResult(MvMqttSubscribeResponse response, List<MvMqttMessage> messages) {}

    /** Waits for UNSUBSCRIBERESPONSE as the next readable item and reads it with room for 8 codes. */
    public static MvMqttUnsubscribeResponse readUnsubscribe(Firmware fw, int channel) {
        fw.awaitReadable(channel, MvMqttReadableDataType.UNSUBSCRIBERESPONSE);
        MvMqttUnsubscribeResponse r = MvMqttUnsubscribeResponse.withRoomFor(8);
        assertThat(fw.mv().mvMqttReadUnsubscribeResponse(channel, r))
                .as("mvMqttReadUnsubscribeResponse")
                .isEqualTo(MvStatus.OKAY);
        return r;
    }

    /** Waits for MESSAGELOST as the next readable item and reads it with a 256-byte topic buffer. */
    public static MvMqttLostMessageInfo readLost(Firmware fw, int channel) {
        fw.awaitReadable(channel, MvMqttReadableDataType.MESSAGELOST);
        MvMqttLostMessageInfo info = MvMqttLostMessageInfo.allocate(256);
        assertThat(fw.mv().mvMqttReceiveLostMessageInfo(channel, info))
                .as("mvMqttReceiveLostMessageInfo")
                .isEqualTo(MvStatus.OKAY);
        return info;
    }

    public static String topic(MvMqttMessage m) {
        return utf8(m.topic().written());
    }

    public static byte[] payload(MvMqttMessage m) {
        return m.payload().written();
    }

    /** The readable type the implementation reports next. */
    public static MvMqttReadableDataType next(Firmware fw, int channel) {
        return fw.nextReadable(channel);
    }

    /**
     * Lets notifications for items already read land, then forgets them, so that a following
     * {@link #assertNothingFollows} sees only what the next action causes.
     */
    public static void settle(Firmware fw) {
        long deadline = System.nanoTime() + fw.timeout().toNanos();
        while (fw.pollRecord(SETTLE) != null && System.nanoTime() < deadline) {
            // drained
        }
    }

    /**
     * Over {@code window}: no notification is written, and afterwards nothing is readable on the channel.
     * Call {@link #settle} before the action whose silence is checked.
     */
    public static void assertNothingFollows(Firmware fw, int channel, Duration window, RuleCheck rule) {
        NotificationRecord r = fw.pollRecord(window);
        rule.with("no notification may follow (got %s)", r).assertThat(r).isNull();
        rule.with("nothing readable on the channel")
                .assertThat(fw.nextReadable(channel))
                .isEqualTo(MvMqttReadableDataType.NONE);
    }

    /** Over {@code window}: nothing becomes readable on the channel (notifications of other channels may come). */
    public static void assertNothingReadableWithin(Firmware fw, int channel, Duration window, RuleCheck rule) {
        long deadline = System.nanoTime() + window.toNanos();
        while (true) {
            rule.with("nothing may become readable")
                    .assertThat(fw.nextReadable(channel))
                    .isEqualTo(MvMqttReadableDataType.NONE);
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            fw.pollRecord(Duration.ofNanos(left));
        }
    }

    /** Checks against {@code rule} (GEN-STATE-1, or a precondition) that {@code state} is not a connect-only state. */
    public static void assertNotConnectOnly(MvMqttRequestState state, RuleCheck rule) {
        rule.with("response state %s is a connect-only state", state.name())
                .assertThat(CONNECT_ONLY_STATES)
                .doesNotContain(state);
    }

    /** Waits for any notification (or fails after the timeout). */
    public static void awaitAnyRecord(Firmware fw) {
        fw.awaitRecord();
    }

    /** The closure reason of a channel; fails unless OKAY. */
    public static int closureReason(Firmware fw, int channel) {
        U32Ref reason = new U32Ref(-1);
        assertThat(fw.mv().mvGetChannelClosureReason(channel, reason))
                .as("mvGetChannelClosureReason")
                .isEqualTo(MvStatus.OKAY);
        return reason.get();
    }

    public static List<Integer> codes(int[] codes) {
        return Arrays.stream(codes).boxed().toList();
    }
}
