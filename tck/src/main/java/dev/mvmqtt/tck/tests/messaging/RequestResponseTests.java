package dev.mvmqtt.tck.tests.messaging;

import static dev.mvmqtt.tck.RuleCheck.precondition;
import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.tests.messaging.Messaging.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvClosureReason;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
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
import dev.mvmqtt.tck.RuleCheck;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TargetTest;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** General request rules on a broker: refused calls issue nothing, one response each, states, faults, threads, close. */
class RequestResponseTests {

    /**
     * Reads every readable item until NONE, filing responses by type; messages are received and dropped. Every
     * response state is checked against {@code states} (GEN-STATE-1, or a precondition): no connect-only state.
     */
    private static Map<MvMqttReadableDataType, List<int[]>> drain(Firmware fw, int ch, int expected, RuleCheck states) {
        Map<MvMqttReadableDataType, List<int[]>> out = new HashMap<>();
        int got = 0;
        while (got < expected) {
            MvMqttReadableDataType next = fw.nextReadable(ch);
            if (next.equals(MvMqttReadableDataType.NONE)) {
                Messaging.awaitAnyRecord(fw);
                continue;
            }
            int[] stateAndId;
            if (next.equals(MvMqttReadableDataType.PUBLISHRESPONSE)) {
                MvMqttPublishResponse r = new MvMqttPublishResponse();
                assertThat(fw.mv().mvMqttReadPublishResponse(ch, r)).isEqualTo(MvStatus.OKAY);
                stateAndId = new int[] {r.requestState, r.correlationId};
            } else if (next.equals(MvMqttReadableDataType.SUBSCRIBERESPONSE)) {
                MvMqttSubscribeResponse r = MvMqttSubscribeResponse.withRoomFor(8);
                assertThat(fw.mv().mvMqttReadSubscribeResponse(ch, r)).isEqualTo(MvStatus.OKAY);
                stateAndId =
                        new int[] {r.requestState().get(), r.correlationId().get()};
            } else if (next.equals(MvMqttReadableDataType.UNSUBSCRIBERESPONSE)) {
                MvMqttUnsubscribeResponse r = MvMqttUnsubscribeResponse.withRoomFor(8);
                assertThat(fw.mv().mvMqttReadUnsubscribeResponse(ch, r)).isEqualTo(MvStatus.OKAY);
                stateAndId =
                        new int[] {r.requestState().get(), r.correlationId().get()};
            } else if (next.equals(MvMqttReadableDataType.DISCONNECTRESPONSE)) {
                MvMqttDisconnectResponse r = new MvMqttDisconnectResponse();
                assertThat(fw.mv().mvMqttReadDisconnectResponse(ch, r)).isEqualTo(MvStatus.OKAY);
                stateAndId = new int[] {r.requestState, 0};
            } else if (next.equals(MvMqttReadableDataType.MESSAGERECEIVED)) {
                assertThat(fw.mv().mvMqttReceiveMessage(ch, MvMqttMessage.allocate(1024, 4096)))
                        .isEqualTo(MvStatus.OKAY);
                continue;
            } else {
                throw new AssertionError("unexpected readable type " + next.name());
            }
            Messaging.assertNotConnectOnly(MvMqttRequestState.of(stateAndId[0]), states.with("%s", next.name()));
            out.computeIfAbsent(next, k -> new ArrayList<>()).add(stateAndId);
            got++;
        }
        return out;
    }

    private static List<Integer> ids(Map<MvMqttReadableDataType, List<int[]>> m, MvMqttReadableDataType t) {
        return m.getOrDefault(t, List.of()).stream().map(a -> a[1]).toList();
    }

    @TargetTest
    @Asserts({"GEN-RESP-1", "GEN-STATE-1"})
    void everyAcceptedRequestGetsExactlyOneResponse(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            String topic = target.uniqueTopic("one");
            observer.subscribe(topic, 1);
            int ch = fw.connected(target);
            assertThat(fw.mv()
                            .mvMqttRequestSubscribe(
                                    ch,
                                    MvMqttSubscribeRequest.of(11, MvMqttSubscription.of(target.uniqueTopic("sub"), 1))))
                    .isEqualTo(MvStatus.OKAY);
            assertThat(Messaging.requestPublish(fw, ch, 21, topic, utf8("a"), 0, false))
                    .isEqualTo(MvStatus.OKAY);
            assertThat(Messaging.requestPublish(fw, ch, 22, topic, utf8("b"), 1, false))
                    .isEqualTo(MvStatus.OKAY);
            assertThat(fw.mv()
                            .mvMqttRequestUnsubscribe(ch, MvMqttUnsubscribeRequest.of(31, target.uniqueTopic("other"))))
                    .isEqualTo(MvStatus.OKAY);
            Map<MvMqttReadableDataType, List<int[]>> got = drain(fw, ch, 4, rule("GEN-STATE-1"));
            rule("GEN-RESP-1", "one subscribe response")
                    .assertThat(ids(got, MvMqttReadableDataType.SUBSCRIBERESPONSE))
                    .containsExactly(11);
            rule("GEN-RESP-1", "one response per publish")
                    .assertThat(ids(got, MvMqttReadableDataType.PUBLISHRESPONSE))
                    .containsExactlyInAnyOrder(21, 22);
            rule("GEN-RESP-1", "one unsubscribe response")
                    .assertThat(ids(got, MvMqttReadableDataType.UNSUBSCRIBERESPONSE))
                    .containsExactly(31);
            assertThat(fw.disconnect(ch).state()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            // A channel that never connected: requests are answered (NOTCONNECTED), once each.
            int idle = fw.openChannel();
            assertThat(Messaging.requestPublish(fw, idle, 41, topic, utf8("c"), 1, false))
                    .isEqualTo(MvStatus.OKAY);
            assertThat(fw.mv()
                            .mvMqttRequestSubscribe(
                                    idle, MvMqttSubscribeRequest.of(42, MvMqttSubscription.of(topic, 0))))
                    .isEqualTo(MvStatus.OKAY);
            assertThat(fw.mv().mvMqttRequestDisconnect(idle)).isEqualTo(MvStatus.OKAY);
            Map<MvMqttReadableDataType, List<int[]>> idleGot = drain(fw, idle, 3, rule("GEN-STATE-1"));
            rule("GEN-RESP-1", "whatever the outcome")
                    .assertThat(ids(idleGot, MvMqttReadableDataType.PUBLISHRESPONSE))
                    .containsExactly(41);
            rule("GEN-RESP-1", "one subscribe response, whatever the outcome")
                    .assertThat(ids(idleGot, MvMqttReadableDataType.SUBSCRIBERESPONSE))
                    .containsExactly(42);
            rule("GEN-RESP-1", "one disconnect response, whatever the outcome")
                    .assertThat(idleGot.get(MvMqttReadableDataType.DISCONNECTRESPONSE))
                    .hasSize(1);
            Messaging.assertNothingReadableWithin(
                    fw, ch, target.quietWindow(), rule("GEN-RESP-1", "no second response"));
            rule("GEN-RESP-1", "no second response")
                    .assertThat(fw.nextReadable(idle))
                    .isEqualTo(MvMqttReadableDataType.NONE);
        }
    }

    @TargetTest
    @Asserts("GEN-STATE-1")
    void requestsAfterAFailedConnectNeverCarryConnectOnlyStates(TckTarget target) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (Firmware fw = Firmware.start(target)) {
            int ch = fw.openChannel();
            var r = fw.connect(
                    ch,
                    Firmware.connectRequest(target, target.uniqueClientId("fail"))
                            .host("127.0.0.1")
                            .port(port)
                            .build());
            rule("GEN-STATE-1", "connect to a closed port")
                    .assertThat(r.state())
                    .isNotEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            assertThat(fw.mv()
                            .mvMqttRequestSubscribe(
                                    ch,
                                    MvMqttSubscribeRequest.of(1, MvMqttSubscription.of(target.uniqueTopic("s"), 0))))
                    .isEqualTo(MvStatus.OKAY);
            assertThat(fw.mv().mvMqttRequestUnsubscribe(ch, MvMqttUnsubscribeRequest.of(2, target.uniqueTopic("s"))))
                    .isEqualTo(MvStatus.OKAY);
            assertThat(Messaging.requestPublish(fw, ch, 3, target.uniqueTopic("s"), utf8("x"), 1, false))
                    .isEqualTo(MvStatus.OKAY);
            assertThat(fw.mv().mvMqttRequestDisconnect(ch)).isEqualTo(MvStatus.OKAY);
            drain(fw, ch, 4, rule("GEN-STATE-1")); // drain checks every state against the connect-only states
        }
    }

    @TargetTest
    @Asserts("GEN-REFUSED-1")
    void refusedCallsIssueNothing(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            String pubTopic = target.uniqueTopic("refused-pub");
            observer.subscribe(pubTopic, 1);
            int ch = fw.connected(target);
            List<MvMqttSubscription> nine = new ArrayList<>();
            List<String> nineTopics = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                String t = target.uniqueTopic("nine/" + i);
                nineTopics.add(t);
                nine.add(MvMqttSubscription.of(t, 1));
            }
            Messaging.settle(fw);
            rule("GEN-REFUSED-1", "9 topics")
                    .assertThat(fw.mv().mvMqttRequestSubscribe(ch, new MvMqttSubscribeRequest(1, nine, 9)))
                    .isEqualTo(MvStatus.TOOMANYELEMENTS);
            String[] nineArray = nineTopics.toArray(String[]::new);
            rule("GEN-REFUSED-1", "9 topics")
                    .assertThat(fw.mv().mvMqttRequestUnsubscribe(ch, MvMqttUnsubscribeRequest.of(2, nineArray)))
                    .isEqualTo(MvStatus.TOOMANYELEMENTS);
            // A publish refused for a bad handle: the network handle is not a channel.
            MvStatus wrongHandle = fw.mv()
                    .mvMqttRequestPublish(
                            fw.networkHandle(), MvMqttPublishRequest.of(3, pubTopic, utf8("refused"), 1, false));
            rule("GEN-REFUSED-1", "publish on a network handle")
                    .assertThat(wrongHandle)
                    .isNotEqualTo(MvStatus.OKAY);
            MvStatus zeroHandle =
                    fw.mv().mvMqttRequestPublish(0, MvMqttPublishRequest.of(4, pubTopic, utf8("refused"), 1, false));
            rule("GEN-REFUSED-1", "publish on handle 0").assertThat(zeroHandle).isNotEqualTo(MvStatus.OKAY);
            for (String t : nineTopics) {
                observer.publish(t, utf8("not subscribed"), 1, false);
            }
            Messaging.assertNothingFollows(
                    fw,
                    ch,
                    target.quietWindow(),
                    rule(
                            "GEN-REFUSED-1",
                            "refused calls write no record, no readable response, and no SUBSCRIBE reached the broker"));
            // The device-side window above was spent after the refused publishes too: no second window.
            observer.assertNoMessageSoFar(m -> m.topic().equals(pubTopic));
        }
    }

    @TargetTest
    @Asserts("GEN-REF-1")
    void requestsWhileNotConnectedAreAnsweredNotConnected(TckTarget target) throws Exception {
        try (Firmware fw = Firmware.start(target);
                ServerSocket silent = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = Collections.synchronizedList(new ArrayList<>());
            Thread acceptor = new Thread(
                    () -> {
                        try {
                            while (!silent.isClosed()) {
                                accepted.add(silent.accept());
                            }
                        } catch (IOException closed) {
                            // done
                        }
                    },
                    "silent-broker");
            acceptor.setDaemon(true);
            acceptor.start();
            // Connect still pending: the "broker" accepts TCP and never answers.
            int pending = fw.openChannel();
            assertThat(fw.mv()
                            .mvMqttRequestConnect(
                                    pending,
                                    Firmware.connectRequest(target, target.uniqueClientId("pending"))
                                            .host("127.0.0.1")
                                            .port(silent.getLocalPort())
                                            .build()))
                    .isEqualTo(MvStatus.OKAY);
            assertNotConnected(fw, pending, target, "connect pending");
            // Connect failed.
            int refused = fw.openChannel();
            var failed = fw.connect(
                    refused,
                    Firmware.connectRequest(target, target.uniqueClientId("bad"))
                            .protocolVersion(9)
                            .build());
            rule("GEN-REF-1").assertThat(failed.state()).isNotEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            assertNotConnected(fw, refused, target, "connect failed");
            // After a graceful disconnect.
            int ch = fw.connected(target);
            assertThat(fw.disconnect(ch).state()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            assertNotConnected(fw, ch, target, "after a graceful disconnect");
            fw.closeChannel(pending);
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    private static void assertNotConnected(Firmware fw, int ch, TckTarget target, String when) {
        String topic = target.uniqueTopic("nc");
        rule("GEN-REF-1", "subscribe accepted (%s)", when)
                .assertThat(fw.mv()
                        .mvMqttRequestSubscribe(ch, MvMqttSubscribeRequest.of(1, MvMqttSubscription.of(topic, 0))))
                .isEqualTo(MvStatus.OKAY);
        MvMqttSubscribeResponse s = Messaging.readSubscribe(fw, ch);
        rule("GEN-REF-1", "subscribe answered (%s)", when)
                .assertThat(s.state())
                .isEqualTo(MvMqttRequestState.NOTCONNECTED);
        rule("GEN-REF-1", "%s", when)
                .assertThat(fw.mv().mvMqttRequestUnsubscribe(ch, MvMqttUnsubscribeRequest.of(2, topic)))
                .isEqualTo(MvStatus.OKAY);
        rule("GEN-REF-1", "unsubscribe answered (%s)", when)
                .assertThat(Messaging.readUnsubscribe(fw, ch).state())
                .isEqualTo(MvMqttRequestState.NOTCONNECTED);
        rule("GEN-REF-1", "%s", when)
                .assertThat(Messaging.requestPublish(fw, ch, 3, topic, utf8("x"), 1, false))
                .isEqualTo(MvStatus.OKAY);
        rule("GEN-REF-1", "publish answered (%s)", when)
                .assertThat(Messaging.readPublish(fw, ch).state())
                .isEqualTo(MvMqttRequestState.NOTCONNECTED);
        rule("GEN-REF-1", "%s", when)
                .assertThat(fw.mv().mvMqttRequestDisconnect(ch))
                .isEqualTo(MvStatus.OKAY);
        fw.awaitReadable(ch, MvMqttReadableDataType.DISCONNECTRESPONSE);
        MvMqttDisconnectResponse d = new MvMqttDisconnectResponse();
        assertThat(fw.mv().mvMqttReadDisconnectResponse(ch, d)).isEqualTo(MvStatus.OKAY);
        rule("GEN-REF-1", "disconnect answered (%s)", when)
                .assertThat(d.state())
                .isEqualTo(MvMqttRequestState.NOTCONNECTED);
    }

    @TargetTest
    @Asserts("GEN-REF-2")
    void lateFaultDropsTheConnectionAndClosesTheChannel(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            String willTopic = target.uniqueTopic("latefault-will");
            observer.subscribe(willTopic, 1);
            int ch = fw.connected(
                    target, Messaging.withWill(target, target.uniqueClientId("late"), willTopic, utf8("dropped")));
            Messaging.settle(fw);
            MvMqttPublishRequest bad =
                    new MvMqttPublishRequest(1, MvSizedString.raw(utf8("abc"), 40), MvSizedString.of(utf8("x")), 0, 0);
            rule("GEN-REF-2", "a topic whose length exceeds its data")
                    .assertThat(fw.mv().mvMqttRequestPublish(ch, bad))
                    .isEqualTo(MvStatus.LATEFAULT);
            rule("GEN-REF-2", "the connection was dropped without DISCONNECT (the will is published)")
                    .assertThat(observer.awaitMessages(1, target.timeout(Firmware.ANSWER_TIMEOUT))
                            .get(0)
                            .payloadUtf8())
                    .isEqualTo("dropped");
            rule("GEN-REF-2", "later publish")
                    .assertThat(Messaging.requestPublish(fw, ch, 2, willTopic, utf8("x"), 0, false))
                    .isEqualTo(MvStatus.CHANNELCLOSED);
            rule("GEN-REF-2", "later subscribe")
                    .assertThat(fw.mv()
                            .mvMqttRequestSubscribe(
                                    ch, MvMqttSubscribeRequest.of(3, MvMqttSubscription.of(willTopic, 0))))
                    .isEqualTo(MvStatus.CHANNELCLOSED);
            rule("GEN-REF-2", "later disconnect")
                    .assertThat(fw.mv().mvMqttRequestDisconnect(ch))
                    .isEqualTo(MvStatus.CHANNELCLOSED);
            rule("GEN-REF-2", "later read")
                    .assertThat(fw.mv().mvMqttGetNextReadableDataType(ch, new U32Ref(-1)))
                    .isEqualTo(MvStatus.CHANNELCLOSED);
            rule("GEN-REF-2", "closure reason")
                    .assertThat(Messaging.closureReason(fw, ch))
                    .isEqualTo(MvClosureReason.UNEXPECTEDLYTERMINATED.code());
            rule("GEN-REF-2", "no notification")
                    .assertThat(fw.pollRecord(target.quietWindow()))
                    .isNull();
        }
    }

    @TargetTest
    @Asserts("GEN-REF-4")
    void concurrentPublishesAreEachAnsweredOnceWithTheirOwnId(TckTarget target) throws Exception {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            String topic = target.uniqueTopic("threads");
            observer.subscribe(topic, 1);
            int ch = fw.connected(target);
            int threads = 4;
            int each = 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Integer>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<Integer> accepted = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        int id = 0x1000 * (thread + 1) + i;
                        MvStatus s =
                                Messaging.requestPublish(fw, ch, id, topic, utf8(Integer.toString(id)), i % 2, false);
                        if (s == MvStatus.OKAY) {
                            accepted.add(id);
                        } else if (s != MvStatus.RATELIMITED) {
                            throw rule("GEN-REF-4").violation("publish " + id + " answered " + s);
                        }
                    }
                    return accepted;
                }));
            }
            start.countDown();
            List<Integer> accepted = new ArrayList<>();
            for (Future<List<Integer>> f : futures) {
                accepted.addAll(f.get(30, TimeUnit.SECONDS));
            }
            pool.shutdown();
            Map<MvMqttReadableDataType, List<int[]>> got =
                    drain(fw, ch, accepted.size(), precondition("no connect-only state in a publish response"));
            rule("GEN-REF-4", "each accepted publish answered once with its own id")
                    .assertThat(ids(got, MvMqttReadableDataType.PUBLISHRESPONSE))
                    .containsExactlyInAnyOrderElementsOf(accepted);
            observer.awaitMessages(accepted.size(), target.timeout(Firmware.ANSWER_TIMEOUT));
            rule("GEN-REF-4", "exactly the accepted publishes reached the broker")
                    .assertThat(observer.messages().stream()
                            .map(m -> Integer.parseInt(m.payloadUtf8()))
                            .toList())
                    .containsExactlyInAnyOrderElementsOf(accepted);
            Messaging.assertNothingReadableWithin(
                    fw, ch, target.quietWindow(), rule("GEN-REF-4", "no second response"));
        }
    }

    @TargetTest
    @Asserts("GEN-REF-5")
    void closeReleasesEveryConnection(TckTarget target) {
        try (Observer observer = target.observer()) {
            String w1 = target.uniqueTopic("close-will-1");
            String w2 = target.uniqueTopic("close-will-2");
            observer.subscribe(w1, 1);
            observer.subscribe(w2, 1);
            Firmware fw = Firmware.start(target);
            try {
                fw.connected(target, Messaging.withWill(target, target.uniqueClientId("close1"), w1, utf8("one")));
                fw.connected(target, Messaging.withWill(target, target.uniqueClientId("close2"), w2, utf8("two")));
                fw.mv().close();
                rule(
                                "GEN-REF-5",
                                "after close() the broker sees both connections end (no graceful disconnect was asked: wills)")
                        .assertThat(observer.awaitMessages(2, target.timeout(Firmware.ANSWER_TIMEOUT)).stream()
                                .map(m -> m.payloadUtf8())
                                .toList())
                        .containsExactlyInAnyOrder("one", "two");
                fw.mv().close();
            } finally {
                fw.close();
            }
        }
    }
}
