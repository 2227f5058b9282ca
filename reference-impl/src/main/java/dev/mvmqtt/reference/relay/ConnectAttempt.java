package dev.mvmqtt.reference.relay;

import java.util.concurrent.CompletableFuture;

/**
 * One connect in progress, which the channel can abandon (its link went down, or it was closed) before the outcome
 * arrives. An abandoned connect must not reach the broker later: a CONNECT arriving after the device's next
 * connection would take the session over from it, and the broker would close that connection before reading the
 * PUBACKs it had already been written, so messages acknowledged OKAY would come again (ACK-REF-3).
 */
public final class ConnectAttempt {
    private final CompletableFuture<ConnectOutcome> outcome;
    /** Completes once no broker connection of this attempt is open any more; set when abandoned. */
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private TcpRelay relay;
    private boolean abandoned;

    ConnectAttempt(CompletableFuture<ConnectOutcome> outcome) {
        this.outcome = outcome;
        // An attempt that never opened a relay, or whose relay was closed at once, has nothing left at the broker.
        outcome.whenComplete((o, failure) -> {
            TcpRelay open;
            synchronized (this) {
                open = relay;
            }
            if (open == null) {
                ended.complete(null);
            }
        });
    }

    /** Never completes exceptionally; completes on the device's executor (see {@link BrokerConnector#connect}). */
    public CompletableFuture<ConnectOutcome> outcome() {
        return outcome;
    }

    /** The relay to the broker is open; false (and the relay closed) when the attempt was abandoned first. */
    boolean opened(TcpRelay relay) {
        synchronized (this) {
            if (!abandoned) {
                this.relay = relay;
                return true;
            }
        }
        relay.close();
        return false;
    }

    /**
     * Stops the attempt: its broker connection, if one is open, is dropped as a connection loss drops it. The
     * outcome still completes (it is then of no use). Returns what completes once that connection has ended at
     * the broker (see {@link TcpRelay#ended()}).
     */
    public CompletableFuture<Void> abandon() {
        TcpRelay open;
        synchronized (this) {
            abandoned = true;
            open = relay;
        }
        if (open != null) {
            open.close();
            open.ended().whenComplete((v, failure) -> ended.complete(null));
        }
        return ended;
    }
}
