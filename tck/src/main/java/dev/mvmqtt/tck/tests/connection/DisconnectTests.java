package dev.mvmqtt.tck.tests.connection;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.assertNoRecordWithin;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.issueEachRequest;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.codes.MvEventType;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.mqtt.MvMqttDisconnectResponse;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TargetTest;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;

/** Graceful disconnect: the response, and the channel afterwards. (The will side is in {@link WillTests}.) */
class DisconnectTests {

    @TargetTest
    @Asserts("DISC-OK-1")
    void disconnectIsAnsweredRequestCompletedAndEndsTheConnection(TckTarget target) {
        String topic = target.uniqueTopic("disc");
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            observer.subscribe(topic, 1);
            int ch = fw.connected(target);
            fw.subscribed(ch, topic, 1);
            MvMqttDisconnectResponse d = fw.disconnect(ch);
            rule("DISC-OK-1", "disconnect on a connected channel")
                    .assertThat(d.state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            // the MQTT connection is closed: what the broker publishes on the subscribed topic no longer arrives
            observer.publish(topic, utf8("after disconnect"), 1, false);
            observer.awaitMessages(1, fw.timeout());
            ConnectionSupport.watch(fw, target.quietWindow());
            rule("DISC-OK-1", "no message arrives on the disconnected channel")
                    .assertThat(fw.nextReadable(ch))
                    .isEqualTo(MvMqttReadableDataType.NONE);
        }
    }

    @TargetTest
    @Asserts("DISC-REF-1")
    void afterGracefulDisconnectTheChannelStaysOpenAndRequestsAreNotConnected(TckTarget target) {
        try (Firmware fw = Firmware.start(target)) {
            int ch = fw.connected(target);
            MvMqttDisconnectResponse d = fw.disconnect(ch);
            assertThat(d.state()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            rule("DISC-REF-1", "a graceful disconnect has disconnect_code 0")
                    .assertThat(d.disconnectCode)
                    .isZero();
            rule("DISC-REF-1", "subscribe, unsubscribe, publish, disconnect after a graceful disconnect")
                    .assertThat(issueEachRequest(fw, ch, target.uniqueTopic("discref")))
                    .containsOnly(MvMqttRequestState.NOTCONNECTED);
            assertNoRecordWithin(
                    fw,
                    MvEventType.CHANNELNOTCONNECTED,
                    target.quietWindow(),
                    rule("DISC-REF-1", "a graceful disconnect is not a connection loss"));
            rule("DISC-REF-1", "the channel stays open (read calls answer OKAY)")
                    .assertThat(fw.nextReadable(ch))
                    .isEqualTo(MvMqttReadableDataType.NONE);
        }
    }
}
