package dev.mvmqtt.reference.channel;

/**
 * Where a channel is in its life: every combination of connection and usability that occurs. A channel moves
 * forward only (IDLE, CONNECTING, CONNECTED and SUBSCRIBING, NOT_CONNECTED) and ends in LOST, FAULTED or CLOSED.
 */
enum ChannelState {
    /** Open; no connect asked for yet. */
    IDLE,
    /** A connect was accepted and the relay has not answered yet; messages of a resumed session are held. */
    CONNECTING,
    /** A live broker link. */
    CONNECTED,
    /** A live broker link and a subscribe awaiting its SUBACK: retained messages are held until the response. */
    SUBSCRIBING,
    /** The connect failed or was refused, or the device disconnected: requests are answered NOTCONNECTED. */
    NOT_CONNECTED,
    /** The connection was lost (network, broker, circuit breaker): requests are refused, what is queued stays readable. */
    LOST,
    /** A request's LATEFAULT left the channel unusable (header): everything is refused, nothing is readable. */
    FAULTED,
    /** mvCloseChannel. */
    CLOSED;

    boolean acceptsRequests() {
        return this != LOST && this != FAULTED && this != CLOSED;
    }

    boolean connected() {
        return this == CONNECTED || this == SUBSCRIBING;
    }

    /** Inbound messages wait until the response they must follow has been queued. */
    boolean holdsInbound() {
        return this == CONNECTING || this == SUBSCRIBING;
    }

    /** Whether responses and messages may still be queued for the application. */
    boolean queues() {
        return this != FAULTED && this != CLOSED;
    }

    /** Whether a read answers CHANNELCLOSED, given whether anything is still queued. */
    boolean refusesReads(boolean nothingQueued) {
        return this == FAULTED || this == CLOSED || this == LOST && nothingQueued;
    }
}
