package dev.mvmqtt.tck.tests.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvChannelType;
import dev.mvmqtt.spec.api.codes.MvEventType;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvNetworkStatus;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttDisconnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttLostMessageInfo;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscription;
import dev.mvmqtt.spec.api.net.MvOpenChannelParams;
import dev.mvmqtt.spec.api.net.MvRequestNetworkParams;
import dev.mvmqtt.spec.api.notify.MvNotificationSetup;
import dev.mvmqtt.spec.api.notify.NotificationRecord;
import dev.mvmqtt.tck.RuleCheck;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TckTarget;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A firmware that makes the calls the official Microvisor MQTT demos make, in their order and with their arguments
 * (written for the kit from the demos' documented usage, not taken from them):
 * <ul>
 *   <li>two notification centres, one for the network and one for the work (channel) events, each an 8-slot
 *       {@link DemoRing} filled with 0xff and never cleared;</li>
 *   <li>the network requested on its own centre; its status polled with {@code mvGetNetworkStatus} whenever the
 *       network ISR fires (the demo polls it periodically);</li>
 *   <li>an MQTT channel with 512-aligned 7 KiB / 4 KiB buffers and an empty endpoint; a connect with the target's
 *       MQTT version, a unique client id, clean_start 0 and keepalive 60, accepted only when REQUESTCOMPLETED with
 *       reason code 0;</li>
 *   <li>right after the connect, one subscribe of the configured topics, its response read into a buffer of exactly
 *       one {@code uint32_t} per topic with {@code reason_codes_size} = the number of topics;</li>
 *   <li>one readable item handled per CHANNELDATAREADABLE; every message read with 1024-byte topic and payload buffers
 *       and acknowledged; QoS 0 publishes;</li>
 *   <li>on CHANNELNOTCONNECTED while connected (the dropped-connection path) or on the response to its own disconnect:
 *       {@code mvMqttReadDisconnectResponse} whatever is waiting, {@code mvCloseChannel}, and, when the network is
 *       up, a new channel and connect (the reconnect loop); otherwise the connect waits for the network to return.</li>
 * </ul>
 *
 * <p>The work loop runs on the test's thread, one work message at a time, only inside {@link #runUntil} and
 * {@link #runFor}; the ISRs run on the implementation's irq thread and only queue work. So a test can stop the loop
 * between a teardown and the reconnect it queued. Unlike the demo, the firmware does not retry a failed connect (the
 * demo would loop; a test reports the failure instead), and it leaves a DISCONNECTRESPONSE it did not ask for to the
 * dropped-connection path rather than closing the channel before CHANNELNOTCONNECTED arrives. What the firmware saw
 * and did is kept for the tests to check; the firmware itself asserts only its set-up calls, its publish requests and,
 * in the loop, what its ISRs read from the rings.
 */
final class DemoFirmware implements AutoCloseable {
    /** Stands in for the demo's {@code TIM8_BRK_IRQn} (work centre). */
    static final int WORK_IRQ = 51;
    /** Stands in for the demo's {@code TIM1_BRK_IRQn} (network centre). */
    static final int NETWORK_IRQ = 41;
    /** The demo's {@code USER_TAG_REQUEST_NETWORK}. */
    static final int TAG_REQUEST_NETWORK = 1;
    /** The work centre's tag for the MQTT channel (the demo's {@code TAG_CHANNEL_MQTT}). */
    static final int TAG_CHANNEL_MQTT = 0x4d5154;
    /** The demo's {@code BUF_RECEIVE_SIZE} and {@code BUF_SEND_SIZE}. */
    static final int RECEIVE_BUFFER = 7 * 1024;

    static final int SEND_BUFFER = 4 * 1024;
    /** The demo's {@code in_topic} and {@code in_payload} buffers. */
    static final int MESSAGE_BUFFER = 1024;
    /** The demo's keepalive. */
    static final int KEEPALIVE = 60;

    /** The demo's work messages that this firmware needs (work.h's WorkMessageType, in short). */
    private enum Work {
        /** The network ISR fired, or the firmware starts: poll the network status (spin_network). */
        SPIN_NETWORK,
        /** ConnectMQTTBroker: open a channel and request the connect. */
        CONNECT_BROKER,
        /** OnMQTTReadable: one CHANNELDATAREADABLE. */
        MQTT_READABLE,
        /** CHANNELNOTCONNECTED on the MQTT tag. */
        DROPPED_CONNECTION,
        /** OnBrokerDisconnected: the channel is closed; reconnect when the network is up. */
        BROKER_DISCONNECTED,
        /** Any other interrupt: nothing to do, but the loop wakes and checks what the ISR read. */
        INTERRUPT
    }

    /** A topic the firmware subscribes to after each connect, at this QoS. */
    record Topic(String name, int qos) {}

    /** One connect attempt: the statuses of the calls made and the response read (-1 where not reached). */
    record ConnectAttempt(MvStatus open, MvStatus request, MvStatus read, int requestState, int reasonCode) {
        /** The demo's check: read OKAY, REQUESTCOMPLETED and reason code 0. */
        boolean demoAccepts() {
            return read == MvStatus.OKAY
                    && requestState == MvMqttRequestState.REQUESTCOMPLETED.code()
                    && reasonCode == 0;
        }
    }

    /** One subscribe: the request's status, the read's status and what the response held. */
    record SubscribeOutcome(
            MvStatus request,
            MvStatus read,
            int requestState,
            int correlationId,
            int reasonCodesLen,
            List<Integer> codes) {
        /** The demo's check: read OKAY, REQUESTCOMPLETED, one code per topic, every code 0. */
        boolean demoAccepts(int topics) {
            return read == MvStatus.OKAY
                    && requestState == MvMqttRequestState.REQUESTCOMPLETED.code()
                    && reasonCodesLen == topics
                    && codes.size() == topics
                    && codes.stream().allMatch(c -> c == 0);
        }
    }

    /** One publish response as read. */
    record PublishOutcome(MvStatus read, int requestState, int correlationId, int reasonCode) {
        /** The demo's check: read OKAY, REQUESTCOMPLETED and reason code 0. */
        boolean demoAccepts() {
            return read == MvStatus.OKAY
                    && requestState == MvMqttRequestState.REQUESTCOMPLETED.code()
                    && reasonCode == 0;
        }
    }

    /** One message read from the channel, and the status of its acknowledgement. */
    record Received(MvStatus read, String topic, byte[] payload, int qos, int retain, int correlationId, MvStatus ack) {
        String text() {
            return payload == null ? null : new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Received[" + read + " " + topic + " '" + text() + "' qos=" + qos + " id=" + correlationId + " ack="
                    + ack + "]";
        }
    }

    /** One teardown (teardown_mqtt_connect): why, what the disconnect read gave, and the close. */
    record Teardown(
            String cause,
            MvStatus readDisconnect,
            int disconnectState,
            int disconnectCode,
            MvStatus close,
            int handleAfterClose) {
        MvMqttRequestState disconnectRequestState() {
            return MvMqttRequestState.of(disconnectState);
        }
    }

    private final Microvisor mv;
    private final MvMqttConnectRequest connectRequest;
    private final List<Topic> topics;
    private final String publishTopic;
    private final RuleCheck rings;
    private final Duration timeout;
    private final DemoRing workRing;
    private final DemoRing networkRing;
    private final LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    private final ByteBuffer receiveBuffer = Firmware.aligned(RECEIVE_BUFFER);
    private final ByteBuffer sendBuffer = Firmware.aligned(SEND_BUFFER);
    private final int workCentre;
    private final int networkCentre;
    private final int network;

    private int channel;
    private boolean connectionActive;
    private boolean disconnectRequested;
    private boolean networkOn;
    private int correlationId;

    private final long started = System.nanoTime();
    private final List<String> log = new ArrayList<>();
    private final List<ConnectAttempt> connects = new ArrayList<>();
    private final List<SubscribeOutcome> subscribes = new ArrayList<>();
    private final List<PublishOutcome> publishes = new ArrayList<>();
    private final List<Received> received = new ArrayList<>();
    private final List<Teardown> teardowns = new ArrayList<>();

    /**
     * Sets up both centres and requests the network, as the demo's work and network tasks do first; nothing is
     * connected until the loop runs.
     *
     * @param clientId     the client id to connect with (clean_start 0)
     * @param topics       what to subscribe after each connect (nothing when empty)
     * @param publishTopic where {@link #publish} publishes
     * @param rings        what a ring anomaly the ISRs see violates: NOTIF-RING-1 and NOTIF-IRQ-1 in a test of them, a
     *                     precondition in other tests
     */
    DemoFirmware(TckTarget target, String clientId, List<Topic> topics, String publishTopic, RuleCheck rings) {
        this.rings = rings;
        this.mv = target.settings().provider().create();
        this.connectRequest = Firmware.connectRequest(target, clientId)
                .keepalive(KEEPALIVE)
                .cleanStart(false)
                .build();
        this.topics = List.copyOf(topics);
        this.publishTopic = publishTopic;
        this.timeout = target.timeout(Firmware.ANSWER_TIMEOUT);
        this.workRing = new DemoRing("work", this::workIsr);
        this.networkRing = new DemoRing("network", this::networkIsr);
        try {
            mv.registerIrqHandler(WORK_IRQ, workRing::onIrq);
            mv.registerIrqHandler(NETWORK_IRQ, networkRing::onIrq);
            U32Ref work = new U32Ref();
            assertThat(mv.mvSetupNotifications(MvNotificationSetup.of(WORK_IRQ, workRing.memory()), work))
                    .as("mvSetupNotifications with an 8-slot ring filled with 0xff (work centre)")
                    .isEqualTo(MvStatus.OKAY);
            workCentre = work.get();
            U32Ref net = new U32Ref();
            assertThat(mv.mvSetupNotifications(MvNotificationSetup.of(NETWORK_IRQ, networkRing.memory()), net))
                    .as("mvSetupNotifications with an 8-slot ring filled with 0xff (network centre)")
                    .isEqualTo(MvStatus.OKAY);
            networkCentre = net.get();
            U32Ref handle = new U32Ref();
            assertThat(mv.mvRequestNetwork(MvRequestNetworkParams.v1(networkCentre, TAG_REQUEST_NETWORK), handle))
                    .as("mvRequestNetwork on the network centre")
                    .isEqualTo(MvStatus.OKAY);
            network = handle.get();
        } catch (RuntimeException | AssertionError e) {
            mv.close();
            throw e;
        }
        queue.add(Work.SPIN_NETWORK);
    }

    // ---- ISRs (implementation's irq thread) ----------------------------------------------------

    /** TIM8_BRK_IRQHandler: CHANNELDATAREADABLE and CHANNELNOTCONNECTED of the MQTT tag become work. */
    private void workIsr(NotificationRecord r) {
        if (r.tag() == TAG_CHANNEL_MQTT && r.eventType() == MvEventType.CHANNELDATAREADABLE.code()) {
            queue.add(Work.MQTT_READABLE);
        } else if (r.tag() == TAG_CHANNEL_MQTT && r.eventType() == MvEventType.CHANNELNOTCONNECTED.code()) {
            queue.add(Work.DROPPED_CONNECTION);
        } else {
            queue.add(Work.INTERRUPT);
        }
    }

    /** TIM1_BRK_IRQHandler: a network status change makes the network task look again. */
    private void networkIsr(NotificationRecord r) {
        queue.add(r.eventType() == MvEventType.NETWORKSTATUSCHANGED.code() ? Work.SPIN_NETWORK : Work.INTERRUPT);
    }

    // ---- The work loop (test thread) -----------------------------------------------------------

    /**
     * Runs the work loop until {@code done} holds, checking after each work message; fails with {@code what} and
     * the firmware's log when the timeout passes first, and at once when an ISR read what no ring written in order
     * with one interrupt per record can hold.
     */
    void runUntil(BooleanSupplier done, String what) {
        runUntil(done, text -> new AssertionError(what + ": " + text));
    }

    /** As {@link #runUntil(BooleanSupplier, String)}, for a wait that checks {@code rule}: a time-out violates it. */
    void runUntil(BooleanSupplier done, RuleCheck rule) {
        runUntil(done, rule::violation);
    }

    private void runUntil(BooleanSupplier done, Function<String, AssertionError> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            Work w = next(deadline - System.nanoTime());
            if (w == null) {
                throw failure.apply("not within " + timeout + "; " + this);
            }
            handle(w);
            checkRings();
        }
    }

    /**
     * Runs the work loop for {@code window} (a named quiet window, not a sleep: it wakes on every work message);
     * fails as soon as {@code mustNot} holds, blamed on {@code rule}.
     */
    void runFor(Duration window, BooleanSupplier mustNot, RuleCheck rule) {
        long deadline = System.nanoTime() + window.toNanos();
        while (true) {
            if (mustNot.getAsBoolean()) {
                throw rule.violation(toString());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Work w = next(left);
            if (w != null) {
                handle(w);
                checkRings();
            }
        }
    }

    private void checkRings() {
        List<String> anomalies = ringAnomalies();
        if (!anomalies.isEmpty()) {
            throw rings.violation("the demo's ISR, reading the record at its own index once per"
                    + " interrupt from a ring filled with 0xff and never cleared, read " + anomalies + "; " + this);
        }
    }

    private Work next(long nanos) {
        try {
            return nanos > 0 ? queue.poll(nanos, TimeUnit.NANOSECONDS) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void handle(Work w) {
        switch (w) {
            case SPIN_NETWORK -> spinNetwork();
            case CONNECT_BROKER -> startConnect();
            case MQTT_READABLE -> handleReadable();
            case DROPPED_CONNECTION -> {
                if (connectionActive) {
                    log("CHANNELNOTCONNECTED: the broker connection dropped");
                    teardown("dropped connection", true);
                } else {
                    log("CHANNELNOTCONNECTED while no connection is active: ignored");
                }
            }
            case INTERRUPT -> {
                // nothing for the firmware to do; the caller checks what the ISR read
            }
            case BROKER_DISCONNECTED -> {
                disconnectRequested = false;
                pollNetwork();
                if (networkOn) {
                    log("reconnect to the broker");
                    queue.add(Work.CONNECT_BROKER);
                }
            }
        }
    }

    private void spinNetwork() {
        boolean was = networkOn;
        pollNetwork();
        if (!was && networkOn && channel == 0) {
            queue.add(Work.CONNECT_BROKER);
        }
    }

    private void pollNetwork() {
        U32Ref status = new U32Ref(-1);
        MvStatus s = mv.mvGetNetworkStatus(network, status);
        if (s != MvStatus.OKAY) {
            log("mvGetNetworkStatus answered " + s.name());
            return;
        }
        boolean on = status.get() == MvNetworkStatus.CONNECTED.code();
        if (on != networkOn) {
            log("network "
                    + (on
                            ? "connected"
                            : "not connected: "
                                    + MvNetworkStatus.of(status.get()).name()));
        }
        networkOn = on;
    }

    /** start_mqtt_connect. */
    private void startConnect() {
        if (channel != 0) {
            log("connect skipped: a channel is open already");
            return;
        }
        MvOpenChannelParams params = MvOpenChannelParams.builder()
                .notificationHandle(workCentre)
                .notificationTag(TAG_CHANNEL_MQTT)
                .networkHandle(network)
                .receiveBuffer(receiveBuffer)
                .sendBuffer(sendBuffer)
                .channelType(MvChannelType.MQTT)
                .endpoint(MvSizedString.of(""))
                .build();
        U32Ref handle = new U32Ref();
        MvStatus open = mv.mvOpenChannel(params, handle);
        if (open != MvStatus.OKAY) {
            connects.add(new ConnectAttempt(open, null, null, -1, -1));
            log("mvOpenChannel answered " + open.name() + "; not retried");
            return;
        }
        channel = handle.get();
        MvStatus request = mv.mvMqttRequestConnect(channel, connectRequest);
        if (request != MvStatus.OKAY) {
            connects.add(new ConnectAttempt(open, request, null, -1, -1));
            log("mvMqttRequestConnect answered " + request.name());
            teardown("connect refused", false);
        }
    }

    /** mqtt_handle_readable_event: one item per notification. */
    private void handleReadable() {
        if (channel == 0) {
            log("CHANNELDATAREADABLE with no channel open: ignored");
            return;
        }
        U32Ref type = new U32Ref(-1);
        MvStatus s = mv.mvMqttGetNextReadableDataType(channel, type);
        if (s != MvStatus.OKAY) {
            log("mvMqttGetNextReadableDataType answered " + s.name());
            return;
        }
        MvMqttReadableDataType next = MvMqttReadableDataType.of(type.get());
        if (next.equals(MvMqttReadableDataType.CONNECTRESPONSE)) {
            readConnectResponse();
        } else if (next.equals(MvMqttReadableDataType.SUBSCRIBERESPONSE)) {
            readSubscribeResponse();
        } else if (next.equals(MvMqttReadableDataType.PUBLISHRESPONSE)) {
            readPublishResponse();
        } else if (next.equals(MvMqttReadableDataType.MESSAGERECEIVED)) {
            receiveMessage();
        } else if (next.equals(MvMqttReadableDataType.MESSAGELOST)) {
            readLostMessage();
        } else if (next.equals(MvMqttReadableDataType.DISCONNECTRESPONSE)) {
            if (disconnectRequested) {
                teardown("disconnect response", true);
            } else {
                log("a disconnect response the firmware did not ask for: left to the dropped-connection path");
            }
        } else if (!next.equals(MvMqttReadableDataType.NONE)) {
            log("readable " + next.name() + ": not handled");
        }
    }

    /** mqtt_handle_connect_response_event, then start_subscriptions on success. */
    private void readConnectResponse() {
        MvMqttConnectResponse r = new MvMqttConnectResponse();
        MvStatus read = mv.mvMqttReadConnectResponse(channel, r);
        ConnectAttempt attempt = new ConnectAttempt(MvStatus.OKAY, MvStatus.OKAY, read, r.requestState, r.reasonCode);
        connects.add(attempt);
        if (!attempt.demoAccepts()) {
            log("connect failed: " + attempt);
            teardown("connect failed", false);
            return;
        }
        log("broker connected");
        connectionActive = true;
        if (!topics.isEmpty()) {
            MvMqttSubscription[] subscriptions = topics.stream()
                    .map(t -> MvMqttSubscription.of(t.name(), t.qos()))
                    .toArray(MvMqttSubscription[]::new);
            int id = correlationId++;
            MvStatus request = mv.mvMqttRequestSubscribe(channel, MvMqttSubscribeRequest.of(id, subscriptions));
            if (request != MvStatus.OKAY) {
                subscribes.add(new SubscribeOutcome(request, null, -1, id, -1, List.of()));
                log("mvMqttRequestSubscribe answered " + request.name());
            }
        }
    }

    /** mqtt_handle_subscribe_response_event: a buffer of one uint32_t per topic, its size given as that count. */
    private void readSubscribeResponse() {
        int n = topics.size();
        MvMqttSubscribeResponse r = new MvMqttSubscribeResponse(
                new U32Ref(-1), new U32Ref(-1), ByteBuffer.allocate(4 * n), n, new U32Ref(-1));
        MvStatus read = mv.mvMqttReadSubscribeResponse(channel, r);
        List<Integer> codes = new ArrayList<>();
        if (read == MvStatus.OKAY) {
            for (int i = 0; i < Math.min(n, Math.max(0, r.reasonCodesLen().get())); i++) {
                codes.add(r.reasonCode(i));
            }
        }
        SubscribeOutcome outcome = new SubscribeOutcome(
                MvStatus.OKAY,
                read,
                r.requestState().get(),
                r.correlationId().get(),
                r.reasonCodesLen().get(),
                List.copyOf(codes));
        subscribes.add(outcome);
        log(outcome.demoAccepts(n) ? "topics subscribed" : "subscription failed: " + outcome);
    }

    /** mqtt_handle_publish_response_event. */
    private void readPublishResponse() {
        MvMqttPublishResponse r = new MvMqttPublishResponse();
        MvStatus read = mv.mvMqttReadPublishResponse(channel, r);
        PublishOutcome outcome = new PublishOutcome(read, r.requestState, r.correlationId, r.reasonCode);
        publishes.add(outcome);
        log(outcome.demoAccepts() ? "publish succeeded" : "publish failed: " + outcome);
    }

    /** mqtt_get_received_message_data, then mqtt_acknowledge_message once the application has consumed it. */
    private void receiveMessage() {
        MvMqttMessage m = MvMqttMessage.allocate(MESSAGE_BUFFER, MESSAGE_BUFFER);
        MvStatus read = mv.mvMqttReceiveMessage(channel, m);
        if (read != MvStatus.OKAY) {
            received.add(new Received(read, null, null, -1, -1, -1, null));
            log("mvMqttReceiveMessage answered " + read.name());
            return;
        }
        MvStatus ack = mv.mvMqttAcknowledgeMessage(channel, m.correlationId().get());
        received.add(new Received(
                read,
                new String(m.topic().written(), StandardCharsets.UTF_8),
                m.payload().written(),
                m.qos().get(),
                m.retain().get(),
                m.correlationId().get(),
                ack));
    }

    /** mqtt_handle_lost_message_data. */
    private void readLostMessage() {
        MvMqttLostMessageInfo info = MvMqttLostMessageInfo.allocate(MESSAGE_BUFFER);
        log("message lost: mvMqttReceiveLostMessageInfo answered "
                + mv.mvMqttReceiveLostMessageInfo(channel, info).name());
    }

    /** teardown_mqtt_connect: read the disconnect response whatever is waiting, close the channel. */
    private void teardown(String cause, boolean thenReconnect) {
        MvMqttDisconnectResponse r = new MvMqttDisconnectResponse();
        MvStatus read = mv.mvMqttReadDisconnectResponse(channel, r);
        U32Ref handle = new U32Ref(channel);
        MvStatus close = mv.mvCloseChannel(handle);
        Teardown t = new Teardown(cause, read, r.requestState, r.disconnectCode, close, handle.get());
        teardowns.add(t);
        log("closed the mqtt channel: " + t);
        channel = 0;
        connectionActive = false;
        if (thenReconnect) {
            queue.add(Work.BROKER_DISCONNECTED);
        }
    }

    // ---- What the application does -------------------------------------------------------------

    /**
     * publish_message: QoS 0, not retained, to the publish topic; the loop reads the response.
     *
     * @return the correlation id it used
     */
    int publish(String payload) {
        int id = correlationId++;
        MvStatus request = mv.mvMqttRequestPublish(
                channel, MvMqttPublishRequest.of(id, publishTopic, payload.getBytes(StandardCharsets.UTF_8), 0, false));
        assertThat(request)
                .as("mvMqttRequestPublish of a QoS 0 message on a connected channel")
                .isEqualTo(MvStatus.OKAY);
        return id;
    }

    /** mqtt_disconnect: a graceful disconnect; the loop tears down on its response and reconnects. */
    void disconnect() {
        disconnectRequested = true;
        MvStatus s = mv.mvMqttRequestDisconnect(channel);
        if (s != MvStatus.OKAY) {
            log("mvMqttRequestDisconnect answered " + s.name());
            teardown("disconnect refused", true);
        }
    }

    // ---- What the tests check ------------------------------------------------------------------

    Microvisor mv() {
        return mv;
    }

    List<ConnectAttempt> connects() {
        return List.copyOf(connects);
    }

    List<SubscribeOutcome> subscribes() {
        return List.copyOf(subscribes);
    }

    List<PublishOutcome> publishes() {
        return List.copyOf(publishes);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Teardown> teardowns() {
        return List.copyOf(teardowns);
    }

    DemoRing workRing() {
        return workRing;
    }

    DemoRing networkRing() {
        return networkRing;
    }

    /** What either ISR read that a ring written in order and an irq pended once per record cannot give. */
    List<String> ringAnomalies() {
        List<String> out = new ArrayList<>(workRing.anomalies(Set.of(TAG_CHANNEL_MQTT)));
        out.addAll(networkRing.anomalies(Set.of(TAG_REQUEST_NETWORK)));
        return out;
    }

    /** True when the work ISR read a record of this type with the MQTT channel's tag. */
    boolean workIsrSaw(MvEventType type) {
        return workRing.reads().stream().anyMatch(r -> r.eventType() == type.code() && r.tag() == TAG_CHANNEL_MQTT);
    }

    private void log(String line) {
        log.add("+" + (System.nanoTime() - started) / 1_000_000 + "ms " + line);
    }

    @Override
    public String toString() {
        return "demo firmware log: " + log + "; received: " + received + "; work ISR read: " + workRing.reads()
                + "; network ISR read: " + networkRing.reads();
    }

    @Override
    public void close() {
        mv.close();
    }
}
