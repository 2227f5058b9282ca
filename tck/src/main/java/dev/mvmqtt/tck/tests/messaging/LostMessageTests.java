package dev.mvmqtt.tck.tests.messaging;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.tests.messaging.Messaging.payload;
import static dev.mvmqtt.tck.tests.messaging.Messaging.topic;
import static dev.mvmqtt.tck.tests.messaging.Messaging.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.codes.MvMqttLostMessageReason;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttLostMessageInfo;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TargetTest;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;
import java.util.Arrays;

/** MESSAGELOST: messages too large for a channel opened with a 512-byte receive buffer. */
class LostMessageTests {
    static final int RX = 512;

    private static int smallChannel(Firmware fw, TckTarget target, String topic) {
        int ch = fw.openChannel(RX);
        assertThat(fw.connect(
                                ch,
                                Firmware.connectRequest(target, target.uniqueClientId("lost"))
                                        .build())
                        .state())
                .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
        fw.subscribed(ch, topic, 1);
        return ch;
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'L');
        return b;
    }

    @TargetTest
    @Asserts({"LOST-MSG-1", "READ-LOST-1"})
    void messageTooLargeForTheReceiveBufferIsLost(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            String topic = target.uniqueTopic("big");
            int ch = smallChannel(fw, target, topic);
            observer.publish(topic, bytes(600), 0, false);
            fw.awaitReadable(ch, MvMqttReadableDataType.MESSAGELOST);
            MvMqttLostMessageInfo info = MvMqttLostMessageInfo.allocate(256);
            rule("READ-LOST-1", "mvMqttReceiveLostMessageInfo")
                    .assertThat(fw.mv().mvMqttReceiveLostMessageInfo(ch, info))
                    .isEqualTo(MvStatus.OKAY);
            rule("LOST-MSG-1", "reason")
                    .assertThat(info.reason().get())
                    .isEqualTo(MvMqttLostMessageReason.DEVICERECEIVEBUFFERTOOSMALL.code());
            rule("LOST-MSG-1", "topic")
                    .assertThat(Messaging.utf8(info.topic().written()))
                    .isEqualTo(topic);
            rule("LOST-MSG-1", "the length the message needed (payload, or topic + payload)")
                    .assertThat(info.messageLen().getUnsigned())
                    .isIn(600L, 600L + utf8(topic).length);
            rule("READ-LOST-1", "the lost-message item read is consumed")
                    .assertThat(fw.nextReadable(ch))
                    .isEqualTo(MvMqttReadableDataType.NONE);
            // The channel goes on: a message that fits is delivered.
            observer.publish(topic, utf8("small"), 0, false);
            rule("LOST-MSG-1", "only the message too large is lost: one that fits is delivered")
                    .assertThat(payload(fw.receive(ch)))
                    .isEqualTo(utf8("small"));
        }
    }

    @TargetTest
    @Asserts("LOST-SIZE-1")
    void tooSmallTopicBufferIsInvalidBufferSize(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            String topic = target.uniqueTopic("big");
            int ch = smallChannel(fw, target, topic);
            observer.publish(topic, bytes(700), 0, false);
            fw.awaitReadable(ch, MvMqttReadableDataType.MESSAGELOST);
            rule("LOST-SIZE-1", "topic buffer one byte short")
                    .assertThat(fw.mv()
                            .mvMqttReceiveLostMessageInfo(ch, MvMqttLostMessageInfo.allocate(utf8(topic).length - 1)))
                    .isEqualTo(MvStatus.INVALIDBUFFERSIZE);
        }
    }

    @TargetTest
    @Asserts("LOST-REF-1")
    void lostExactlyWhenTopicPlusPayloadExceedsTheReceiveBuffer(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            String topic = target.uniqueTopic("edge");
            int tlen = utf8(topic).length;
            int ch = smallChannel(fw, target, topic);
            observer.publish(topic, bytes(RX - tlen), 0, false);
            MvMqttMessage fits = fw.receive(ch);
            rule("LOST-REF-1", "topic + payload == %d bytes is delivered", RX)
                    .assertThat(fits.payload().length().get())
                    .isEqualTo(RX - tlen);
            observer.publish(topic, bytes(RX - tlen + 1), 0, false);
            MvMqttLostMessageInfo info = Messaging.readLost(fw, ch);
            rule("LOST-REF-1", "reason")
                    .assertThat(info.reason().get())
                    .isEqualTo(MvMqttLostMessageReason.DEVICERECEIVEBUFFERTOOSMALL.code());
            rule("LOST-REF-1", "topic")
                    .assertThat(Messaging.utf8(info.topic().written()))
                    .isEqualTo(topic);
            rule("LOST-REF-1", "message_len is topic plus payload, the size that did not fit")
                    .assertThat(info.messageLen().get())
                    .isEqualTo(RX + 1);
        }
    }

    @TargetTest
    @Asserts("LOST-REF-2")
    void lostQos1MessageIsAcknowledgedAndNotRedelivered(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            String clientId = target.uniqueClientId("lostq1");
            String topic = target.uniqueTopic("lostq1");
            int ch = fw.openChannel(RX);
            assertThat(fw.connect(ch, Messaging.persistent(target, clientId)).state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            fw.subscribed(ch, topic, 1);
            observer.publish(topic, bytes(800), 1, false);
            Messaging.readLost(fw, ch);
            Messaging.fence(fw, ch, target);
            assertThat(fw.disconnect(ch).state()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            fw.closeChannel(ch);
            // Reconnect with a receive buffer large enough: a redelivery would now arrive as a message.
            int again = fw.openChannel(4096);
            assertThat(fw.connect(again, Messaging.persistent(target, clientId)).state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            Messaging.assertNothingReadableWithin(
                    fw, again, target.quietWindow(), rule("LOST-REF-2", "a lost QoS 1 message is not redelivered"));
            observer.publish(topic, utf8("control"), 1, false);
            MvMqttMessage control = fw.receive(again);
            rule("LOST-REF-2", "control: the persistent session still delivers")
                    .assertThat(topic(control))
                    .isEqualTo(topic);
            fw.mv().mvMqttAcknowledgeMessage(again, control.correlationId().get());
            fw.disconnect(again);
            fw.closeChannel(again);
            AcknowledgeTests.cleanSession(fw, target, clientId);
        }
    }
}
