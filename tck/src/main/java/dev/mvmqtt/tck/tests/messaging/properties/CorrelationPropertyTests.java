package dev.mvmqtt.tck.tests.messaging.properties;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.RuleCheck.rules;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscription;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeResponse;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.PropertyTarget;
import dev.mvmqtt.tck.junit.TckTarget;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Correlation ids under random interleavings of publishes, subscribes, unsubscribes and reads on one connected
 * channel: every response carries the id of exactly one outstanding request of its kind, and each request is
 * answered once. The interleavings stay within the must rules: a subscribe (unsubscribe) is only issued when none is
 * in flight, and at most 16 publishes are in flight, so no reference rate limit is relied on.
 */
@AddLifecycleHook(PropertyTarget.Resolver.class)
class CorrelationPropertyTests {
    enum Op {
        PUBLISH0,
        PUBLISH1,
        SUBSCRIBE,
        UNSUBSCRIBE,
        READ
    }

    private TckTarget target;
    private Firmware fw;
    private int channel;
    private int n;

    @BeforeProperty
    void open(PropertyTarget property) {
        target = property.target();
        fw = Firmware.start(target);
        channel = fw.connected(target);
    }

    @AfterProperty
    void close() {
        if (fw != null) {
            try {
                rule("GEN-RESP-1", "no response left over after the last try")
                        .assertThat(fw.nextReadable(channel))
                        .isEqualTo(MvMqttReadableDataType.NONE);
            } finally {
                fw.close();
            }
        }
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return Arbitraries.of(Op.class).list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 20)
    @Asserts({"GEN-CORR-1", "GEN-RESP-1"})
    void everyResponseAnswersExactlyOneOutstandingRequest(
            @ForAll("ops") List<Op> ops, @ForAll @Size(40) @UniqueElements List<Integer> ids) {
        Map<Integer, MvMqttReadableDataType> outstanding = new HashMap<>();
        int next = 0;
        int publishes = 0;
        boolean subscribing = false;
        boolean unsubscribing = false;
        for (Op op : ops) {
            Op effective = op;
            if ((op == Op.PUBLISH0 || op == Op.PUBLISH1) && publishes >= 16
                    || op == Op.SUBSCRIBE && subscribing
                    || op == Op.UNSUBSCRIBE && unsubscribing) {
                effective = Op.READ;
            }
            String topic = target.uniqueTopic("corr/" + (n++));
            switch (effective) {
                case PUBLISH0, PUBLISH1 -> {
                    int id = ids.get(next++);
                    int qos = effective == Op.PUBLISH1 ? 1 : 0;
                    assertThat(fw.mv()
                                    .mvMqttRequestPublish(
                                            channel,
                                            MvMqttPublishRequest.of(
                                                    id, topic, "x".getBytes(StandardCharsets.UTF_8), qos, false)))
                            .isEqualTo(MvStatus.OKAY);
                    outstanding.put(id, MvMqttReadableDataType.PUBLISHRESPONSE);
                    publishes++;
                }
                case SUBSCRIBE -> {
                    int id = ids.get(next++);
                    assertThat(fw.mv()
                                    .mvMqttRequestSubscribe(
                                            channel, MvMqttSubscribeRequest.of(id, MvMqttSubscription.of(topic, 1))))
                            .isEqualTo(MvStatus.OKAY);
                    outstanding.put(id, MvMqttReadableDataType.SUBSCRIBERESPONSE);
                    subscribing = true;
                }
                case UNSUBSCRIBE -> {
                    int id = ids.get(next++);
                    assertThat(fw.mv().mvMqttRequestUnsubscribe(channel, MvMqttUnsubscribeRequest.of(id, topic)))
                            .isEqualTo(MvStatus.OKAY);
                    outstanding.put(id, MvMqttReadableDataType.UNSUBSCRIBERESPONSE);
                    unsubscribing = true;
                }
                case READ -> {
                    if (!outstanding.isEmpty()) {
                        MvMqttReadableDataType t = readOne(outstanding);
                        if (t.equals(MvMqttReadableDataType.PUBLISHRESPONSE)) {
                            publishes--;
                        } else if (t.equals(MvMqttReadableDataType.SUBSCRIBERESPONSE)) {
                            subscribing = false;
                        } else {
                            unsubscribing = false;
                        }
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        while (!outstanding.isEmpty()) {
            readOne(outstanding);
        }
    }

    /** Waits for the next response, checks it answers an outstanding request of its kind, and retires that request. */
    private MvMqttReadableDataType readOne(Map<Integer, MvMqttReadableDataType> outstanding) {
        long deadline = System.nanoTime() + fw.timeout().toNanos();
        MvMqttReadableDataType t;
        while ((t = fw.nextReadable(channel)).equals(MvMqttReadableDataType.NONE)) {
            assertThat(System.nanoTime())
                    .as("a response within %s; outstanding %s", fw.timeout(), outstanding)
                    .isLessThan(deadline);
            fw.pollRecord(fw.timeout());
        }
        int id;
        int state;
        if (t.equals(MvMqttReadableDataType.PUBLISHRESPONSE)) {
            MvMqttPublishResponse r = new MvMqttPublishResponse();
            assertThat(fw.mv().mvMqttReadPublishResponse(channel, r)).isEqualTo(MvStatus.OKAY);
            id = r.correlationId;
            state = r.requestState;
        } else if (t.equals(MvMqttReadableDataType.SUBSCRIBERESPONSE)) {
            MvMqttSubscribeResponse r = MvMqttSubscribeResponse.withRoomFor(8);
            assertThat(fw.mv().mvMqttReadSubscribeResponse(channel, r)).isEqualTo(MvStatus.OKAY);
            id = r.correlationId().get();
            state = r.requestState().get();
        } else if (t.equals(MvMqttReadableDataType.UNSUBSCRIBERESPONSE)) {
            MvMqttUnsubscribeResponse r = MvMqttUnsubscribeResponse.withRoomFor(8);
            assertThat(fw.mv().mvMqttReadUnsubscribeResponse(channel, r)).isEqualTo(MvStatus.OKAY);
            id = r.correlationId().get();
            state = r.requestState().get();
        } else {
            throw rule("GEN-RESP-1").violation("unexpected readable item " + t.name() + "; outstanding " + outstanding);
        }
        rules("GEN-CORR-1", "GEN-RESP-1")
                .as(
                        "%s with correlation id %s answers an outstanding request of that kind; outstanding %s",
                        t.name(), Integer.toUnsignedString(id), outstanding)
                .assertThat(outstanding.get(id))
                .isEqualTo(t);
        outstanding.remove(id);
        assertThat(MvMqttRequestState.of(state))
                .as("%s state", t.name())
                .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
        return t;
    }
}
