package dev.mvmqtt.reference.relay;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the 3.1.1 and 5 links share: the relay under them, exactly-once loss reporting, and the hand-off of
 * everything the MQTT client reports to the device's own serial executor.
 *
 * <p>The MQTT client calls back on its event-loop threads, which every client of the JVM shares; the device takes
 * its lock for each event, so the events are handed to {@code deviceEvents} first and the event loop never waits
 * for a device. That executor runs one task at a time in arrival order, and the client reports one connection's
 * messages and acknowledgements on one event-loop thread in the broker's order, so the channel still sees them in
 * that order.
 */
abstract class AbstractBrokerLink implements BrokerLink {
    private final TcpRelay relay;
    private final Executor deviceEvents;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean connected;
    /**
     * Null once the link has ended: the MQTT client may keep its session (and so this link, through its callbacks)
     * for the session's expiry, up to an hour; the channel and its device must not stay reachable through it.
     */
    private volatile BrokerEvents events;

    AbstractBrokerLink(TcpRelay relay, BrokerEvents events, Executor deviceEvents) {
        this.relay = relay;
        this.events = events;
        this.deviceEvents = deviceEvents;
        // Losses are reported by the MQTT client's disconnected listener alone: it sees the broker's MQTT 5
        // DISCONNECT (and its code) before the end of the stream, which a report from the relay would race.
    }

    abstract CompletableFuture<?> connect();

    void markConnected() {
        connected = true;
    }

    /** A message from the broker, on the client's event loop: passed on to the device's executor. */
    final void received(InboundMessage message) {
        BrokerEvents target = events;
        if (target != null) {
            deviceEvents.execute(() -> target.onMessage(message));
        }
    }

    /** {@code answer}, completed on the device's executor (see the class comment). */
    final <T> CompletableFuture<T> handOff(CompletableFuture<T> answer) {
        CompletableFuture<T> handedOff = new CompletableFuture<>();
        answer.whenComplete((value, failure) -> deviceEvents.execute(() -> {
            if (failure == null) {
                handedOff.complete(value);
            } else {
                handedOff.completeExceptionally(failure);
            }
        }));
        return handedOff;
    }

    /**
     * The connection ended without the device asking; reported once, and only after CONNACK.
     *
     * @param brokerDisconnectCode the code of the broker's MQTT 5 DISCONNECT, or -1 when there was none
     */
    final void lost(int brokerDisconnectCode) {
        if (connected && ended.compareAndSet(false, true)) {
            relay.close();
            BrokerEvents target = events;
            events = null;
            if (target != null) {
                deviceEvents.execute(() -> target.onLost(brokerDisconnectCode));
            }
        }
    }

    /** The device ended it (graceful or abrupt): never reported as a loss, and nothing more reaches the device. */
    final void endedByDevice() {
        ended.set(true);
        events = null;
    }

    @Override
    public final CompletableFuture<Void> acknowledge(InboundMessage message) {
        if (message.qos() == 0) {
            return CompletableFuture.completedFuture(null); // nothing to send
        }
        // Claimed before the hand-over, so that the PUBACK cannot pass the relay unclaimed.
        CompletableFuture<Void> written = relay.acknowledgements().claim();
        message.acknowledge().run();
        // Completed on the relay's selector thread, which every connection shares: the device takes its lock
        // on its own executor instead.
        return handOff(written);
    }

    @Override
    public final void drop() {
        endedByDevice();
        relay.close();
    }

    @Override
    public final CompletableFuture<Void> ended() {
        return relay.ended();
    }

    final void dropSilently() {
        drop();
    }
}
