package dev.mvmqtt.tck.tests.messaging.model;

import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The model of one MQTT channel as the reference rules describe it: whether a channel is open, its connection
 * (never connected, connected, gracefully disconnected), whether a connect was already requested (CONN-ONCE-1), the
 * requests in flight (subscribe, unsubscribe, up to 16 publishes), the responses and messages that will become
 * readable, and the QoS 1 messages received but not acknowledged.
 */
public final class ChannelModel {
    public enum Phase {
        NO_CHANNEL,
        OPEN,
        CONNECTED,
        DISCONNECTED
    }

    /** A response the implementation owes: its kind, correlation id and the state the model expects. */
    public record Expected(MvMqttReadableDataType type, int correlationId, MvMqttRequestState state) {}

    public static final int MAX_PUBLISHES_IN_FLIGHT = 16;

    Phase phase = Phase.NO_CHANNEL;
    boolean connectRequested;
    /** Responses owed, by correlation id (ids are unique within a chain). */
    final Map<Integer, Expected> owed = new LinkedHashMap<>();

    boolean subscribeInFlight;
    boolean unsubscribeInFlight;
    int publishesInFlight;
    /** The device's subscription to the chain's topic is in effect (its response was read, REQUESTCOMPLETED). */
    boolean subscribed;
    /**
     * Whether the last of the subscribe and unsubscribe requests issued was an unsubscribe: the broker
     * applies them in the order sent, so a subscribe response read after a later unsubscribe was issued
     * does not leave the topic subscribed.
     */
    boolean unsubscribedSince;
    /** Messages the observer published to the subscribed topic and the device has not yet read. */
    int messagesOwed;
    /** Correlation ids of QoS 1 messages received and not yet acknowledged. */
    final Set<Integer> unacknowledged = new LinkedHashSet<>();

    int opens;
    final List<String> log = new ArrayList<>();

    boolean hasChannel() {
        return phase != Phase.NO_CHANNEL;
    }

    boolean connected() {
        return phase == Phase.CONNECTED;
    }

    /** The state a request issued now is answered with. */
    MvMqttRequestState requestOutcome() {
        return connected() ? MvMqttRequestState.REQUESTCOMPLETED : MvMqttRequestState.NOTCONNECTED;
    }

    boolean nothingPending() {
        return owed.isEmpty() && messagesOwed == 0;
    }

    void channelClosed() {
        phase = Phase.NO_CHANNEL;
        connectRequested = false;
        owed.clear();
        subscribeInFlight = false;
        unsubscribeInFlight = false;
        publishesInFlight = 0;
        subscribed = false;
        unsubscribedSince = false;
        messagesOwed = 0;
        unacknowledged.clear();
    }

    @Override
    public String toString() {
        return "ChannelModel{" + phase + ", connectRequested=" + connectRequested + ", owed=" + owed.values()
                + ", subscribeInFlight=" + subscribeInFlight + ", unsubscribeInFlight=" + unsubscribeInFlight
                + ", publishesInFlight=" + publishesInFlight + ", subscribed=" + subscribed + ", messagesOwed="
                + messagesOwed
                + ", unacknowledged=" + unacknowledged + "}";
    }
}
