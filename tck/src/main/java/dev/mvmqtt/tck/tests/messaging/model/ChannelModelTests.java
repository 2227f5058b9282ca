package dev.mvmqtt.tck.tests.messaging.model;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.RuleCheck.rules;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttDisconnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
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
import dev.mvmqtt.tck.junit.ReferenceRule;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;
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
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * A state-model test of one MQTT channel: random short chains of open, connect, subscribe, unsubscribe, publish,
 * broker-side publish (through the observer), receive/read, acknowledge, disconnect and close run against the
 * implementation on the first available target, and every step compares the implementation's statuses, readable
 * types, response states and correlation ids with {@link ChannelModel}. The model is the reference's (NOTCONNECTED
 * for requests without a connection, RATELIMITED for a second subscribe, RESPONSENOTPRESENT/WRONGDATAREQUESTED for
 * reads), so the test runs in the strict profile only.
 *
 * <p>One observer per property; one device per try (the open-channel rate limit is per device, so chains stay
 * independent). A failure shrinks to a short action sequence.
 */
@AddLifecycleHook(PropertyTarget.Resolver.class)
@ReferenceRule
class ChannelModelTests {
    private TckTarget target;
    private Observer observer;
    private int tryNumber;
    private final List<Sut> created = new ArrayList<>();

    @BeforeProperty
    void open(PropertyTarget property) {
        target = property.target();
        observer = target.observer();
    }

    @AfterProperty
    void close() {
        if (observer != null) {
            observer.close();
        }
    }

    /** The system under test plus its model; the state of the action chain. */
    final class Sut {
        final Firmware fw = Firmware.start(target);
        final ChannelModel model = new ChannelModel();
        final String topic = target.uniqueTopic("model/" + (tryNumber++));
        int channel;
        int nextId = 1;
        int clients;

        Sut() {
            created.add(this);
        }

        int id() {
            return nextId++;
        }

        @Override
        public String toString() {
            return model.toString();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Provide
    Arbitrary<ActionChain<Sut>> chains() {
        return ActionChain.<Sut>startWith(Sut::new)
                .withAction(3, new OpenAction())
                .withAction(3, new ConnectAction())
                .withAction(2, new SubscribeAction())
                .withAction(1, new UnsubscribeAction())
                .withAction(2, new PublishAction())
                .withAction(2, new BrokerPublishAction())
                .withAction(4, new ReadAction())
                .withAction(1, new AcknowledgeAction())
                .withAction(1, new DisconnectAction())
                .withAction(1, new CloseAction())
                .withMaxTransformations(15);
    }

    @Property(tries = 10)
    @Asserts({
        "GEN-REFUSED-1", "GEN-RESP-1", "GEN-CORR-1", "GEN-REF-1", "CONN-ONCE-1", "CONN-REF-1", "READ-SUB-1",
                "READ-UNSUB-1",
        "READ-PUB-1", "READ-MSG-1", "READ-CONSUME-1", "READ-REF-1", "READ-REF-2", "READ-REF-3", "LIMIT-REF-1",
                "LIMIT-REF-2",
        "LIMIT-REF-3", "LIMIT-REF-5", "SUB-DELIV-1", "RECV-REF-2", "ACK-REF-2"
    })
    void channelBehavesAsTheModel(@ForAll("chains") ActionChain<Sut> chain) {
        try {
            chain.run();
        } finally {
            for (Sut s : created) {
                s.fw.close();
            }
            created.clear();
        }
    }

    // ---- actions ----------------------------------------------------------------------------------

    static final class OpenAction implements Action.Independent<Sut> {
        @Override
        public boolean precondition(Sut s) {
            return !s.model.hasChannel() && s.model.opens < 3;
        }

        @Override
        public Arbitrary<Transformer<Sut>> transformer() {
            return Arbitraries.just(Transformer.mutate("open", s -> {
                U32Ref h = new U32Ref();
                assertThat(s.fw.mv().mvOpenChannel(s.fw.channelParams(2048).build(), h))
                        .as("open")
                        .isEqualTo(MvStatus.OKAY);
                s.channel = h.get();
                s.model.phase = ChannelModel.Phase.OPEN;
                s.model.opens++;
                U32Ref type = new U32Ref(-1);
                assertThat(s.fw.mv().mvMqttGetNextReadableDataType(s.channel, type))
                        .isEqualTo(MvStatus.OKAY);
                rule("READ-REF-3", "a new channel has nothing readable")
                        .assertThat(type.get())
                        .isEqualTo(MvMqttReadableDataType.NONE.code());
            }));
        }
    }

    final class ConnectAction implements Action.Independent<Sut> {
        @Override
        public boolean precondition(Sut s) {
            // The first connect is synchronous in the model: it waits for its response, so nothing else may be owed.
            return s.model.hasChannel() && (s.model.connectRequested || s.model.nothingPending());
        }

        @Override
        public Arbitrary<Transformer<Sut>> transformer() {
            return Arbitraries.just(Transformer.mutate("connect", s -> {
                var request = Firmware.connectRequest(
                                target, target.uniqueClientId("model" + s.topic.hashCode() + "c" + (s.clients++)))
                        .build();
                MvStatus status = s.fw.mv().mvMqttRequestConnect(s.channel, request);
                if (s.model.connectRequested) {
                    rules("CONN-ONCE-1", "CONN-REF-1")
                            .as("a second connect on the channel")
                            .assertThat(status)
                            .isEqualTo(MvStatus.REQUESTALREADYSENT);
                    return;
                }
                assertThat(status).as("connect").isEqualTo(MvStatus.OKAY);
                s.model.connectRequested = true;
                s.fw.awaitReadable(s.channel, MvMqttReadableDataType.CONNECTRESPONSE);
                MvMqttConnectResponse r = new MvMqttConnectResponse();
                assertThat(s.fw.mv().mvMqttReadConnectResponse(s.channel, r)).isEqualTo(MvStatus.OKAY);
                assertThat(r.state()).as("connect response").isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
                s.model.phase = ChannelModel.Phase.CONNECTED;
            }));
        }
    }

    static final class SubscribeAction implements Action.Independent<Sut> {
        @Override
        public boolean precondition(Sut s) {
            return s.model.hasChannel();
        }

        @Override
        public Arbitrary<Transformer<Sut>> transformer() {
            return Arbitraries.just(Transformer.mutate("subscribe", s -> {
                int id = s.id();
                MvStatus status = s.fw.mv()
                        .mvMqttRequestSubscribe(
                                s.channel, MvMqttSubscribeRequest.of(id, MvMqttSubscription.of(s.topic, 1)));
                if (s.model.subscribeInFlight) {
                    rule("LIMIT-REF-2", "subscribe while one is in flight")
                            .assertThat(status)
                            .isEqualTo(MvStatus.RATELIMITED);
                    return;
                }
                assertThat(status).as("subscribe").isEqualTo(MvStatus.OKAY);
                s.model.subscribeInFlight = true;
                s.model.unsubscribedSince = false;
                s.model.owed.put(
                        id,
                        new ChannelModel.Expected(
                                MvMqttReadableDataType.SUBSCRIBERESPONSE, id, s.model.requestOutcome()));
            }));
        }
    }

    static final class UnsubscribeAction implements Action.Independent<Sut> {
        @Override
        public boolean precondition(Sut s) {
            // Only when no broker publish is owed to the device: an unsubscribe would make its delivery uncertain.
            return s.model.hasChannel() && s.model.messagesOwed == 0;
        }

        @Override
        public Arbitrary<Transformer<Sut>> transformer() {
            return Arbitraries.just(Transformer.mutate("unsubscribe", s -> {
                int id = s.id();
                MvStatus status =
                        s.fw.mv().mvMqttRequestUnsubscribe(s.channel, MvMqttUnsubscribeRequest.of(id, s.topic));
                if (s.model.unsubscribeInFlight) {
                    rule("LIMIT-REF-3", "unsubscribe while one is in flight")
                            .assertThat(status)
                            .isEqualTo(MvStatus.RATELIMITED);
                    return;
                }
                assertThat(status).as("unsubscribe").isEqualTo(MvStatus.OKAY);
                s.model.unsubscribeInFlight = true;
                s.model.subscribed = false;
                s.model.unsubscribedSince = true;
                s.model.owed.put(
                        id,
                        new ChannelModel.Expected(
                                MvMqttReadableDataType.UNSUBSCRIBERESPONSE, id, s.model.requestOutcome()));
            }));
        }
    }

    final class PublishAction implements Action.Independent<Sut> {
        @Override
        public boolean precondition(Sut s) {
            return s.model.hasChannel();
        }

        @Override
        public Arbitrary<Transformer<Sut>> transformer() {
            return Arbitraries.integers()
                    .between(0, 1)
                    .map(qos -> Transformer.mutate("publish QoS " + qos, s -> {
                        int id = s.id();
                        MvStatus status = s.fw.mv()
                                .mvMqttRequestPublish(
                                        s.channel,
                                        MvMqttPublishRequest.of(
                                                id, target.uniqueTopic("model-out"), utf8("out " + id), qos, false));
                        if (s.model.publishesInFlight >= ChannelModel.MAX_PUBLISHES_IN_FLIGHT) {
                            rule("LIMIT-REF-1", "publish with 16 in flight")
                                    .assertThat(status)
                                    .isEqualTo(MvStatus.RATELIMITED);
                            return;
                        }
                        assertThat(status).as("publish").isEqualTo(MvStatus.OKAY);
                        s.model.publishesInFlight++;
                        s.model.owed.put(
                                id,
                                new ChannelModel.Expected(
                                        MvMqttReadableDataType.PUBLISHRESPONSE, id, s.model.requestOutcome()));
                    }));
        }
    }

    final class BrokerPublishAction implements Action.Independent<Sut> {
        @Override
        public boolean precondition(Sut s) {
            // One QoS 1 message at a time (some brokers keep one in flight per client until it is acknowledged).
            return s.model.connected()
                    && s.model.subscribed
                    && !s.model.subscribeInFlight
                    && !s.model.unsubscribeInFlight
                    && s.model.messagesOwed == 0
                    && s.model.unacknowledged.isEmpty();
        }

        @Override
        public Arbitrary<Transformer<Sut>> transformer() {
            return Arbitraries.just(Transformer.mutate("broker publishes", s -> {
                observer.publish(s.topic, utf8("in"), 1, false);
                s.model.messagesOwed++;
            }));
        }
    }

    static final class ReadAction implements Action.Independent<Sut> {
        @Override
        public boolean precondition(Sut s) {
            return s.model.hasChannel();
        }

        @Override
        public Arbitrary<Transformer<Sut>> transformer() {
            return Arbitraries.just(Transformer.mutate("read next", ChannelModelTests::readNext));
        }
    }

    static void readNext(Sut s) {
        ChannelModel m = s.model;
        if (m.nothingPending()) {
            rule("READ-REF-3", "nothing owed, nothing readable")
                    .assertThat(s.fw.nextReadable(s.channel))
                    .isEqualTo(MvMqttReadableDataType.NONE);
            rule("READ-REF-2", "read with nothing waiting")
                    .assertThat(s.fw.mv().mvMqttReadPublishResponse(s.channel, new MvMqttPublishResponse()))
                    .isEqualTo(MvStatus.RESPONSENOTPRESENT);
            rule("READ-REF-2", "receive with nothing waiting")
                    .assertThat(s.fw.mv().mvMqttReceiveMessage(s.channel, MvMqttMessage.allocate(512, 512)))
                    .isEqualTo(MvStatus.RESPONSENOTPRESENT);
            return;
        }
        long deadline = System.nanoTime() + s.fw.timeout().toNanos();
        MvMqttReadableDataType t;
        while ((t = s.fw.nextReadable(s.channel)).equals(MvMqttReadableDataType.NONE)) {
            rule("GEN-RESP-1", "something owed becomes readable within %s: %s", s.fw.timeout(), m)
                    .assertThat(System.nanoTime())
                    .isLessThan(deadline);
            s.fw.pollRecord(s.fw.timeout());
        }
        if (t.equals(MvMqttReadableDataType.MESSAGERECEIVED)) {
            rule("SUB-DELIV-1", "a message was owed, model %s", m)
                    .assertThat(m.messagesOwed)
                    .isPositive();
            rule("READ-REF-1", "wrong read type")
                    .assertThat(s.fw.mv().mvMqttReadPublishResponse(s.channel, new MvMqttPublishResponse()))
                    .isEqualTo(MvStatus.WRONGDATAREQUESTED);
            MvMqttMessage msg = MvMqttMessage.allocate(512, 512);
            rule("READ-MSG-1")
                    .assertThat(s.fw.mv().mvMqttReceiveMessage(s.channel, msg))
                    .isEqualTo(MvStatus.OKAY);
            assertThat(new String(msg.topic().written(), StandardCharsets.UTF_8))
                    .isEqualTo(s.topic);
            assertThat(msg.qos().get()).isEqualTo(1);
            rule("RECV-REF-2", "id unique among unacknowledged %s", m.unacknowledged)
                    .assertThat(m.unacknowledged.add(msg.correlationId().get()))
                    .isTrue();
            m.messagesOwed--;
            return;
        }
        rule("READ-REF-1", "receive with a %s next", t.name())
                .assertThat(s.fw.mv().mvMqttReceiveMessage(s.channel, MvMqttMessage.allocate(512, 512)))
                .isEqualTo(MvStatus.WRONGDATAREQUESTED);
        int id;
        int state;
        if (t.equals(MvMqttReadableDataType.PUBLISHRESPONSE)) {
            MvMqttPublishResponse r = new MvMqttPublishResponse();
            rule("READ-PUB-1")
                    .assertThat(s.fw.mv().mvMqttReadPublishResponse(s.channel, r))
                    .isEqualTo(MvStatus.OKAY);
            id = r.correlationId;
            state = r.requestState;
            m.publishesInFlight--;
        } else if (t.equals(MvMqttReadableDataType.SUBSCRIBERESPONSE)) {
            MvMqttSubscribeResponse r = MvMqttSubscribeResponse.withRoomFor(8);
            rule("READ-SUB-1")
                    .assertThat(s.fw.mv().mvMqttReadSubscribeResponse(s.channel, r))
                    .isEqualTo(MvStatus.OKAY);
            id = r.correlationId().get();
            state = r.requestState().get();
            m.subscribeInFlight = false;
            if (state == MvMqttRequestState.REQUESTCOMPLETED.code() && !m.unsubscribedSince) {
                m.subscribed = true;
            }
        } else if (t.equals(MvMqttReadableDataType.UNSUBSCRIBERESPONSE)) {
            MvMqttUnsubscribeResponse r = MvMqttUnsubscribeResponse.withRoomFor(8);
            rule("READ-UNSUB-1")
                    .assertThat(s.fw.mv().mvMqttReadUnsubscribeResponse(s.channel, r))
                    .isEqualTo(MvStatus.OKAY);
            id = r.correlationId().get();
            state = r.requestState().get();
            m.unsubscribeInFlight = false;
        } else {
            throw rule("GEN-RESP-1").violation("unexpected readable " + t.name() + "; model " + m);
        }
        ChannelModel.Expected e = m.owed.remove(id);
        rules("GEN-CORR-1", "GEN-RESP-1")
                .as("%s id %s answers an owed request; model %s", t.name(), id, m)
                .assertThat(e)
                .isNotNull();
        rule("GEN-RESP-1", "response kind for id %s", id).assertThat(e.type()).isEqualTo(t);
        rule("GEN-REF-1", "%s state for id %s", t.name(), id)
                .assertThat(MvMqttRequestState.of(state))
                .isEqualTo(e.state());
    }

    static final class AcknowledgeAction implements Action.Independent<Sut> {
        @Override
        public boolean precondition(Sut s) {
            return s.model.hasChannel();
        }

        @Override
        public Arbitrary<Transformer<Sut>> transformer() {
            return Arbitraries.just(Transformer.mutate("acknowledge", s -> {
                Integer id = s.model.unacknowledged.stream().findFirst().orElse(0x7EADBEEF);
                rules("LIMIT-REF-5", "ACK-REF-2")
                        .as("acknowledge %s", id)
                        .assertThat(s.fw.mv().mvMqttAcknowledgeMessage(s.channel, id))
                        .isEqualTo(MvStatus.OKAY);
                s.model.unacknowledged.remove(id);
            }));
        }
    }

    static final class DisconnectAction implements Action.Independent<Sut> {
        @Override
        public boolean precondition(Sut s) {
            // Synchronous in the model: waits for its response, so nothing else may be owed.
            return s.model.hasChannel() && s.model.nothingPending();
        }

        @Override
        public Arbitrary<Transformer<Sut>> transformer() {
            return Arbitraries.just(Transformer.mutate("disconnect", s -> {
                MvMqttRequestState expected = s.model.requestOutcome();
                assertThat(s.fw.mv().mvMqttRequestDisconnect(s.channel))
                        .as("disconnect")
                        .isEqualTo(MvStatus.OKAY);
                s.fw.awaitReadable(s.channel, MvMqttReadableDataType.DISCONNECTRESPONSE);
                MvMqttDisconnectResponse r = new MvMqttDisconnectResponse();
                assertThat(s.fw.mv().mvMqttReadDisconnectResponse(s.channel, r)).isEqualTo(MvStatus.OKAY);
                rules("GEN-REF-1", "DISC-REF-1")
                        .as("disconnect response")
                        .assertThat(r.state())
                        .isEqualTo(expected);
                if (s.model.connected()) {
                    s.model.phase = ChannelModel.Phase.DISCONNECTED;
                    s.model.subscribed = false;
                    s.model.unacknowledged.clear();
                }
            }));
        }
    }

    static final class CloseAction implements Action.Independent<Sut> {
        @Override
        public boolean precondition(Sut s) {
            // At most 3 opens per chain (the open rate limit is 8 per second): never close when no open is left.
            return s.model.hasChannel() && s.model.opens < 3;
        }

        @Override
        public Arbitrary<Transformer<Sut>> transformer() {
            return Arbitraries.just(Transformer.mutate("close", s -> {
                U32Ref h = new U32Ref(s.channel);
                assertThat(s.fw.mv().mvCloseChannel(h)).as("close").isEqualTo(MvStatus.OKAY);
                assertThat(h.get()).as("close writes 0 through the handle").isZero();
                s.channel = 0;
                s.model.channelClosed();
            }));
        }
    }
}
