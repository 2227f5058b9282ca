package dev.mvmqtt.reference.relay;

/** What a live broker link reports to its channel. Called on relay threads. */
public interface BrokerEvents {
    void onMessage(InboundMessage message);

    /**
     * The connection ended without the device asking: the broker closed it (with or without an MQTT 5
     * DISCONNECT) or the TCP connection failed.
     *
     * @param brokerDisconnectCode the reason code of the broker's MQTT 5 DISCONNECT, or -1 when the broker sent
     *                             none (3.1.1, or the connection simply ended); the channel makes it readable as a
     *                             disconnect response (DISC-REF-2)
     */
    void onLost(int brokerDisconnectCode);
}
