package dev.mvmqtt.tck.tests.connection;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.awaitNth;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.closureReason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvClosureReason;
import dev.mvmqtt.spec.api.codes.MvEventType;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TargetTest;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bound on a channel's unread messages (LOSS-REF-7): an application that stops reading does not make the device
 * hold everything the broker sends. Each message here fills the channel's receive buffer exactly, so the reference's
 * 64 buffers' worth is 64 messages; the 65th ends the connection. The burst stays far below the circuit breaker's 500
 * a second (LOSS-REF-5), so it is the queue's bound that acts.
 */
class ReceiveQueueLimitTests {
    /** The reference's receiveQueueBuffers. */
    static final int REFERENCE_BUFFERS = 64;

    static final int RECEIVE_BUFFER = 512;

    @TargetTest
    @Asserts("LOSS-REF-7")
    void unreadMessagesBeyondTheQueueBoundEndTheConnection(TckTarget target) {
        String topic = target.uniqueTopic("queue/bound");
        int topicBytes = topic.getBytes(StandardCharsets.UTF_8).length;
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int ch = fw.openChannel(RECEIVE_BUFFER);
            assertThat(fw.connect(
                                    ch,
                                    Firmware.connectRequest(target, target.uniqueClientId("queue"))
                                            .build())
                            .state())
                    .as("connect response")
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            fw.subscribed(ch, topic, 0);
            List<byte[]> payloads = new ArrayList<>();
            for (int i = 0; i <= REFERENCE_BUFFERS; i++) {
                payloads.add(fillingTheBuffer(i, RECEIVE_BUFFER - topicBytes));
            }
            observer.publishBurst(topic, payloads, 0);

            awaitNth(fw, MvEventType.CHANNELNOTCONNECTED, 1);
            rule("LOSS-REF-7", "closure reason once the unread messages passed the bound")
                    .assertThat(closureReason(fw, ch))
                    .isEqualTo(MvClosureReason.CONNECTIONTERMINATED);
            for (int i = 0; i < REFERENCE_BUFFERS; i++) {
                rule("LOSS-REF-7", "message %d queued before the bound stays readable", i)
                        .assertThat(fw.nextReadable(ch))
                        .isEqualTo(MvMqttReadableDataType.MESSAGERECEIVED);
                MvMqttMessage m = MvMqttMessage.allocate(RECEIVE_BUFFER, RECEIVE_BUFFER);
                assertThat(fw.mv().mvMqttReceiveMessage(ch, m))
                        .as("mvMqttReceiveMessage %d", i)
                        .isEqualTo(MvStatus.OKAY);
                rule("LOSS-REF-7", "message %d, in order", i)
                        .assertThat(m.payload().written())
                        .isEqualTo(payloads.get(i));
            }
            U32Ref next = new U32Ref(-1);
            rule("LOSS-REF-7", "the message past the bound was not queued; with nothing left the channel is closed")
                    .assertThat(fw.mv().mvMqttGetNextReadableDataType(ch, next))
                    .isEqualTo(MvStatus.CHANNELCLOSED);
        }
    }

    /** {@code length} bytes that say which message they are. */
    private static byte[] fillingTheBuffer(int i, int length) {
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) '.');
        byte[] mark = ("message-" + i).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(mark, 0, payload, 0, mark.length);
        return payload;
    }
}
