package dev.mvmqtt.tck.tests.messaging;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvEventType;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttDisconnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttLostMessageInfo;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscription;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeResponse;
import dev.mvmqtt.spec.api.notify.NotificationRecord;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TargetTest;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;
import java.nio.charset.StandardCharsets;

/**
 * Every kind of readable item (connect, subscribe, unsubscribe, publish and disconnect responses, incoming and
 * lost messages) is announced by a CHANNELDATAREADABLE record that carries the channel's own notification tag,
 * before the application reads it: one record per item.
 */
class NotificationEventTests {
    /** A tag no other channel of the TCK uses, so the record can only be this channel's. */
    private static final int TAG = 0x7A6B5C4D;

    @TargetTest
    @Asserts({"NOTIF-EVT-1"})
    void responsesAndMessagesAreAnnouncedWithTheChannelsTag(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            U32Ref handle = new U32Ref();
            assertThat(fw.mv()
                            .mvOpenChannel(
                                    fw.channelParams(2048).notificationTag(TAG).build(), handle))
                    .isEqualTo(MvStatus.OKAY);
            int ch = handle.get();

            assertThat(fw.mv()
                            .mvMqttRequestConnect(
                                    ch,
                                    Firmware.connectRequest(target, target.uniqueClientId("evt"))
                                            .build()))
                    .isEqualTo(MvStatus.OKAY);
            expectAnnouncement(fw, ch, "connect response", MvMqttReadableDataType.CONNECTRESPONSE);
            MvMqttConnectResponse connack = new MvMqttConnectResponse();
            assertThat(fw.mv().mvMqttReadConnectResponse(ch, connack)).isEqualTo(MvStatus.OKAY);
            assertThat(connack.state()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);

            String topic = target.uniqueTopic("evt");
            assertThat(fw.mv()
                            .mvMqttRequestSubscribe(ch, MvMqttSubscribeRequest.of(1, MvMqttSubscription.of(topic, 0))))
                    .isEqualTo(MvStatus.OKAY);
            expectAnnouncement(fw, ch, "subscribe response", MvMqttReadableDataType.SUBSCRIBERESPONSE);
            assertThat(fw.mv().mvMqttReadSubscribeResponse(ch, MvMqttSubscribeResponse.withRoomFor(1)))
                    .isEqualTo(MvStatus.OKAY);

            observer.publish(topic, "ping".getBytes(StandardCharsets.UTF_8), 0, false);
            expectAnnouncement(fw, ch, "incoming message", MvMqttReadableDataType.MESSAGERECEIVED);
            assertThat(fw.mv().mvMqttReceiveMessage(ch, MvMqttMessage.allocate(512, 64)))
                    .isEqualTo(MvStatus.OKAY);

            assertThat(fw.mv().mvMqttRequestPublish(ch, MvMqttPublishRequest.of(2, topic, new byte[] {1}, 0, false)))
                    .isEqualTo(MvStatus.OKAY);
            // The device is subscribed to its own topic: the publish response and the echo may come in
            // either order, each with its own record.
            expectAnnouncement(fw, "publish response or echoed message");
            expectAnnouncement(fw, "publish response or echoed message");
            MvMqttReadableDataType first = fw.nextReadable(ch);
            rule("NOTIF-EVT-1")
                    .assertThat(first)
                    .isIn(MvMqttReadableDataType.PUBLISHRESPONSE, MvMqttReadableDataType.MESSAGERECEIVED);
            MvMqttPublishResponse pub = new MvMqttPublishResponse();
            if (first.equals(MvMqttReadableDataType.MESSAGERECEIVED)) {
                assertThat(fw.mv().mvMqttReceiveMessage(ch, MvMqttMessage.allocate(512, 64)))
                        .isEqualTo(MvStatus.OKAY);
                assertThat(fw.mv().mvMqttReadPublishResponse(ch, pub)).isEqualTo(MvStatus.OKAY);
            } else {
                assertThat(fw.mv().mvMqttReadPublishResponse(ch, pub)).isEqualTo(MvStatus.OKAY);
                assertThat(fw.mv().mvMqttReceiveMessage(ch, MvMqttMessage.allocate(512, 64)))
                        .isEqualTo(MvStatus.OKAY);
            }
            rule("NOTIF-EVT-1").assertThat(pub.correlationId).isEqualTo(2);

            assertThat(fw.mv().mvMqttRequestUnsubscribe(ch, MvMqttUnsubscribeRequest.of(3, topic)))
                    .isEqualTo(MvStatus.OKAY);
            expectAnnouncement(fw, ch, "unsubscribe response", MvMqttReadableDataType.UNSUBSCRIBERESPONSE);
            assertThat(fw.mv().mvMqttReadUnsubscribeResponse(ch, MvMqttUnsubscribeResponse.withRoomFor(1)))
                    .isEqualTo(MvStatus.OKAY);

            // a message larger than the 2048-byte receive buffer is lost, and the loss is announced like any item
            String big = target.uniqueTopic("evt-big");
            assertThat(fw.mv().mvMqttRequestSubscribe(ch, MvMqttSubscribeRequest.of(4, MvMqttSubscription.of(big, 0))))
                    .isEqualTo(MvStatus.OKAY);
            expectAnnouncement(fw, ch, "second subscribe response", MvMqttReadableDataType.SUBSCRIBERESPONSE);
            assertThat(fw.mv().mvMqttReadSubscribeResponse(ch, MvMqttSubscribeResponse.withRoomFor(1)))
                    .isEqualTo(MvStatus.OKAY);
            observer.publish(big, new byte[4096], 0, false);
            expectAnnouncement(fw, ch, "lost message", MvMqttReadableDataType.MESSAGELOST);
            assertThat(fw.mv().mvMqttReceiveLostMessageInfo(ch, MvMqttLostMessageInfo.allocate(512)))
                    .isEqualTo(MvStatus.OKAY);

            assertThat(fw.mv().mvMqttRequestDisconnect(ch)).isEqualTo(MvStatus.OKAY);
            expectAnnouncement(fw, ch, "disconnect response", MvMqttReadableDataType.DISCONNECTRESPONSE);
            MvMqttDisconnectResponse disc = new MvMqttDisconnectResponse();
            assertThat(fw.mv().mvMqttReadDisconnectResponse(ch, disc)).isEqualTo(MvStatus.OKAY);
            assertThat(disc.state()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            rule("NOTIF-EVT-1", "one record per item, nothing after the last")
                    .assertThat(fw.pollRecord(target.quietWindow()))
                    .isNull();
        }
    }

    /**
     * The next record announces exactly one new item of the expected kind on this channel: the wait wakes on that
     * record (not on any record), and once it is in, the channel's next readable item is the one announced.
     */
    private static void expectAnnouncement(Firmware fw, int ch, String what, MvMqttReadableDataType kind) {
        expectAnnouncement(fw, what);
        rule("NOTIF-EVT-1", "the item the record announced (%s)", what)
                .assertThat(fw.nextReadable(ch))
                .isEqualTo(kind);
    }

    private static void expectAnnouncement(Firmware fw, String what) {
        NotificationRecord record = fw.awaitRecord();
        rule("NOTIF-EVT-1", "the record announcing the %s", what)
                .assertThat(record.type())
                .isEqualTo(MvEventType.CHANNELDATAREADABLE);
        rule("NOTIF-EVT-1", "the %s record carries the channel's notification tag", what)
                .assertThat(record.tag())
                .isEqualTo(TAG);
    }
}
