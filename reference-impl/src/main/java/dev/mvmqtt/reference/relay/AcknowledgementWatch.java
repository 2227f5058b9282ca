package dev.mvmqtt.reference.relay;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Tells when an acknowledgement handed to the MQTT client has been written to the broker's connection, by
 * watching the bytes the relay writes towards the broker (ACK-REF-3).
 *
 * <p>Over plain TCP each PUBACK is a packet the relay reads: the n-th acknowledgement claimed is done once the n-th
 * PUBACK's last byte has been written (the client writes PUBACKs in the order it was asked to; every PUBACK it sends
 * is asked for through {@link #claim()}). Over TLS the relay sees records, not packets: a claim is done once a record
 * begun after it has been written, which is the PUBACK unless the client wrote another packet of the same connection
 * at that moment.
 */
final class AcknowledgementWatch {
    private record Claim(long unit, CompletableFuture<Void> written) {}

    private final StreamUnits units;
    private final ArrayDeque<Claim> claims = new ArrayDeque<>();
    private long lastClaimed;
    private boolean dropped;

    AcknowledgementWatch(StreamUnits units) {
        this.units = units;
    }

    static AcknowledgementWatch forStream(boolean tls) {
        return new AcknowledgementWatch(tls ? new TlsRecordReader() : new MqttFrameReader());
    }

    /**
     * Call right before handing one acknowledgement to the client. The future completes when its bytes have been
     * written to the broker's connection, and fails when the connection is dropped first.
     */
    synchronized CompletableFuture<Void> claim() {
        CompletableFuture<Void> written = new CompletableFuture<>();
        if (dropped) {
            written.completeExceptionally(new IOException("the broker connection was dropped"));
            return written;
        }
        long unit = units.onePerAcknowledgement() ? Math.max(units.started(), lastClaimed) + 1 : units.started() + 1;
        lastClaimed = unit;
        claims.addLast(new Claim(unit, written));
        return written;
    }

    /** The relay wrote these bytes to the broker's connection (its client-to-broker pump). */
    void written(byte[] bytes, int offset, int length) {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        synchronized (this) {
            if (dropped) {
                return;
            }
            units.feed(bytes, offset, length);
            while (!claims.isEmpty() && claims.peekFirst().unit() <= units.completed()) {
                done.add(claims.pollFirst().written());
            }
        }
        // Completed outside the monitor: what waits on them takes the device's lock.
        done.forEach(f -> f.complete(null));
    }

    /** The connection was dropped: nothing more is written, claims not yet done never will be. */
    void dropped() {
        List<CompletableFuture<Void>> failed;
        synchronized (this) {
            dropped = true;
            failed = claims.stream().map(Claim::written).toList();
            claims.clear();
        }
        failed.forEach(f -> f.completeExceptionally(new IOException("the broker connection was dropped")));
    }
}
