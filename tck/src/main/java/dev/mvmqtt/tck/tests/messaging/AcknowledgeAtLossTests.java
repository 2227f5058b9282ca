package dev.mvmqtt.tck.tests.messaging;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.tests.messaging.Messaging.payload;
import static dev.mvmqtt.tck.tests.messaging.Messaging.utf8;

import dev.mvmqtt.spec.api.NetworkLink;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TargetTest;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;
import dev.mvmqtt.tck.profile.BrokerRaces;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * An acknowledgement cut off by a connection loss: what answered OKAY must have reached the broker, so the resumed
 * session does not redeliver it (issue 12's soak found 7 such redeliveries when the acknowledgement answered before
 * its PUBACK had left).
 */
class AcknowledgeAtLossTests {
    /** Messages acknowledged before the cut; the last acknowledgement is the one a cut right after it can take back. */
    private static final int MESSAGES = 20;

    @TargetTest
    @Asserts("ACK-REF-3")
    void acknowledgementAnsweredOkayIsNotRedeliveredAfterTheLinkWentDownRightAfterIt(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            Assumptions.assumeTrue(fw.mv().networkLink().isPresent(), "implementation offers no network link control");
            // The cut must come right after the last acknowledgement (no fence): the PUBACK reached the broker, whether
            // the
            // broker reads it before the close behind it is the broker's race.
            BrokerRaces.assumeLastPacketsHonoured(target, "whether an acknowledgement cut off right after it holds");
            NetworkLink link = fw.mv().networkLink().get();
            String clientId = target.uniqueClientId("ackcut");
            String topic = target.uniqueTopic("ackcut");
            int ch = fw.connected(target, Messaging.persistent(target, clientId));
            fw.subscribed(ch, topic, 1);
            for (int i = 0; i < MESSAGES; i++) {
                observer.publish(topic, utf8("m" + i), 1, false);
            }
            // Each acknowledged as soon as it is read (a broker may hold the next one back until then), and the link
            // cut the instant the last acknowledgement answered.
            Set<String> answeredOkay = new LinkedHashSet<>();
            try {
                for (int i = 0; i < MESSAGES; i++) {
                    MvMqttMessage m = fw.receive(ch);
                    MvStatus status = fw.mv()
                            .mvMqttAcknowledgeMessage(ch, m.correlationId().get());
                    rule("ACK-REF-3", "an acknowledgement answers OKAY or, once the connection is lost, CHANNELCLOSED")
                            .assertThat(status)
                            .isIn(MvStatus.OKAY, MvStatus.CHANNELCLOSED);
                    if (status == MvStatus.OKAY) {
                        answeredOkay.add(utf8(payload(m)));
                    }
                }
                link.down();
            } finally {
                link.up();
            }
            rule("ACK-REF-3", "acknowledgements before the loss answer OKAY")
                    .assertThat(answeredOkay)
                    .hasSize(MESSAGES);
            fw.closeChannel(ch);
            int again = fw.connected(target, Messaging.persistent(target, clientId));
            // Fence: redeliveries of the session come before a QoS 1 message published later on the same topic.
            observer.publish(topic, utf8("fence"), 1, false);
            List<String> redelivered = new ArrayList<>();
            for (MvMqttMessage m = fw.receive(again); ; m = fw.receive(again)) {
                fw.mv().mvMqttAcknowledgeMessage(again, m.correlationId().get());
                String text = utf8(payload(m));
                if (text.equals("fence")) {
                    break;
                }
                redelivered.add(text);
            }
            rule(
                            "ACK-REF-3",
                            "messages whose acknowledgement answered OKAY just before the link went down are not"
                                    + " redelivered in the resumed session")
                    .assertThat(redelivered)
                    .doesNotContainAnyElementsOf(answeredOkay);
            fw.disconnect(again);
            fw.closeChannel(again);
            AcknowledgeTests.cleanSession(fw, target, clientId);
        }
    }
}
