package dev.mvmqtt.reference.relay;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** What the 3.1.1 and 5 links share: the relay under them and exactly-once loss reporting. */
abstract class AbstractBrokerLink implements BrokerLink {
    private final TcpRelay relay;
    private final BrokerEvents events;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean connected;

    AbstractBrokerLink(TcpRelay relay, BrokerEvents events) {
        this.relay = relay;
        this.events = events;
        // Losses are reported by the MQTT client's disconnected listener alone: it sees the broker's MQTT 5
        // DISCONNECT (and its code) before the end of the stream, which a report from the relay would race.
    }

    abstract CompletableFuture<?> connect();

    void markConnected() {
        connected = true;
    }

    final BrokerEvents events() {
        return events;
    }

    /**
     * The connection ended without the device asking; reported once, and only after CONNACK.
     *
     * @param brokerDisconnectCode the code of the broker's MQTT 5 DISCONNECT, or -1 when there was none
     */
    final void lost(int brokerDisconnectCode) {
        if (connected && ended.compareAndSet(false, true)) {
            relay.close();
            events.onLost(brokerDisconnectCode);
        }
    }

    /** The device ended it (graceful or abrupt): never reported as a loss. */
    final void endedByDevice() {
        ended.set(true);
    }

    @Override
    public final CompletableFuture<Void> acknowledge(InboundMessage message) {
        if (message.qos() == 0) {
            return CompletableFuture.completedFuture(null); // nothing to send
        }
        // Claimed before the hand-over, so that the PUBACK cannot pass the relay unclaimed.
        CompletableFuture<Void> written = relay.acknowledgements().claim();
        message.acknowledge().run();
        return written;
    }

    @Override
    public final void drop() {
        endedByDevice();
        relay.close();
    }

    final void dropSilently() {
        drop();
    }
}
