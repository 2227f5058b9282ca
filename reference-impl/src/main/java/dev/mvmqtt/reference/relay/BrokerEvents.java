package dev.mvmqtt.reference.relay;

/** What a live broker link reports to its channel. Called on relay threads. */
public interface BrokerEvents {
    void onMessage(InboundMessage message);

    /**
     * The connection ended without the device asking: the broker closed it or the TCP connection
     * failed. {@code disconnectCode} is the broker's MQTT 5 DISCONNECT reason code, or -1 when none
     * was sent.
     */
    void onLost(int disconnectCode);
}
