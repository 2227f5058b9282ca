package dev.mvmqtt.tck.tests.connection;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TargetTest;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;
import java.util.ArrayList;
import java.util.List;

/** Limits with live broker connections: the channel count, and acknowledgements that are never rate limited. */
class ConnectionLimitTests {

    @TargetTest
    @Asserts("LIMIT-CHAN-1")
    void fifthChannelIsRefusedWhileFourAreConnected(TckTarget target) {
        String topic = target.uniqueTopic("limit/chan");
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            observer.subscribe(topic, 1);
            List<Integer> channels = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                channels.add(fw.connected(
                        target,
                        Firmware.connectRequest(target, target.uniqueClientId("limit" + i))
                                .build()));
            }
            U32Ref fifth = new U32Ref();
            rule("LIMIT-CHAN-1", "a fifth channel while four are open and connected")
                    .assertThat(fw.mv().mvOpenChannel(fw.channelParams(2048).build(), fifth))
                    .isEqualTo(MvStatus.TOOMANYCHANNELS);
            // the four connections are unaffected
            for (int i = 0; i < 4; i++) {
                assertThat(fw.publish(channels.get(i), MvMqttPublishRequest.of(i, topic, utf8("ch" + i), 1, false))
                                .state())
                        .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            }
            observer.awaitMessages(4, fw.timeout(), m -> m.topic().equals(topic));
            assertThat(fw.closeChannel(channels.get(0))).isEqualTo(MvStatus.OKAY);
            U32Ref again = new U32Ref();
            rule("LIMIT-CHAN-1", "after closing one, a channel can be opened again")
                    .assertThat(fw.mv().mvOpenChannel(fw.channelParams(2048).build(), again))
                    .isEqualTo(MvStatus.OKAY);
        }
    }

    @TargetTest
    @Asserts("LIMIT-REF-5")
    void acknowledgementsAreNeverRateLimited(TckTarget target) {
        String topic = target.uniqueTopic("limit/ack");
        int n = 40;
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            int ch = fw.connected(target);
            fw.subscribed(ch, topic, 1);
            for (int i = 0; i < n; i++) {
                observer.publish(topic, utf8("ack " + i), 1, false);
            }
            // brokers hold back further QoS 1 messages until earlier ones are acknowledged (in-flight windows),
            // so each is acknowledged as it is read; the bursts follow
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                MvMqttMessage m = fw.receive(ch);
                rule("LIMIT-REF-5").assertThat(m.qos().get()).isEqualTo(1);
                ids.add(m.correlationId().get());
                rule("LIMIT-REF-5", "acknowledgement %d of %d", i + 1, n)
                        .assertThat(fw.mv()
                                .mvMqttAcknowledgeMessage(ch, m.correlationId().get()))
                        .isEqualTo(MvStatus.OKAY);
            }
            for (int id : ids) {
                rule("LIMIT-REF-5", "repeated acknowledgements in a burst")
                        .assertThat(fw.mv().mvMqttAcknowledgeMessage(ch, id))
                        .isEqualTo(MvStatus.OKAY);
            }
            for (int i = 0; i < 200; i++) {
                rule("LIMIT-REF-5", "acknowledgement of an unknown id")
                        .assertThat(fw.mv().mvMqttAcknowledgeMessage(ch, 0x7000_0000 + i))
                        .isEqualTo(MvStatus.OKAY);
            }
        }
    }
}
