package dev.mvmqtt.tck.tests.messaging.properties;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.RuleCheck.rules;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscription;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.PropertyTarget;
import dev.mvmqtt.tck.junit.ReferenceRule;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;
import dev.mvmqtt.tck.observer.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * QoS values: 0 and 1 accepted and delivered at that QoS; any other value refused with INVALIDPARAMETERS (reference
 * rule) and never seen by the observer (subscribed at QoS 2). The silence is checked per try with a marker: a QoS 1
 * publish issued after the refused one on the same connection and topic must be the first thing the observer gets;
 * over the whole property the observer must never see a refused payload (checked again after the last try).
 */
@AddLifecycleHook(PropertyTarget.Resolver.class)
@ReferenceRule
class QosPropertyTests {
    private TckTarget target;
    private Firmware fw;
    private Observer observer;
    private int channel;
    private int n;
    private final List<String> refused = new ArrayList<>();

    @BeforeProperty
    void open(PropertyTarget property) {
        target = property.target();
        fw = Firmware.start(target);
        channel = fw.connected(target);
        observer = target.observer();
        observer.subscribe(target.uniqueTopic("qos") + "/#", 2);
    }

    @AfterProperty
    void close() {
        try {
            if (observer != null && !refused.isEmpty()) {
                observer.assertNoMessageWithin(target.quietWindow(), m -> refused.contains(m.payloadUtf8()));
            }
        } finally {
            if (observer != null) {
                observer.close();
            }
            if (fw != null) {
                fw.close();
            }
        }
    }

    @Provide
    Arbitrary<Integer> qosValues() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(2, 255),
                Arbitraries.of(-1, Integer.MAX_VALUE, Integer.MIN_VALUE, 256, 0x10001));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Property(tries = 25)
    @Asserts({"PUB-QOS-1", "QOS-TWO-1", "QOS-REF-1"})
    void publishQos(@ForAll("qosValues") int qos) {
        String topic = target.uniqueTopic("qos") + "/p" + (n++);
        String body = "qos " + qos + " #" + n;
        MvMqttPublishResponse r = fw.publish(channel, MvMqttPublishRequest.of(n, topic, utf8(body), qos, false));
        assertThat(r.correlationId).isEqualTo(n);
        if (qos == 0 || qos == 1) {
            rule("PUB-QOS-1", "publish at QoS %d", qos).assertThat(r).isCompleted();
            ReceivedMessage m = observer.awaitMessages(
                            1,
                            target.timeout(Firmware.ANSWER_TIMEOUT),
                            x -> x.topic().equals(topic))
                    .get(0);
            rule("PUB-QOS-1", "delivered at the QoS asked")
                    .assertThat(m)
                    .hasPayload(body)
                    .hasQos(qos);
        } else {
            refused.add(body);
            rule("QOS-REF-1", "desired_qos %d", qos)
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.INVALIDPARAMETERS);
            String marker = "marker #" + n;
            assertThat(fw.publish(channel, MvMqttPublishRequest.of(-n, topic, utf8(marker), 1, false))
                            .state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            List<ReceivedMessage> got = observer.awaitMessages(
                    1, target.timeout(Firmware.ANSWER_TIMEOUT), x -> x.topic().equals(topic));
            rules("QOS-TWO-1", "QOS-REF-1")
                    .as("nothing of the desired_qos %d publish reached the broker", qos)
                    .assertThat(got.get(0).payloadUtf8())
                    .isEqualTo(marker);
        }
    }

    @Property(tries = 20)
    @Asserts({"RECV-QOS-1", "QOS-TWO-1", "QOS-REF-2", "SUB-RESP-3"})
    void subscribeQos(@ForAll("qosValues") int qos) {
        String topic = target.uniqueTopic("qos") + "/s" + (n++);
        MvMqttSubscribeResponse r =
                fw.subscribe(channel, MvMqttSubscribeRequest.of(n, MvMqttSubscription.of(topic, qos)));
        assertThat(r.correlationId().get()).isEqualTo(n);
        if (qos == 0 || qos == 1) {
            rule("SUB-RESP-3", "subscribe at QoS %d completed", qos)
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            rule("SUB-RESP-3", "one code for the one topic")
                    .assertThat(r.writtenReasonCodes())
                    .hasSize(1);
            rule("SUB-RESP-3", "granted at QoS %d", qos)
                    .assertThat(r.writtenReasonCodes()[0])
                    .isIn(qos == 0 ? List.of(0) : List.of(0, 1));
            observer.publish(topic, utf8("to device"), 2, false);
            MvMqttMessage m = fw.receive(channel);
            rule("RECV-QOS-1", "delivered at the granted QoS %d", qos)
                    .assertThat(m.qos().get())
                    .isEqualTo(qos);
            fw.mv().mvMqttAcknowledgeMessage(channel, m.correlationId().get());
        } else {
            rule("QOS-REF-2", "subscribe at desired_qos %d", qos)
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.INVALIDPARAMETERS);
            rule("QOS-REF-2", "reason_codes_len 0 for desired_qos %d", qos)
                    .assertThat(r.reasonCodesLen().get())
                    .isZero();
            // Marker: a publish on the refused topic, then a valid subscription and a publish on it. Had the refused
            // SUBSCRIBE reached the broker, the first message would come before the marker.
            observer.publish(topic, utf8("refused"), 2, false);
            String marker = topic + "-marker";
            fw.subscribed(channel, marker, 0);
            observer.publish(marker, utf8("marker"), 0, false);
            MvMqttMessage m = fw.receive(channel);
            rules("QOS-TWO-1", "QOS-REF-2")
                    .as("no SUBSCRIBE was sent for desired_qos %d", qos)
                    .assertThat(Messages.topic(m))
                    .isEqualTo(marker);
        }
    }

    static final class Messages {
        static String topic(MvMqttMessage m) {
            return new String(m.topic().written(), StandardCharsets.UTF_8);
        }
    }
}
