package dev.mvmqtt.tck.tests.connection;

import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.assertNoRecordWithin;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.closureReason;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.issueEachRequest;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.publishRequest;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.mvmqtt.spec.api.codes.MvClosureReason;
import dev.mvmqtt.spec.api.codes.MvEventType;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TargetTest;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The relay's inbound-rate circuit breaker. The observer floods the device's subscription with QoS 0 messages, three
 * times the reference's default threshold (circuitBreakerMessagesPerSecond = 500), in one burst; the device then
 * probes with QoS 0 publishes (reading everything in front of each probe's response) until a probe is answered by
 * something other than REQUESTCOMPLETED or the whole flood has been read.
 */
class CircuitBreakerTests {
    /** The reference's default threshold (decision 4, LOSS-REF-5). */
    static final int REFERENCE_THRESHOLD = 500;
    static final int FLOOD = 3 * REFERENCE_THRESHOLD;

    /** What the device saw of a flood. */
    record Flood(List<byte[]> messages, MvMqttRequestState probeState, int probes) {
        boolean tripped() {
            return !probeState.equals(MvMqttRequestState.REQUESTCOMPLETED);
        }
    }

    static byte[] floodPayload(int i) {
        return utf8("flood-" + i);
    }

    /** Floods {@code topic} (the device subscribed at QoS 0) and probes until a trip or the whole flood is read. */
    static Flood flood(Firmware fw, int ch, TckTarget target, Observer observer, String topic) {
        for (int i = 0; i < FLOOD; i++) {
            observer.publish(topic, floodPayload(i), 0, false);
        }
        String probeTopic = target.uniqueTopic("breaker/probe");
        List<byte[]> received = new ArrayList<>();
        long deadline = System.nanoTime() + target.timeout(Duration.ofSeconds(20)).toNanos();
        int probes = 0;
        while (true) {
            probes++;
            int correlation = 0xb000 + probes;
            assertThat(fw.mv().mvMqttRequestPublish(ch, publishRequest(correlation, probeTopic, utf8("probe"), 0)))
                    .as("probe publish during the flood").isEqualTo(MvStatus.OKAY);
            MvMqttPublishResponse probe = null;
            while (probe == null) {
                MvMqttReadableDataType next = fw.nextReadable(ch);
                if (next.equals(MvMqttReadableDataType.MESSAGERECEIVED)) {
                    MvMqttMessage m = MvMqttMessage.allocate(256, 256);
                    assertThat(fw.mv().mvMqttReceiveMessage(ch, m)).as("receive a flood message").isEqualTo(MvStatus.OKAY);
                    received.add(m.payload().written());
                } else if (next.equals(MvMqttReadableDataType.PUBLISHRESPONSE)) {
                    probe = new MvMqttPublishResponse();
                    assertThat(fw.mv().mvMqttReadPublishResponse(ch, probe)).isEqualTo(MvStatus.OKAY);
                    assertThat(probe.correlationId).as("probe response correlation id").isEqualTo(correlation);
                } else if (next.equals(MvMqttReadableDataType.NONE)) {
                    if (System.nanoTime() > deadline) {
                        fail("probe " + correlation + " not answered in time; flood messages read: " + received.size());
                    }
                    fw.pollRecord(Duration.ofMillis(50));
                } else {
                    fail("unexpected readable type during the flood: " + next);
                }
            }
            if (!probe.state().equals(MvMqttRequestState.REQUESTCOMPLETED) || received.size() >= FLOOD) {
                return new Flood(received, probe.state(), probes);
            }
            if (System.nanoTime() > deadline) {
                fail("neither a breaker trip nor the whole flood within the deadline; flood messages read: " + received.size());
            }
            // wait for more of the flood (an event: the next notification), then probe again
            fw.pollRecord(Duration.ofMillis(200));
        }
    }

    @TargetTest
    @Asserts("LOSS-CB-1")
    void breakerTripAnswersRequestsConnectionCircuitBreaker(TckTarget target) {
        String topic = target.uniqueTopic("breaker/must");
        try (Firmware fw = Firmware.start(target); Observer observer = target.observer()) {
            int ch = fw.connected(target);
            fw.subscribed(ch, topic, 0);
            Flood f = flood(fw, ch, target, observer, topic);
            Assumptions.assumeTrue(f.tripped(), "the implementation's relay did not drop the connection at " + FLOOD
                    + " messages in one burst: LOSS-CB-1 (a conditional rule) is not exercised");
            assertThat(f.probeState()).as("LOSS-CB-1: a request answered after the relay dropped the connection for the inbound rate")
                    .isEqualTo(MvMqttRequestState.CONNECTIONCIRCUITBREAKER);
        }
    }

    @TargetTest
    @Asserts({"LOSS-REF-5", "LOSS-REF-6"})
    void referenceBreakerKeepsTheChannelOpenAndAnswersEveryLaterRequest(TckTarget target) {
        String topic = target.uniqueTopic("breaker/ref");
        try (Firmware fw = Firmware.start(target); Observer observer = target.observer()) {
            int ch = fw.connected(target);
            fw.subscribed(ch, topic, 0);
            Flood f = flood(fw, ch, target, observer, topic);
            assertThat(f.probeState()).as("LOSS-REF-5: more than %d inbound messages within a second trip the breaker", REFERENCE_THRESHOLD)
                    .isEqualTo(MvMqttRequestState.CONNECTIONCIRCUITBREAKER);
            assertThat(f.messages().size()).as("LOSS-REF-5: the breaker trips only above the threshold, and cuts the flood")
                    .isBetween(REFERENCE_THRESHOLD, FLOOD - 1);
            for (int i = 0; i < f.messages().size(); i++) {
                assertThat(f.messages().get(i)).as("LOSS-REF-6: queued message %d stays readable, in order", i).isEqualTo(floodPayload(i));
            }
            assertThat(issueEachRequest(fw, ch, target.uniqueTopic("breaker/after")))
                    .as("LOSS-REF-6: every later subscribe, unsubscribe, publish, disconnect").containsOnly(MvMqttRequestState.CONNECTIONCIRCUITBREAKER);
            assertThat(fw.mv().mvMqttRequestConnect(ch, Firmware.connectRequest(target, target.uniqueClientId("again")).build()))
                    .as("LOSS-REF-6: reconnecting takes a new channel").isEqualTo(MvStatus.REQUESTALREADYSENT);
            assertNoRecordWithin(fw, MvEventType.CHANNELNOTCONNECTED, target.quietWindow(), "LOSS-REF-5: no CHANNELNOTCONNECTED for a breaker trip");
            assertThat(fw.nextReadable(ch)).as("LOSS-REF-5: the channel stays open").isEqualTo(MvMqttReadableDataType.NONE);
            assertThat(closureReason(fw, ch)).as("LOSS-REF-5: an open channel reports no closure").isEqualTo(MvClosureReason.NONE);
            assertThat(fw.closeChannel(ch)).isEqualTo(MvStatus.OKAY);
            int fresh = fw.connected(target);
            assertThat(fw.publish(fresh, publishRequest(1, topic, utf8("fresh"), 0)).state())
                    .as("LOSS-REF-6: a new channel connects and works").isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
        }
    }
}
