package dev.mvmqtt.reference.relay;

/** What a live broker link reports to its channel. Called on relay threads. */
public interface BrokerEvents {
    void onMessage(InboundMessage message);

    /**
     * The connection ended without the device asking: the broker closed it (with or without an MQTT 5
     * DISCONNECT) or the TCP connection failed. No response carries the broker's reason code then,
     * since no request awaits it (DISC-REF-2).
     */
    void onLost();
}
