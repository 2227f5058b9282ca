package dev.mvmqtt.reference.channel;

import dev.mvmqtt.reference.relay.BrokerEvents;
import dev.mvmqtt.reference.relay.BrokerLink;
import dev.mvmqtt.reference.relay.ConnectAttempt;
import dev.mvmqtt.reference.relay.ConnectOutcome;
import dev.mvmqtt.reference.relay.ConnectSpec;
import dev.mvmqtt.reference.relay.InboundMessage;
import dev.mvmqtt.reference.relay.SubscriptionSpec;
import dev.mvmqtt.spec.api.ApplicationMemory;
import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.MvSizedStringBuffer;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvClosureReason;
import dev.mvmqtt.spec.api.codes.MvEventType;
import dev.mvmqtt.spec.api.codes.MvMqttLostMessageReason;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttDisconnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttLostMessageInfo;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscription;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.ReasonCodesResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One MQTT channel: its request bookkeeping, the queue of readable data, and the broker link behind
 * it. Every method runs with the device's lock held (relay callbacks take it first).
 *
 * <p>The invariants the catalogue asks for live here: a refused call changes nothing (GEN-REFUSED);
 * every accepted request is answered exactly once, even when the connection goes away (GEN-RESP);
 * one connect per channel (CONN-ONCE); QoS 1 messages are acknowledged only by the application.
 */
public final class MqttChannel implements BrokerEvents {
    private final ChannelHost host;
    private final int notificationHandle;
    private final int notificationTag;
    private final int receiveBufferLen;

    private final ArrayDeque<ReadableItem> readable = new ArrayDeque<>();
    private final Set<Request> unanswered = new LinkedHashSet<>();
    private final Map<Integer, InboundMessage> unacknowledged = new HashMap<>();
    /**
     * Messages held back so that the application reads in the broker's order: those of a resumed
     * session that arrive between CONNACK and our seeing the connect complete, and retained messages
     * that arrive between SUBACK and our seeing the subscribe complete (the client library reports
     * acknowledgements and messages on different threads).
     */
    private final List<InboundMessage> held = new ArrayList<>();

    private final CircuitBreaker breaker;
    /** Signalled whenever an acknowledgement's PUBACK was written or can no longer be. */
    private final Condition acknowledgementWritten;

    private ChannelState state = ChannelState.IDLE;
    private boolean mqtt5;
    private MvClosureReason closureReason = MvClosureReason.NONE;
    /** The live broker link: set exactly while {@link ChannelState#connected()}. */
    private BrokerLink link;
    /** The connect in progress, until its outcome arrives; abandoned when the channel ends first. */
    private ConnectAttempt connecting;
    /** What completes once the broker connection of the connect abandoned last has ended (see networkDown). */
    private CompletableFuture<Void> abandonedConnect;

    private int publishesInFlight;
    private boolean subscribeInFlight;
    private boolean unsubscribeInFlight;
    private boolean disconnectInFlight;
    private int nextMessageCorrelation = 1;
    /** Topic and payload bytes of the messages queued and not yet read (LOSS-REF-7 bounds them). */
    private long unreadBytes;

    /** An accepted request: answered exactly once, by the broker or by a loss. */
    private final class Request {
        final Function<MvMqttRequestState, ReadableItem> answerFor;
        /** Runs right after the response is queued, whoever answered it. */
        Runnable onAnswered = () -> {};

        Request(Function<MvMqttRequestState, ReadableItem> answerFor) {
            this.answerFor = answerFor;
        }

        void answer(ReadableItem response) {
            if (unanswered.remove(this)) {
                enqueue(response);
                onAnswered.run();
            }
        }
    }

    public MqttChannel(ChannelHost host, int notificationHandle, int notificationTag, int receiveBufferLen) {
        this.host = host;
        this.notificationHandle = notificationHandle;
        this.notificationTag = notificationTag;
        this.receiveBufferLen = receiveBufferLen;
        this.acknowledgementWritten = host.lock().newCondition();
        this.breaker = new CircuitBreaker(
                host.policy().circuitBreakerMessagesPerSecond(), Duration.ofSeconds(1), System::nanoTime);
    }

    // ---- Channel lifecycle ---------------------------------------------------------------------

    public MvClosureReason closureReason() {
        return closureReason;
    }

    /** mvCloseChannel: the relay drops the broker connection at once (no DISCONNECT: a will fires). */
    public void close() {
        end(ChannelState.CLOSED);
        unanswered.clear();
        readable.clear();
    }

    /**
     * The device's link went down: every open channel is closed by it, whether or not it holds a broker
     * connection (LOSS-NET-1; header: NETWORKDISCONNECTED "the channel was closed due to a network
     * disconnection"), so a connect on it can no longer reach the broker. Returns what completes once the broker
     * connection it dropped, or that of the connect it abandoned, has ended at the broker (at once when it held
     * none): a connect abandoned without that wait could reach the broker after the next connection and take the
     * session over from it (ACK-REF-3).
     */
    public CompletableFuture<Void> networkDown() {
        BrokerLink dropped = link;
        boolean wasConnecting = connecting != null;
        if (state.acceptsRequests()) {
            connectionLost(MvClosureReason.NETWORKDISCONNECTED, MvMqttRequestState.NOTCONNECTED);
        }
        if (wasConnecting && connecting == null) {
            return abandonedConnect;
        }
        return dropped == null || link != null ? CompletableFuture.completedFuture(null) : dropped.ended();
    }

    private MvStatus requestGate() {
        return state.acceptsRequests() ? MvStatus.OKAY : MvStatus.CHANNELCLOSED;
    }

    /** LATEFAULT leaves the channel unusable (header); the broker connection goes with it. */
    private MvStatus lateFault() {
        end(ChannelState.FAULTED);
        closureReason = MvClosureReason.UNEXPECTEDLYTERMINATED;
        unanswered.clear();
        readable.clear();
        return MvStatus.LATEFAULT;
    }

    /**
     * Moves to a state without a broker connection: the one place the broker link is dropped (abruptly, no
     * DISCONNECT, so the broker publishes the will). Unacknowledged messages stay with the broker's session.
     */
    private void end(ChannelState to) {
        state = to;
        if (link != null) {
            link.drop();
            link = null;
        }
        if (connecting != null) {
            abandonedConnect = connecting.abandon();
            connecting = null;
        }
        unacknowledged.clear();
        held.clear();
    }

    private void enqueue(ReadableItem item) {
        if (!state.queues()) {
            return;
        }
        readable.addLast(item);
        host.notify(notificationHandle, notificationTag, MvEventType.CHANNELDATAREADABLE);
    }

    private Request accept(Function<MvMqttRequestState, ReadableItem> answerFor) {
        Request request = new Request(answerFor);
        unanswered.add(request);
        return request;
    }

    // ---- Connect -------------------------------------------------------------------------------

    public MvStatus requestConnect(MvMqttConnectRequest request) {
        MvStatus gate = requestGate();
        if (gate != MvStatus.OKAY) {
            return gate;
        }
        if (state != ChannelState.IDLE) {
            return MvStatus.REQUESTALREADYSENT;
        }
        ConnectRequests.Decoded decoded = ConnectRequests.decode(request, host.policy());
        if (decoded.status() == MvStatus.LATEFAULT) {
            return lateFault();
        }
        if (decoded.status() != MvStatus.OKAY) {
            return decoded.status();
        }
        Request pending = accept(answer -> new ReadableItem.ConnectResponse(answer.code(), 0));
        if (decoded.spec() == null) {
            state = ChannelState.NOT_CONNECTED;
            pending.answer(new ReadableItem.ConnectResponse(MvMqttRequestState.INVALIDPARAMETERS.code(), 0));
            return MvStatus.OKAY;
        }
        state = ChannelState.CONNECTING;
        ConnectSpec spec = decoded.spec();
        mqtt5 = spec.mqtt5();
        ConnectAttempt attempt = host.connector().connect(spec, this);
        connecting = attempt;
        attempt.outcome().thenAccept(outcome -> {
            host.lock().lock();
            try {
                if (connecting == attempt) {
                    connecting = null;
                }
                connectFinished(pending, outcome);
            } finally {
                host.lock().unlock();
            }
        });
        return MvStatus.OKAY;
    }

    private void connectFinished(Request pending, ConnectOutcome outcome) {
        if (state != ChannelState.CONNECTING) {
            // The channel ended while the relay connected: the new session is not this channel's any more.
            if (outcome.link() != null) {
                outcome.link().drop();
            }
            return;
        }
        if (outcome.link() != null) {
            link = outcome.link();
            state = ChannelState.CONNECTED;
        } else {
            state = ChannelState.NOT_CONNECTED;
        }
        pending.answer(new ReadableItem.ConnectResponse(outcome.state().code(), outcome.reasonCode()));
        // The connect response comes first; then what the broker sent right after CONNACK.
        releaseHeld();
    }

    private void releaseHeld() {
        List<InboundMessage> messages = new ArrayList<>(held);
        held.clear();
        for (InboundMessage m : messages) {
            deliver(m);
        }
    }

    public MvStatus readConnectResponse(MvMqttConnectResponse out) {
        MvStatus status = readGate(MvMqttReadableDataType.CONNECTRESPONSE);
        if (status != MvStatus.OKAY) {
            return status;
        }
        ReadableItem.ConnectResponse r = (ReadableItem.ConnectResponse) readable.pollFirst();
        out.requestState = r.state();
        out.reasonCode = r.reasonCode();
        return MvStatus.OKAY;
    }

    // ---- Subscribe / unsubscribe ---------------------------------------------------------------

    public MvStatus requestSubscribe(MvMqttSubscribeRequest request) {
        MvStatus gate = requestGate();
        if (gate != MvStatus.OKAY) {
            return gate;
        }
        long count = Integer.toUnsignedLong(request.numSubscriptions());
        if (count > host.policy().maxTopicsPerRequest()) {
            return MvStatus.TOOMANYELEMENTS;
        }
        List<MvMqttSubscription> subscriptions = request.subscriptions();
        if (subscriptions == null ? count > 0 : count > subscriptions.size()) {
            return lateFault();
        }
        for (int i = 0; i < count; i++) {
            MvMqttSubscription s = subscriptions.get(i);
            if (s == null || s.topic() == null || !s.topic().isValid()) {
                return lateFault();
            }
        }
        if (subscribeInFlight) {
            return MvStatus.RATELIMITED;
        }
        int correlationId = request.correlationId();
        subscribeInFlight = true;
        Request pending =
                accept(answer -> new ReadableItem.SubscribeResponse(answer.code(), correlationId, new int[0]));
        List<SubscriptionSpec> specs = new ArrayList<>();
        boolean valid = count > 0;
        for (int i = 0; i < count && valid; i++) {
            MvMqttSubscription s = subscriptions.get(i);
            String topic = Utf8.decode(s.topic());
            boolean optionsValid = !mqtt5
                    || (s.nl() == 0 || s.nl() == 1) && (s.rap() == 0 || s.rap() == 1) && s.rh() >= 0 && s.rh() <= 2;
            valid = topic != null && !topic.isEmpty() && (s.desiredQos() == 0 || s.desiredQos() == 1) && optionsValid;
            if (valid) {
                specs.add(new SubscriptionSpec(topic, s.desiredQos(), s.nl() == 1, s.rap() == 1, mqtt5 ? s.rh() : 0));
            }
        }
        if (!valid) {
            pending.answer(pending.answerFor.apply(MvMqttRequestState.INVALIDPARAMETERS));
        } else if (!state.connected()) {
            pending.answer(pending.answerFor.apply(MvMqttRequestState.NOTCONNECTED));
        } else {
            state = ChannelState.SUBSCRIBING;
            pending.onAnswered = () -> {
                if (state == ChannelState.SUBSCRIBING) {
                    state = ChannelState.CONNECTED;
                }
                releaseHeld();
            };
            send(
                    pending,
                    () -> link.subscribe(specs),
                    codes -> new ReadableItem.SubscribeResponse(
                            MvMqttRequestState.REQUESTCOMPLETED.code(), correlationId, grantedAsZero(codes)));
        }
        return MvStatus.OKAY;
    }

    public MvStatus requestUnsubscribe(MvMqttUnsubscribeRequest request) {
        MvStatus gate = requestGate();
        if (gate != MvStatus.OKAY) {
            return gate;
        }
        long count = Integer.toUnsignedLong(request.numTopics());
        if (count > host.policy().maxTopicsPerRequest()) {
            return MvStatus.TOOMANYELEMENTS;
        }
        List<MvSizedString> topics = request.topics();
        if (topics == null ? count > 0 : count > topics.size()) {
            return lateFault();
        }
        for (int i = 0; i < count; i++) {
            if (topics.get(i) == null || !topics.get(i).isValid()) {
                return lateFault();
            }
        }
        if (unsubscribeInFlight) {
            return MvStatus.RATELIMITED;
        }
        int correlationId = request.correlationId();
        unsubscribeInFlight = true;
        Request pending =
                accept(answer -> new ReadableItem.UnsubscribeResponse(answer.code(), correlationId, new int[0]));
        List<String> filters = new ArrayList<>();
        boolean valid = count > 0;
        for (int i = 0; i < count && valid; i++) {
            String topic = Utf8.decode(topics.get(i));
            valid = topic != null && !topic.isEmpty();
            filters.add(topic);
        }
        if (!valid) {
            pending.answer(pending.answerFor.apply(MvMqttRequestState.INVALIDPARAMETERS));
        } else if (!state.connected()) {
            pending.answer(pending.answerFor.apply(MvMqttRequestState.NOTCONNECTED));
        } else {
            send(
                    pending,
                    () -> link.unsubscribe(filters),
                    codes -> new ReadableItem.UnsubscribeResponse(
                            MvMqttRequestState.REQUESTCOMPLETED.code(), correlationId, codes));
        }
        return MvStatus.OKAY;
    }

    /**
     * SUBACK codes as the application sees them (SUB-REF-1): every grant, whatever QoS the broker granted, is
     * 0, since the guide says zero means success and firmware written like the demos treats anything else as
     * a failure; refusals (0x80 and above) are passed through.
     */
    private static int[] grantedAsZero(int[] subackCodes) {
        int[] out = new int[subackCodes.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = subackCodes[i] < 0x80 ? 0 : subackCodes[i];
        }
        return out;
    }

    public MvStatus readSubscribeResponse(ReasonCodesResponse out, boolean unsubscribe) {
        MvMqttReadableDataType type =
                unsubscribe ? MvMqttReadableDataType.UNSUBSCRIBERESPONSE : MvMqttReadableDataType.SUBSCRIBERESPONSE;
        if (state.refusesReads(readable.isEmpty())) {
            return MvStatus.CHANNELCLOSED;
        }
        if (out.requestState() == null
                || out.correlationId() == null
                || out.reasonCodesLen() == null
                || !ApplicationMemory.usable(out.reasonCodes())) {
            // A read's LATEFAULT consumes nothing and leaves the channel usable (GEN-REF-6; GEN-REF-2 is about
            // requests).
            return MvStatus.LATEFAULT;
        }
        MvStatus status = readGate(type);
        if (status != MvStatus.OKAY) {
            return status;
        }
        ReadableItem head = readable.peekFirst();
        int state;
        int correlationId;
        int[] codes;
        if (head instanceof ReadableItem.SubscribeResponse) {
            ReadableItem.SubscribeResponse r = (ReadableItem.SubscribeResponse) head;
            state = r.state();
            correlationId = r.correlationId();
            codes = r.reasonCodes();
        } else {
            ReadableItem.UnsubscribeResponse r = (ReadableItem.UnsubscribeResponse) head;
            state = r.state();
            correlationId = r.correlationId();
            codes = r.reasonCodes();
        }
        // reason_codes_size counts codes (guide; both demos pass the topic count): too few is INVALIDBUFFERSIZE,
        // nothing consumed (SUB-REF-2). A size given in bytes, the header's word, is merely larger and also works.
        if (Integer.toUnsignedLong(out.reasonCodesSize()) < codes.length) {
            return MvStatus.INVALIDBUFFERSIZE;
        }
        if ((long) codes.length * 4 > out.reasonCodes().capacity()) {
            // The size claims room the application's memory does not have: an illegal nested pointer.
            return MvStatus.LATEFAULT;
        }
        readable.pollFirst();
        if (unsubscribe) {
            unsubscribeInFlight = false;
        } else {
            subscribeInFlight = false;
        }
        out.requestState().set(state);
        out.correlationId().set(correlationId);
        for (int i = 0; i < codes.length; i++) {
            out.writeReasonCode(i, codes[i]);
        }
        out.reasonCodesLen().set(codes.length);
        return MvStatus.OKAY;
    }

    // ---- Publish -------------------------------------------------------------------------------

    public MvStatus requestPublish(MvMqttPublishRequest request) {
        MvStatus gate = requestGate();
        if (gate != MvStatus.OKAY) {
            return gate;
        }
        if (request.topic() == null
                || !request.topic().isValid()
                || request.payload() == null
                || !request.payload().isValid()) {
            return lateFault();
        }
        if (publishesInFlight >= host.policy().maxPublishesInFlight()) {
            return MvStatus.RATELIMITED;
        }
        int correlationId = request.correlationId();
        publishesInFlight++;
        Request pending = accept(answer -> new ReadableItem.PublishResponse(answer.code(), correlationId, 0));
        String topic = Utf8.decode(request.topic());
        int qos = request.desiredQos();
        boolean valid = topic != null
                && !topic.isEmpty()
                && topic.indexOf('+') < 0
                && topic.indexOf('#') < 0
                && (qos == 0 || qos == 1);
        if (!valid) {
            // QoS 2 and any other QoS are refused here: nothing reaches the broker (QOS rules).
            pending.answer(pending.answerFor.apply(MvMqttRequestState.INVALIDPARAMETERS));
        } else if (!state.connected()) {
            pending.answer(pending.answerFor.apply(MvMqttRequestState.NOTCONNECTED));
        } else {
            byte[] payload = request.payload().bytes();
            boolean retain = request.retain() != 0;
            send(
                    pending,
                    () -> link.publish(topic, payload, qos, retain),
                    reason -> new ReadableItem.PublishResponse(
                            MvMqttRequestState.REQUESTCOMPLETED.code(), correlationId, reason));
        }
        return MvStatus.OKAY;
    }

    public MvStatus readPublishResponse(MvMqttPublishResponse out) {
        MvStatus status = readGate(MvMqttReadableDataType.PUBLISHRESPONSE);
        if (status != MvStatus.OKAY) {
            return status;
        }
        ReadableItem.PublishResponse r = (ReadableItem.PublishResponse) readable.pollFirst();
        publishesInFlight--;
        out.requestState = r.state();
        out.correlationId = r.correlationId();
        out.reasonCode = r.reasonCode();
        return MvStatus.OKAY;
    }

    // ---- Disconnect ----------------------------------------------------------------------------

    public MvStatus requestDisconnect() {
        MvStatus gate = requestGate();
        if (gate != MvStatus.OKAY) {
            return gate;
        }
        if (disconnectInFlight) {
            return MvStatus.RATELIMITED;
        }
        disconnectInFlight = true;
        Request pending = accept(answer -> new ReadableItem.DisconnectResponse(answer.code(), 0));
        if (!state.connected()) {
            pending.answer(pending.answerFor.apply(MvMqttRequestState.NOTCONNECTED));
            return MvStatus.OKAY;
        }
        BrokerLink current = link;
        link = null;
        state = ChannelState.NOT_CONNECTED;
        // Messages not acknowledged by now stay with the broker's session: it redelivers them.
        unacknowledged.clear();
        send(
                pending,
                current::disconnect,
                code -> new ReadableItem.DisconnectResponse(MvMqttRequestState.REQUESTCOMPLETED.code(), code));
        return MvStatus.OKAY;
    }

    public MvStatus readDisconnectResponse(MvMqttDisconnectResponse out) {
        MvStatus status = readGate(MvMqttReadableDataType.DISCONNECTRESPONSE);
        if (status != MvStatus.OKAY) {
            return status;
        }
        ReadableItem.DisconnectResponse r = (ReadableItem.DisconnectResponse) readable.pollFirst();
        disconnectInFlight = false;
        out.requestState = r.state();
        out.disconnectCode = r.disconnectCode();
        return MvStatus.OKAY;
    }

    // ---- Receiving -----------------------------------------------------------------------------

    public MvStatus getNextReadableDataType(U32Ref type) {
        if (state.refusesReads(readable.isEmpty())) {
            return MvStatus.CHANNELCLOSED;
        }
        ReadableItem head = readable.peekFirst();
        type.set(head == null ? MvMqttReadableDataType.NONE.code() : head.type().code());
        return MvStatus.OKAY;
    }

    public MvStatus receiveMessage(MvMqttMessage out) {
        if (state.refusesReads(readable.isEmpty())) {
            return MvStatus.CHANNELCLOSED;
        }
        if (out.correlationId() == null
                || out.qos() == null
                || out.retain() == null
                || !writable(out.topic())
                || !writable(out.payload())) {
            return MvStatus.LATEFAULT;
        }
        MvStatus status = readGate(MvMqttReadableDataType.MESSAGERECEIVED);
        if (status != MvStatus.OKAY) {
            return status;
        }
        ReadableItem.Message m = (ReadableItem.Message) readable.peekFirst();
        if (m.topic().length > out.topic().size()
                || m.payload().length > out.payload().size()) {
            // Reference: nothing written, the message stays pending for a retry with larger buffers.
            return MvStatus.INVALIDBUFFERSIZE;
        }
        readable.pollFirst();
        unreadBytes -= m.topic().length + m.payload().length;
        out.correlationId().set(m.correlationId());
        write(out.topic(), m.topic());
        write(out.payload(), m.payload());
        out.qos().set(m.qos());
        out.retain().set(m.retain() ? 1 : 0);
        return MvStatus.OKAY;
    }

    public MvStatus receiveLostMessageInfo(MvMqttLostMessageInfo out) {
        if (state.refusesReads(readable.isEmpty())) {
            return MvStatus.CHANNELCLOSED;
        }
        if (out.reason() == null || out.messageLen() == null || !writable(out.topic())) {
            return MvStatus.LATEFAULT;
        }
        MvStatus status = readGate(MvMqttReadableDataType.MESSAGELOST);
        if (status != MvStatus.OKAY) {
            return status;
        }
        ReadableItem.LostMessage m = (ReadableItem.LostMessage) readable.peekFirst();
        if (m.topic().length > out.topic().size()) {
            return MvStatus.INVALIDBUFFERSIZE;
        }
        readable.pollFirst();
        out.reason().set(MvMqttLostMessageReason.DEVICERECEIVEBUFFERTOOSMALL.code());
        write(out.topic(), m.topic());
        out.messageLen().set(m.messageLength());
        return MvStatus.OKAY;
    }

    public MvStatus acknowledge(int correlationId) {
        if (!state.acceptsRequests()) {
            return MvStatus.CHANNELCLOSED;
        }
        InboundMessage message = unacknowledged.remove(correlationId);
        if (message == null) {
            return MvStatus.OKAY; // QoS 0, unknown or already acknowledged: nothing to send (ACK-REF-2)
        }
        return awaitWritten(link.acknowledge(message));
    }

    /**
     * OKAY only once the relay has written the PUBACK to the broker's connection (ACK-REF-3): the broker then has
     * it even if the connection is lost the next instant, and does not redeliver the message. Waits with the
     * device's lock released (the relay's threads need it). The connection ending first answers CHANNELCLOSED, as
     * every call does after a loss, and the message may come again; a PUBACK not written within the policy's time
     * means the connection carries nothing any more: the relay drops it, a loss like any other.
     */
    private MvStatus awaitWritten(CompletableFuture<Void> written) {
        written.whenComplete((done, failure) -> {
            host.lock().lock();
            try {
                acknowledgementWritten.signalAll();
            } finally {
                host.lock().unlock();
            }
        });
        long remaining = TimeUnit.MILLISECONDS.toNanos(host.policy().acknowledgeTimeoutMillis());
        try {
            while (!written.isDone() && remaining > 0) {
                remaining = acknowledgementWritten.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (written.isDone() && !written.isCompletedExceptionally()) {
            return MvStatus.OKAY;
        }
        if (!written.isDone() && state.connected()) {
            connectionLost(MvClosureReason.CONNECTIONTERMINATED, MvMqttRequestState.NOTCONNECTED);
        }
        return MvStatus.CHANNELCLOSED;
    }

    private static boolean writable(MvSizedStringBuffer buffer) {
        return buffer != null && buffer.isValid() && !buffer.data().isReadOnly();
    }

    private static void write(MvSizedStringBuffer buffer, byte[] bytes) {
        ByteBuffer data = buffer.data();
        for (int i = 0; i < bytes.length; i++) {
            data.put(i, bytes[i]);
        }
        buffer.length().set(bytes.length);
    }

    /** Common checks of the read calls once pointers are known good. */
    private MvStatus readGate(MvMqttReadableDataType wanted) {
        if (state.refusesReads(readable.isEmpty())) {
            return MvStatus.CHANNELCLOSED;
        }
        ReadableItem head = readable.peekFirst();
        if (head == null) {
            return MvStatus.RESPONSENOTPRESENT;
        }
        if (head.type() != wanted) {
            return MvStatus.WRONGDATAREQUESTED;
        }
        return MvStatus.OKAY;
    }

    // ---- Broker events (relay threads) ---------------------------------------------------------

    @Override
    public void onMessage(InboundMessage message) {
        host.lock().lock();
        try {
            if (state.holdsInbound()) {
                held.add(message);
                return;
            }
            deliver(message);
        } finally {
            host.lock().unlock();
        }
    }

    private void deliver(InboundMessage message) {
        if (!state.connected()) {
            return;
        }
        if (breaker.tripsOn()) {
            tripBreaker();
            return;
        }
        int length = message.topic().length + message.payload().length;
        if (length > receiveBufferLen) {
            // It can never be delivered: settle it with the broker and tell the application.
            link.acknowledge(message);
            // message_len is what did not fit, so "the buffer must be at least message_len" holds (LOST-REF-1).
            enqueue(new ReadableItem.LostMessage(message.topic(), length));
            return;
        }
        if (unreadBytes + length > (long) host.policy().receiveQueueBuffers() * receiveBufferLen) {
            // The application stopped reading: a bounded queue, and the same way out as the breaker (LOSS-REF-7).
            tripBreaker();
            return;
        }
        unreadBytes += length;
        int correlationId = nextMessageCorrelation++;
        if (nextMessageCorrelation == 0) {
            nextMessageCorrelation = 1;
        }
        if (message.qos() > 0) {
            unacknowledged.put(correlationId, message);
        }
        enqueue(new ReadableItem.Message(
                correlationId, message.topic(), message.payload(), message.qos(), message.retain()));
    }

    /**
     * The relay drops the broker connection (LOSS-REF-5): a connection loss like any other, so that firmware
     * that only listens learns of it from CHANNELNOTCONNECTED (LOSS-NOTIF-1), and acknowledgements that could
     * no longer reach the broker answer CHANNELCLOSED instead of OKAY. The requests in flight carry the
     * reason (LOSS-CB-1, LOSS-REF-6).
     */
    private void tripBreaker() {
        connectionLost(MvClosureReason.CONNECTIONTERMINATED, MvMqttRequestState.CONNECTIONCIRCUITBREAKER);
    }

    @Override
    public void onLost(int brokerDisconnectCode) {
        host.lock().lock();
        try {
            if (!state.connected()) {
                return;
            }
            if (brokerDisconnectCode >= 0) {
                // An MQTT 5 DISCONNECT from the broker: its code is readable as a disconnect response, which the
                // demo reads on its dropped-connection path (0x8E: session taken over), then the loss (DISC-REF-2).
                enqueue(new ReadableItem.DisconnectResponse(
                        MvMqttRequestState.NOTCONNECTED.code(), brokerDisconnectCode));
            }
            connectionLost(MvClosureReason.CHANNELCLOSEDBYSERVER, MvMqttRequestState.NOTCONNECTED);
        } finally {
            host.lock().unlock();
        }
    }

    /** Ends the channel's connection for good: requests in flight get {@code inFlightState}, then CHANNELNOTCONNECTED. */
    private void connectionLost(MvClosureReason reason, MvMqttRequestState inFlightState) {
        end(ChannelState.LOST);
        closureReason = reason;
        for (Request r : new ArrayList<>(unanswered)) {
            r.answer(r.answerFor.apply(inFlightState));
        }
        host.notify(notificationHandle, notificationTag, MvEventType.CHANNELNOTCONNECTED);
    }

    /** Sends through the link and answers the request when the broker does (or the connection fails). */
    private <T> void send(Request pending, Supplier<CompletableFuture<T>> action, Function<T, ReadableItem> onSuccess) {
        CompletableFuture<T> future;
        try {
            future = action.get();
        } catch (RuntimeException e) {
            // The client library refused the packet (an invalid topic, say): nothing was sent.
            pending.answer(pending.answerFor.apply(MvMqttRequestState.INVALIDPARAMETERS));
            return;
        }
        future.whenComplete((value, failure) -> {
            host.lock().lock();
            try {
                if (failure == null) {
                    pending.answer(onSuccess.apply(value));
                } else {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    if (cause instanceof BrokerLink.BrokerRefusedException) {
                        ReadableItem answer = pending.answerFor.apply(MvMqttRequestState.INVALIDPARAMETERS);
                        if (answer instanceof ReadableItem.PublishResponse) {
                            ReadableItem.PublishResponse p = (ReadableItem.PublishResponse) answer;
                            answer = new ReadableItem.PublishResponse(
                                    p.state(),
                                    p.correlationId(),
                                    ((BrokerLink.BrokerRefusedException) cause).reasonCode());
                        }
                        pending.answer(answer);
                    } else {
                        pending.answer(pending.answerFor.apply(MvMqttRequestState.NOTCONNECTED));
                    }
                }
            } finally {
                host.lock().unlock();
            }
        });
    }
}
